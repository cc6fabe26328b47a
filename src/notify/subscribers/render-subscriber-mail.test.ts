import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderEmail } from '../email/render-email.ts';
import { describeEvent } from '../message/describe-event.ts';
import type { NotificationEvent } from '../notification-event.ts';
import { renderConfirmationMail, renderSubscriberMail } from './render-subscriber-mail.ts';

const AT = Date.UTC(2026, 11, 6, 14, 55, 59, 123);

const incident: NotificationEvent = {
  id: 'e1',
  type: 'incident.created',
  at: AT,
  pageUrl: 'https://status.example.com',
  components: [{ id: 'api', name: 'Public API', status: 'major_outage' }],
  incident: {
    id: 'i1',
    name: 'Checkout errors',
    status: 'investigating',
    impact: 'major',
    body: '**Checkout** is failing for _some_ users. See [the runbook](https://example.com/rb).\n\n- payments\n- carts\n\n<script>x</script>',
    createdAt: AT,
    resolvedAt: null,
    url: 'https://status.example.com/incidents/i1',
  },
};

test('subscriber mail: the text part has the body as readable text, the HTML part renders it safely', () => {
  const mail = renderSubscriberMail(incident, { name: 'Acme' }, 'https://status.example.com/unsub');
  assert.ok(!mail.text.includes('**'), mail.text);
  assert.ok(!mail.text.includes('_some_'), mail.text);
  assert.match(mail.text, /Checkout is failing for some users\. See the runbook \(https:\/\/example\.com\/rb\)\./);
  assert.match(mail.text, /^- payments$/m);
  assert.match(mail.html, /<strong>Checkout<\/strong>/);
  assert.ok(!mail.html.includes('<script>x'), 'raw HTML in the body is escaped');
});

test('times in mails have one format: "2026-12-06 14:55:59 UTC", never "Z UTC"', () => {
  const confirm = renderConfirmationMail({ name: 'Acme' }, 'https://s/confirm', AT, []);
  const maintenance = renderSubscriberMail(
    {
      ...incident,
      type: 'maintenance.scheduled',
      incident: undefined,
      maintenance: {
        id: 'm',
        title: 'Upgrade',
        body: '',
        status: 'scheduled',
        start: AT,
        end: AT + 3_600_000,
        url: 'https://s/m',
      },
    },
    { name: 'Acme' },
    'https://s/unsub',
  );
  for (const part of [confirm.text, confirm.html, maintenance.text, maintenance.html]) {
    assert.ok(!/Z UTC|\dZ\b/.test(part), part);
  }
  assert.match(confirm.text, /until 2026-12-06 14:55:59 UTC\./);
  assert.match(maintenance.text, /Window: 2026-12-06 14:55:59 UTC – 2026-12-06 15:55:59 UTC/);
});

test('channel email: a Markdown summary is rendered in HTML and stripped in text', () => {
  const d = { ...describeEvent(incident), summary: 'We are **on it**.\n• line two' };
  const { text, html } = renderEmail(d, incident.pageUrl);
  assert.match(text, /We are on it\.\n• line two/);
  assert.match(html, /We are <strong>on it<\/strong>\.<br>\n• line two/);
});
