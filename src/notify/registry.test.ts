import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { z } from 'zod';
import { channelSchema, type ChannelConfig } from './channel-schema.ts';
import type { Notifier } from './notifier.ts';
import { redactChannel } from './redact-channel.ts';
import { CHANNEL_TYPES, notifierFor, notifiers } from './registry.ts';

/** Every part of the interface; the compiler fails here when Notifier gains a part this test does not know. */
const PARTS = {
  type: 'string',
  fields: 'object',
  secretFields: 'object',
  fieldTexts: 'object',
  template: 'object',
  secretTarget: 'function',
  send: 'function',
} as const satisfies Record<keyof Notifier, string>;

/** Compiles only while channel configs narrow by `type` (no cast): the email variant has `smtp`, the others do not. */
function smtpHostOf(config: ChannelConfig): string | undefined {
  return config.type === 'email' ? config.smtp.host : undefined;
}

/** The schema under a dot path of an object schema (through optional, default and nullable), if there is one. */
function schemaAt(schema: z.core.$ZodType, path: readonly string[]): z.core.$ZodType | undefined {
  let current: z.core.$ZodType | undefined = schema;
  for (const key of path) {
    while (current instanceof z.ZodOptional || current instanceof z.ZodDefault || current instanceof z.ZodNullable)
      current = current.unwrap() as z.core.$ZodType;
    if (!(current instanceof z.ZodObject)) return undefined;
    current = (current.shape as Record<string, z.core.$ZodType>)[key];
  }
  return current;
}

describe('notifier registry: every provider implements every part', () => {
  for (const [key, notifier] of Object.entries(notifiers) as [string, Notifier][]) {
    describe(key, () => {
      test('has every part, and its key is its type', () => {
        for (const [part, kind] of Object.entries(PARTS))
          assert.equal(typeof notifier[part as keyof Notifier], kind, part);
        assert.equal(notifier.type, key);
      });

      test('its template is valid: for its own fields, and as a channel once given an id', () => {
        assert.equal(notifier.fields.safeParse(notifier.template).success, true);
        const parsed = channelSchema.parse({ id: 'x', type: key, ...notifier.template });
        assert.equal(parsed.type, key);
      });

      test('its secret fields name fields it has, and are hidden from the API', () => {
        for (const path of notifier.secretFields)
          assert.ok(schemaAt(notifier.fields, path.split('.')), `${key}: no field ${path}`);
        const channel = channelSchema.parse({ id: 'x', type: key, ...notifier.template });
        const redacted = JSON.stringify(redactChannel(channel));
        for (const path of notifier.secretFields) {
          const value = path
            .split('.')
            .reduce<unknown>((at, k) => (at as Record<string, unknown> | undefined)?.[k], channel);
          if (typeof value === 'string') assert.ok(!redacted.includes(value), `${key}.${path} shown`);
        }
      });

      test('a channel of its type is sent by it', () => {
        const channel = channelSchema.parse({ id: 'x', type: key, ...notifier.template });
        assert.equal(notifierFor(channel).notifier, notifier);
      });
    });
  }

  test('the channel schema has one variant per type and narrows by type', () => {
    assert.deepEqual(CHANNEL_TYPES, Object.keys(notifiers));
    const email = channelSchema.parse({ id: 'mail', type: 'email', ...notifiers.email.template });
    assert.equal(smtpHostOf(email), 'smtp.example.com');
    assert.equal(
      smtpHostOf(channelSchema.parse({ id: 'chat', type: 'slack', ...notifiers.slack.template })),
      undefined,
    );
    const wrongFields = channelSchema.safeParse({ id: 'x', type: 'slack', ...notifiers.email.template });
    assert.equal(wrongFields.success, false);
    assert.equal(channelSchema.safeParse({ id: 'x', type: 'carrier-pigeon' }).success, false);
  });
});
