import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  incidentUpdatedEvent,
  maintenanceStartedEvent,
  monitorDownEvent,
} from '../../../test/support/notification-fixtures.ts';
import { statusModelFixture } from '../../../test/support/status-model-fixture.ts';
import type { NotificationEvent } from '../notification-event.ts';
import { scopeEventToPage } from './scope-event-to-page.ts';
import { subscriberMayHear } from './subscriber-page.ts';

/** The page shows website, api ("Public API"), checkout, db and batch; "vault" is another page's. */
const model = statusModelFixture({ page: { ...statusModelFixture().page, url: 'https://status.acme.test/public' } });
const vault = { id: 'vault', name: 'Secret Vault', status: 'major_outage' as const };
const api = { id: 'api', name: 'api (as the event named it)', status: 'major_outage' as const };
const on = (event: NotificationEvent, components: NotificationEvent['components']): NotificationEvent => ({
  ...event,
  components,
});

describe("an event as the subscriber's page shows it", () => {
  const rows: { name: string; event: NotificationEvent; components: string[] | null }[] = [
    {
      name: 'an incident on a shown component',
      event: on(incidentUpdatedEvent, [api]),
      components: ['api:Public API'],
    },
    {
      name: 'an incident on a shown and a hidden component: the shown one alone',
      event: on(incidentUpdatedEvent, [api, vault]),
      components: ['api:Public API'],
    },
    {
      name: 'an incident on hidden components only: not shown',
      event: on(incidentUpdatedEvent, [vault]),
      components: null,
    },
    {
      name: 'an incident on no component: shown (every page shows it)',
      event: on(incidentUpdatedEvent, []),
      components: [],
    },
    {
      name: 'a maintenance on a hidden component: not shown',
      event: on(maintenanceStartedEvent, [vault]),
      components: null,
    },
    {
      name: 'a maintenance on a shown and a hidden component',
      event: on(maintenanceStartedEvent, [vault, api]),
      components: ['api:Public API'],
    },
    { name: 'a monitor event: never', event: on(monitorDownEvent, [api]), components: null },
  ];
  for (const row of rows) {
    test(row.name, () => {
      const shown = scopeEventToPage(row.event, model);
      assert.deepEqual(shown && shown.components.map((c) => `${c.id}:${c.name}`), row.components);
      assert.doesNotMatch(JSON.stringify(shown), /vault|Secret Vault/i);
    });
  }

  test("Pharos's own words naming a hidden component: the page's rebuilt copy, or a neutral title", () => {
    const auto = {
      ...on(incidentUpdatedEvent, [api, vault]),
      incident: {
        ...incidentUpdatedEvent.incident!,
        id: 'not-on-page',
        name: 'Secret Vault is down',
        body: 'Secret Vault and Public API are down.',
      },
    };
    const shown = scopeEventToPage(auto, model)!;
    assert.deepEqual([shown.incident?.name, shown.incident?.body], ['Incident affecting Public API', '']);
    const known = model.incidents[0]!;
    const onPage = scopeEventToPage({ ...auto, incident: { ...auto.incident, id: known.id } }, model)!;
    assert.deepEqual([onPage.incident?.name, onPage.incident?.body], [known.name, known.updates.at(-1)?.body ?? '']);
    const written = scopeEventToPage(on(incidentUpdatedEvent, [api, vault]), model)!;
    assert.deepEqual(
      [written.incident?.name, written.incident?.body],
      ['Elevated API errors', 'A bad deploy; rolling back.'],
      'words that name no hidden component stay as written',
    );
  });

  test('links point to the page, not to the site root the event was made with', () => {
    const incident = scopeEventToPage(on(incidentUpdatedEvent, [api]), model)!;
    assert.deepEqual(
      [incident.pageUrl, incident.incident?.url],
      ['https://status.acme.test/public', 'https://status.acme.test/public/incidents/inc-42'],
    );
    const maintenance = scopeEventToPage(on(maintenanceStartedEvent, [api]), model)!;
    assert.equal(maintenance.maintenance?.url, 'https://status.acme.test/public/maintenance/db~202611261200');
  });

  test('a digest keeps the events the page shows; none shown: null', () => {
    const hidden = { ...on(incidentUpdatedEvent, [vault]), id: 'hidden' };
    const shown = { ...on(incidentUpdatedEvent, [api]), id: 'shown' };
    const digest = scopeEventToPage({ ...hidden, digest: [hidden, monitorDownEvent, shown] }, model);
    assert.deepEqual([digest?.id, digest?.digest?.map((e) => e.id)], ['shown', ['shown']]);
    assert.equal(scopeEventToPage({ ...hidden, digest: [hidden, monitorDownEvent] }, model), null);
  });
});

describe('whether a subscriber may still hear its page', () => {
  const page = (access: string | null) => ({ slug: 'p', model, access });
  const rows: [string, string | null, string | null, boolean][] = [
    ['a public page', null, null, true],
    ['a private page, under the settings it was admitted under', 'fp-1', 'fp-1', true],
    ['a private page whose settings changed since', 'fp-1', 'fp-2', false],
    ['a page made private after a public sign-up', null, 'fp-1', false],
  ];
  for (const [name, subscribedUnder, now, hears] of rows)
    test(name, () => assert.equal(subscriberMayHear({ pageAccess: subscribedUnder }, page(now)), hears));
});
