import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { renderTeamsPayload, teamsNotifier } from './index.ts';
import { startHttpReceiver, type HttpReceiver } from '../../../test/support/http-receiver.ts';
import { describeNotifierHttpContract } from '../../../test/support/notifier-http-contract.ts';
import {
  digestEvent,
  incidentUpdatedEvent,
  monitorDownEvent,
  monitorUpEvent,
  testDeliveryContext,
} from '../../../test/support/notification-fixtures.ts';

type Card = {
  body: { type: string; text?: string; color?: string; facts?: { title: string; value: string }[] }[];
  actions: { type: string; title: string; url: string }[];
};
const cardOf = (p: Record<string, unknown>) => (p.attachments as { content: Card }[])[0]!.content;
const WORKFLOW_PATH = '/workflows/abc/triggers/manual/paths/invoke';

describeNotifierHttpContract(teamsNotifier, (url) => ({
  url: `${url}${WORKFLOW_PATH}?api-version=2016-06-01&sig=s3cr3t`,
}));

describe('teams: request', () => {
  let rx: HttpReceiver;
  before(async () => {
    rx = await startHttpReceiver({ respond: { status: 202, body: '' } });
  });
  after(() => rx.close());

  test('posts the card to the workflow URL as given (202 is delivered)', async () => {
    const ctx = testDeliveryContext('evt-down-1:teams');
    const result = await teamsNotifier.send(
      monitorDownEvent,
      teamsNotifier.fields.parse({ url: `${rx.url}${WORKFLOW_PATH}?api-version=2016-06-01&sig=s3cr3t` }),
      ctx,
    );
    await ctx.close();
    assert.deepEqual(result, { ok: true, remoteStatus: 202 });
    const req = await rx.waitForRequest();
    assert.equal(req.method, 'POST');
    assert.equal(req.path, WORKFLOW_PATH);
    assert.deepEqual(req.query, { 'api-version': '2016-06-01', sig: 's3cr3t' });
    assert.equal(req.headers['content-type'], 'application/json');
    assert.equal(req.headers['idempotency-key'], 'evt-down-1:teams');
    assert.deepEqual(req.json, renderTeamsPayload(monitorDownEvent));
  });
});

describe('teams: payload', () => {
  test('a down event: the message envelope and an Adaptive Card 1.4', () => {
    const p = renderTeamsPayload(monitorDownEvent);
    assert.equal(p.type, 'message');
    const [attachment] = p.attachments as Record<string, unknown>[];
    assert.equal(attachment!.contentType, 'application/vnd.microsoft.card.adaptive');
    assert.equal(attachment!.contentUrl, null);
    assert.deepEqual(cardOf(p), {
      $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
      type: 'AdaptiveCard',
      version: '1.4',
      msteams: { width: 'Full' },
      body: [
        {
          type: 'TextBlock',
          text: '🔴 API health is down',
          weight: 'Bolder',
          size: 'Medium',
          color: 'attention',
          wrap: true,
        },
        {
          type: 'TextBlock',
          text: 'Down since 2026-11-26T11:59:00Z: HTTP 503 from https://api.example.com/health',
          wrap: true,
        },
        {
          type: 'FactSet',
          facts: [
            { title: 'Since', value: '2026-11-26T11:59:00Z' },
            { title: 'Last error', value: 'HTTP 503 from https://api.example.com/health' },
            { title: 'Components', value: 'Public API' },
          ],
        },
      ],
      actions: [{ type: 'Action.OpenUrl', title: 'Open', url: 'https://status.example.com/admin/monitors/api-health' }],
    });
  });

  test('a recovery is "good" and says how long it was down', () => {
    const card = cardOf(renderTeamsPayload(monitorUpEvent));
    assert.equal(card.body[0]!.color, 'good');
    assert.match(card.body[1]!.text ?? '', /after 1 h 2 min of downtime/);
  });

  test('an incident update links to the incident', () => {
    const card = cardOf(renderTeamsPayload(incidentUpdatedEvent));
    assert.equal(card.body[0]!.text, '🔴 Update: Elevated API errors');
    assert.deepEqual(card.body[2]!.facts?.[1], { title: 'Impact', value: 'major' });
    assert.equal(card.actions[0]!.url, 'https://status.example.com/incidents/inc-42');
  });

  test('a digest puts each change on its own line', () => {
    const card = cardOf(renderTeamsPayload(digestEvent));
    assert.equal(card.body[0]!.text, '🔴 3 changes on status.example.com');
    assert.equal(
      card.body[1]!.text,
      '• API health is down\n\n• Update: Elevated API errors\n\n• API health is back up',
    );
  });

  test('stays well under the 28 KB message limit with huge text', () => {
    const huge = {
      ...monitorDownEvent,
      monitor: { ...monitorDownEvent.monitor!, name: 'n'.repeat(50_000), lastError: 'e'.repeat(50_000) },
    };
    assert.ok(Buffer.byteLength(JSON.stringify(renderTeamsPayload(huge))) < 20_000);
  });
});

describe('teams: schema', () => {
  const cases: [string, unknown, boolean][] = [
    [
      'a workflow URL',
      { url: 'https://prod-01.westeurope.logic.azure.com:443/workflows/x/triggers/manual/paths/invoke?sig=y' },
      true,
    ],
    ['http elsewhere', { url: 'http://prod-01.westeurope.logic.azure.com/workflows/x' }, false],
    ['not a URL', { url: 'teams' }, false],
    ['an unknown field', { url: 'https://example.com/x', card: 'legacy' }, false],
  ];
  for (const [name, input, ok] of cases)
    test(`${ok ? 'accepts' : 'refuses'} ${name}`, () =>
      assert.equal(teamsNotifier.fields.safeParse(input).success, ok));
});
