import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ComponentConfig } from '../../src/config/schema.ts';
import { startAdminHarness, type AdminHarness, type ApiResponse } from '../support/admin-harness.ts';

type Issues = { issues: { path: string; message: string }[] };
type Ids = { ids: string[] };

const ok = (res: ApiResponse, status: number, what = '') =>
  assert.equal(res.status, status, `${what} → ${res.status} ${res.body.slice(0, 400)}`);

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`admin API: catalog order, folded groups, a monitor's components [${kind}]`, () => {
    let h: AdminHarness;
    before(async () => {
      h = await startAdminHarness({ store: kind });
    });
    after(() => h?.close());
    const as = () => h.sessions.admin;

    test('groups: collapsed defaults to false; renaming a group its components name is refused on name', async () => {
      ok(await h.call(as(), 'POST', '/api/v1/groups', { body: { id: 'g-one', name: 'One' } }), 201);
      const one = await h.call(as(), 'GET', '/api/v1/groups/g-one');
      assert.equal(one.json<{ config: { collapsed: boolean } }>().config.collapsed, false);
      ok(await h.call(as(), 'POST', '/api/v1/components', { body: { id: 'c-one', name: 'C one', group: 'One' } }), 201);
      const renamed = await h.call(as(), 'PUT', '/api/v1/groups/g-one', { body: { name: 'Uno', collapsed: true } });
      ok(renamed, 400);
      assert.equal(renamed.json<Issues>().issues[0]!.path, 'body.name');
      assert.match(renamed.json<Issues>().issues[0]!.message, /c-one/);
      ok(await h.call(as(), 'PUT', '/api/v1/groups/g-one', { body: { name: 'One', collapsed: true } }), 200);
      assert.equal(
        (await h.call(as(), 'GET', '/api/v1/groups/g-one')).json<{ config: { collapsed: boolean } }>().config.collapsed,
        true,
      );
    });

    test('component order: API components after the config file’s, in the order given; bad ids named', async () => {
      for (const id of ['c-two', 'c-three'])
        ok(await h.call(as(), 'POST', '/api/v1/components', { body: { id, name: id } }), 201);
      const put = await h.call(as(), 'PUT', '/api/v1/component-order', { body: { ids: ['c-three', 'c-one'] } });
      ok(put, 200);
      assert.deepEqual(put.json<Ids>().ids.slice(0, 2), ['api', 'web'], 'config components first');
      assert.deepEqual(put.json<Ids>().ids.slice(2), ['c-three', 'c-one', 'c-two']);
      assert.deepEqual((await h.call(h.sessions.viewer, 'GET', '/api/v1/component-order')).json(), put.json());
      const list = (await h.call(as(), 'GET', '/api/v1/components')).json<{ id: string }[]>();
      assert.deepEqual(
        list.map((c) => c.id),
        put.json<Ids>().ids,
        'the list answers in display order',
      );
      const bad = await h.call(as(), 'PUT', '/api/v1/component-order', {
        body: { ids: ['c-two', 'api', 'nope', 'c-two'] },
      });
      ok(bad, 400);
      assert.deepEqual(
        bad.json<Issues>().issues.map((i: { path: string }) => i.path),
        ['body.ids.1', 'body.ids.2', 'body.ids.3'],
      );
      ok(await h.call(h.sessions.editor, 'PUT', '/api/v1/component-order', { body: { ids: [] } }), 403);
      const audit = (await h.store.admin.listAudit({ limit: 50 })).filter((a) => a.action === 'component.reorder');
      assert.equal(audit.length, 1, 'one entry for the change; none for the refused ones');
    });

    test('group order: groups ranked, and the API components move with their groups', async () => {
      ok(await h.call(as(), 'POST', '/api/v1/groups', { body: { id: 'g-two', name: 'Two' } }), 201);
      ok(await h.call(as(), 'PUT', '/api/v1/components/c-two', { body: { name: 'c-two', group: 'Two' } }), 200);
      const put = await h.call(as(), 'PUT', '/api/v1/group-order', { body: { ids: ['g-two', 'g-one'] } });
      ok(put, 200);
      assert.deepEqual(put.json<Ids>().ids.slice(-2), ['g-two', 'g-one']);
      const order = (await h.call(as(), 'GET', '/api/v1/component-order')).json<Ids>().ids;
      assert.ok(order.indexOf('c-two') < order.indexOf('c-one'), order.join());
      assert.equal(order.indexOf('c-three'), 2, 'the ungrouped component keeps its slot');
    });

    test('a monitor’s components: set from its side in one change; config components refused by name', async () => {
      ok(
        await h.call(as(), 'POST', '/api/v1/monitors', {
          body: { id: 'beat', type: 'push', token: 'beat-push-token-0123456789' },
        }),
        201,
      );
      const set = await h.call(as(), 'PUT', '/api/v1/monitors/beat/components', { body: { ids: ['c-one', 'c-two'] } });
      ok(set, 200);
      assert.deepEqual(set.json<Ids>().ids.sort(), ['c-one', 'c-two']);
      const monitorsOf = async (id: string) =>
        ((await h.store.admin.getCatalog('component', id))?.config as ComponentConfig).monitors;
      assert.deepEqual(await monitorsOf('c-one'), ['beat']);
      ok(await h.call(as(), 'PUT', '/api/v1/monitors/beat/components', { body: { ids: ['c-two'] } }), 200);
      assert.deepEqual(await monitorsOf('c-one'), []);
      const config = await h.call(as(), 'PUT', '/api/v1/monitors/beat/components', { body: { ids: ['c-two', 'api'] } });
      ok(config, 400);
      assert.equal(config.json<Issues>().issues[0]!.path, 'body.ids.1');
      assert.match(config.json<Issues>().issues[0]!.message, /config file/);
      assert.deepEqual(await monitorsOf('c-two'), ['beat'], 'nothing changed');
      const missing = await h.call(as(), 'PUT', '/api/v1/monitors/beat/components', { body: { ids: ['ghost'] } });
      ok(missing, 400);
      assert.equal(missing.json<Issues>().issues[0]!.path, 'body.ids.0');
      ok(await h.call(as(), 'PUT', '/api/v1/monitors/ghost/components', { body: { ids: [] } }), 404);
    });

    test('a folded group reaches the public page as a closed <details>', async () => {
      ok(
        await h.call(as(), 'POST', '/api/v1/pages', { body: { slug: 'folded', title: 'Folded', groups: ['One'] } }),
        201,
      );
      let body = '';
      for (let i = 0; i < 100 && !body.includes('C one'); i++) {
        await new Promise((r) => setTimeout(r, 50));
        body = await (await fetch(`${h.pharos.url}/folded`)).text();
      }
      assert.match(body, /<li class="grp"[^>]*><details id="g-/);
      assert.ok(!/<details open id="g-/.test(body), 'not open');
    });
  });
}
