import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { make, startAdminHarness, type AdminHarness } from '../support/admin-harness.ts';
import { startSwitchableTarget, type SwitchableTarget } from '../support/switchable-target.ts';
import { waitFor } from '../support/wait-for.ts';

interface Incident {
  id: string;
  source: string;
  status: string;
  component_ids: string[];
  resolved_at: string | null;
  taken_over_by: string | null;
  monitors_recovered: boolean;
  updates: { body: string; status: string }[];
}

/** Item 4 of issue 14: "take over and post" in one call, and the recovered-after-takeover notice. */
describe('an automatic incident: take over and post in one step; its monitors recover', () => {
  let h: AdminHarness;
  let target: SwitchableTarget;
  before(async () => {
    h = await startAdminHarness();
    target = await startSwitchableTarget();
  });
  after(async () => {
    await h?.close();
    await target?.close();
  });

  const openAuto = async (componentId: string) =>
    waitFor(
      'an automatic incident',
      async () =>
        (await h.call(h.sessions.editor, 'GET', '/api/v1/incidents?state=open'))
          .json<Incident[]>()
          .find((i) => i.source === 'auto' && i.component_ids.includes(componentId)),
      15_000,
    );

  test('take_over: true takes it over and posts in one transaction, audited as both; recovery is reported', async () => {
    target.healthy = false;
    const monitorId = h.uniq('flaky');
    const componentId = h.uniq('checkout');
    await make(h, '/api/v1/monitors', {
      id: monitorId,
      type: 'http',
      url: `${target.url}/`,
      interval: '1s',
      timeout: '1s',
      failure_threshold: 1,
    });
    await make(h, '/api/v1/components', { id: componentId, name: 'Checkout', monitors: [monitorId] });
    const auto = await openAuto(componentId);
    assert.equal(auto.taken_over_by, null);
    assert.equal(auto.monitors_recovered, false);

    const refused = await h.call(h.sessions.editor, 'POST', `/api/v1/incidents/${auto.id}/updates`, {
      body: { status: 'identified', body: 'We found it.' },
    });
    assert.equal(refused.status, 409);
    assert.match(refused.json().message as string, /"take_over": true/);
    // a refused take-over-and-post leaves nothing behind: a bad component fails the whole call
    const bad = await h.call(h.sessions.editor, 'POST', `/api/v1/incidents/${auto.id}/updates`, {
      body: {
        status: 'identified',
        body: 'x',
        take_over: true,
        components: [{ id: 'no-such-comp', status: 'major_outage' }],
      },
    });
    assert.equal(bad.status, 400, bad.body);
    const still = (await h.call(h.sessions.editor, 'GET', `/api/v1/incidents/${auto.id}`)).json<Incident>();
    assert.equal(still.taken_over_by, null, 'the takeover was rolled back with the update');

    const posted = await h.call(h.sessions.editor, 'POST', `/api/v1/incidents/${auto.id}/updates`, {
      body: { status: 'identified', body: 'We found it.', take_over: true },
    });
    assert.equal(posted.status, 201, posted.body);
    const after = posted.json<Incident>();
    assert.equal(after.taken_over_by, h.users.editor.email);
    assert.equal(after.status, 'identified');
    assert.equal(after.updates.at(-1)!.body, 'We found it.');
    const actions = (await h.store.admin.listAudit({ limit: 20, targetId: auto.id })).map((e) => e.action);
    assert.ok(actions.includes('incident.take_over'), actions.join(','));
    assert.ok(actions.includes('incident.update.create'), actions.join(','));
    // once taken over, take_over: true again is no error (nothing more to take)
    const again = await h.call(h.sessions.editor, 'POST', `/api/v1/incidents/${auto.id}/updates`, {
      body: { body: 'Still on it.', take_over: true },
    });
    assert.equal(again.status, 201, again.body);
    assert.equal(
      (await h.store.admin.listAudit({ limit: 50, targetId: auto.id })).filter((e) => e.action === 'incident.take_over')
        .length,
      1,
    );

    target.healthy = true;
    const recovered = await waitFor(
      'monitors_recovered',
      async () => {
        const i = (await h.call(h.sessions.viewer, 'GET', `/api/v1/incidents/${auto.id}`)).json<Incident>();
        return i.monitors_recovered ? i : undefined;
      },
      15_000,
    );
    assert.equal(recovered.resolved_at, null, 'a taken-over incident is not resolved by Pharos');
    const resolved = await h.call(h.sessions.editor, 'POST', `/api/v1/incidents/${auto.id}/updates`, {
      body: { status: 'resolved', body: 'Recovered.' },
    });
    assert.equal(resolved.status, 201);
    assert.equal(resolved.json<Incident>().monitors_recovered, false, 'resolved: nothing left to offer');
  });

  test('take_over: true on an incident written by people is refused (409), nothing posted', async () => {
    const made = await make<{ id: string }>(h, '/api/v1/incidents', { name: 'By hand', body: 'first' });
    const res = await h.call(h.sessions.editor, 'POST', `/api/v1/incidents/${made.id}/updates`, {
      body: { body: 'x', take_over: true },
    });
    assert.equal(res.status, 409);
    const i = (await h.call(h.sessions.editor, 'GET', `/api/v1/incidents/${made.id}`)).json<Incident>();
    assert.equal(i.updates.length, 1);
  });
});
