import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { LoginThrottle, type ThrottleDecision } from './login-throttle.ts';

function clock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('LoginThrottle', () => {
  // Each row: a script of steps on one key, max 3 failures in 60 s; `expect` is what check() says after.
  type Step = { wait?: number; fail?: number; succeed?: true; expect: ThrottleDecision };
  const rows: { name: string; steps: Step[] }[] = [
    { name: 'a fresh key is allowed', steps: [{ expect: { allowed: true } }] },
    { name: 'below the limit', steps: [{ fail: 2, expect: { allowed: true } }] },
    { name: 'at the limit', steps: [{ fail: 3, expect: { allowed: false, retryAfterMs: 60_000 } }] },
    {
      name: 'retry-after counts down from the oldest failure',
      steps: [
        { fail: 1, expect: { allowed: true } },
        { wait: 10_000, fail: 2, expect: { allowed: false, retryAfterMs: 50_000 } },
        { wait: 20_000, expect: { allowed: false, retryAfterMs: 30_000 } },
      ],
    },
    {
      name: 'window slides: oldest failure leaves, one more try',
      steps: [
        { fail: 1, expect: { allowed: true } },
        { wait: 10_000, fail: 2, expect: { allowed: false, retryAfterMs: 50_000 } },
        { wait: 50_000, expect: { allowed: true } },
      ],
    },
    {
      name: 'failures past the limit push retry-after out',
      steps: [
        { fail: 3, expect: { allowed: false, retryAfterMs: 60_000 } },
        { wait: 30_000, fail: 3, expect: { allowed: false, retryAfterMs: 60_000 } },
      ],
    },
    {
      name: 'success clears',
      steps: [
        { fail: 3, expect: { allowed: false, retryAfterMs: 60_000 } },
        { succeed: true, expect: { allowed: true } },
      ],
    },
    {
      name: 'all expired after the window',
      steps: [
        { fail: 3, expect: { allowed: false, retryAfterMs: 60_000 } },
        { wait: 60_000, expect: { allowed: true } },
      ],
    },
  ];
  for (const { name, steps } of rows) {
    test(name, () => {
      const c = clock();
      const throttle = new LoginThrottle({ max: 3, windowMs: 60_000, maxKeys: 10, now: c.now });
      steps.forEach((step, i) => {
        if (step.wait) c.advance(step.wait);
        for (let n = 0; n < (step.fail ?? 0); n++) throttle.fail('10.0.0.1');
        if (step.succeed) throttle.succeed('10.0.0.1');
        assert.deepEqual(throttle.check('10.0.0.1'), step.expect, `step ${i}`);
      });
    });
  }

  test('keys are independent', () => {
    const throttle = new LoginThrottle({ max: 2, windowMs: 60_000, maxKeys: 10, now: clock().now });
    throttle.fail('a');
    throttle.fail('a');
    assert.equal(throttle.check('a').allowed, false);
    assert.equal(throttle.check('b').allowed, true);
  });

  test('a flood of distinct keys stays within maxKeys, dropping the least recent', () => {
    const c = clock();
    const throttle = new LoginThrottle({ max: 2, windowMs: 60_000, maxKeys: 100, now: c.now });
    throttle.fail('old');
    throttle.fail('old');
    c.advance(1);
    throttle.fail('recent');
    throttle.fail('recent');
    for (let i = 0; i < 5_000; i++) {
      throttle.fail(`flood-${i}`);
      if (i % 50 === 0) {
        throttle.fail('recent'); // keeps it among the most recent
        throttle.fail('recent');
      }
    }
    assert.ok(throttle.size <= 100, `size ${throttle.size}`);
    assert.equal(throttle.check('old').allowed, true);
    assert.equal(throttle.check('recent').allowed, false);
  });

  test('expired keys are dropped when looked at', () => {
    const c = clock();
    const throttle = new LoginThrottle({ max: 5, windowMs: 1_000, maxKeys: 10, now: c.now });
    throttle.fail('a');
    assert.equal(throttle.size, 1);
    c.advance(1_000);
    throttle.check('a');
    assert.equal(throttle.size, 0);
  });

  test('defaults and bad options', () => {
    const c = clock();
    const throttle = new LoginThrottle({ now: c.now });
    for (let i = 0; i < 9; i++) throttle.fail('ip');
    assert.equal(throttle.check('ip').allowed, true);
    throttle.fail('ip');
    assert.deepEqual(throttle.check('ip'), { allowed: false, retryAfterMs: 15 * 60_000 });
    assert.throws(() => new LoginThrottle({ max: 0 }), RangeError);
    assert.throws(() => new LoginThrottle({ windowMs: 0 }), RangeError);
    assert.throws(() => new LoginThrottle({ maxKeys: 0 }), RangeError);
  });
});
