import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { z } from 'zod';
import { channelFormFields, ChannelFormError, deriveFormFields, type ChannelFormField } from './channel-form.ts';
import { channelSchema } from './channel-schema.ts';
import { CHANNEL_TYPES, notifiers } from './registry.ts';

const flat = (fields: ChannelFormField[]): ChannelFormField[] =>
  fields.flatMap((f) => (f.children ? [f, ...flat(f.children)] : [f]));

describe('channel forms derived from the notifier schemas', () => {
  for (const type of CHANNEL_TYPES) {
    test(`${type}: every field has a label, a known input, and the secrets are masked`, () => {
      const fields = flat(channelFormFields(type));
      const shape = notifiers[type].fields.shape as Record<string, unknown>;
      assert.deepEqual(
        channelFormFields(type).map((f) => f.path),
        Object.keys(shape),
        'one control per field, in schema order',
      );
      for (const f of fields) {
        assert.ok(f.label.trim().length > 1, `${type}.${f.path} has a label`);
        if (f.input === 'select') assert.ok((f.options ?? []).length > 1, `${type}.${f.path} has choices`);
      }
      for (const secret of notifiers[type].secretFields) {
        const f = fields.find((x) => x.path === secret);
        assert.ok(f?.secret, `${type}.${secret} is a masked secret`);
      }
      // what the form marks required is what the schema refuses to go without
      const required = fields.filter((f) => f.required && !f.path.includes('.')).map((f) => f.path);
      const missing = channelSchema.safeParse({ id: 'x', type });
      const named = new Set(missing.error?.issues.map((i) => String(i.path[0])) ?? []);
      for (const path of required) assert.ok(named.has(path), `${type}.${path} is required by the schema`);
      // and a default is offered as the initial value
      for (const f of fields.filter((x) => x.initial !== undefined)) assert.equal(f.required, false, f.path);
    });
  }

  test('the inputs follow the schema: url, enum, list, record, union, nested object, number range, boolean', () => {
    const byPath = (type: (typeof CHANNEL_TYPES)[number]) =>
      new Map(flat(channelFormFields(type)).map((f) => [f.path, f]));
    const webhook = byPath('webhook');
    assert.equal(webhook.get('url')?.input, 'url');
    assert.deepEqual(webhook.get('method')?.options, ['POST', 'PUT']);
    assert.equal(webhook.get('method')?.initial, 'POST');
    assert.equal(webhook.get('headers')?.input, 'headers');
    assert.equal(webhook.get('secret')?.required, false);
    const email = byPath('email');
    assert.equal(email.get('to')?.input, 'list');
    assert.equal(email.get('from')?.input, 'mailbox');
    assert.equal(email.get('smtp')?.input, 'group');
    assert.equal(email.get('smtp.host')?.required, true);
    assert.equal(email.get('smtp.port')?.initial, 587);
    assert.equal(email.get('smtp.port')?.max, 65535);
    assert.equal(email.get('smtp.secure')?.input, 'checkbox');
    assert.ok(email.get('smtp.pass')?.secret);
    assert.equal(byPath('telegram').get('chat_id')?.input, 'number-or-text');
    assert.equal(byPath('gotify').get('priorities.critical')?.max, 10);
  });

  test('a field without a label, even a nested one, fails', () => {
    const fields = z.object({ url: z.url(), smtp: z.object({ host: z.string(), port: z.number() }) }).strict();
    const made = (fieldTexts: unknown) => deriveFormFields({ type: 'made-up', fields, secretFields: [], fieldTexts });
    assert.throws(() => made({ url: { label: 'URL' } }), ChannelFormError);
    assert.throws(
      () => made({ url: { label: 'URL' }, smtp: { label: 'SMTP', fields: { host: { label: 'Host' } } } }),
      /the field "smtp.port" has no label/,
    );
    assert.equal(
      made({
        url: { label: 'URL' },
        smtp: { label: 'SMTP', fields: { host: { label: 'Host' }, port: { label: 'Port' } } },
      }).length,
      2,
    );
  });

  test('a field of a kind the form cannot show fails', () => {
    const fields = z.object({ when: z.date() }).strict();
    assert.throws(
      () => deriveFormFields({ type: 'made-up', fields, secretFields: [], fieldTexts: { when: { label: 'When' } } }),
      /no form input for the field "when"/,
    );
  });
});
