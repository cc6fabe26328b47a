import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parseConfigText } from '../../config/load-config.ts';
import { channelSchema } from '../../notify/channel-schema.ts';
import { channelFormFields, type ChannelFormField } from '../../notify/channel-form.ts';
import { CHANNEL_TYPES } from '../../notify/registry.ts';
import { NOTIFICATION_EVENT_TYPES } from '../../notify/notification-event.ts';
import { createLogger } from '../../runtime/logger.ts';
import { startPharos, type RunningPharos } from '../../runtime/start-pharos.ts';
import { notifiers } from '../../notify/registry.ts';
import { ADMIN_NAV } from '../../web/admin/admin-document.ts';
import { ADMIN_UI_PAGES } from './admin-ui-pages.ts';

const PATHS = ['/admin/notifications', '/admin/deliveries', '/admin/subscribers'] as const;

describe('admin UI: notification channels, deliveries and subscribers pages', () => {
  let dir: string;
  let pharos: RunningPharos;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pharos-admin-ui-notify-'));
    const config = parseConfigText(
      `title: Acme\nstorage: { url: "sqlite:${join(dir, 'p.db')}" }\nadmin: { setup_link: false }\n`,
      'ui.yaml',
      {},
    );
    pharos = await startPharos({ config, port: 0, logger: createLogger('silent') });
  });
  after(async () => {
    await pharos?.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('the three pages are routed and in the navigation', () => {
    for (const path of PATHS) {
      assert.ok(
        ADMIN_UI_PAGES.some((p) => p.path === path),
        `${path} is a page`,
      );
      assert.ok(
        ADMIN_NAV.some((n) => n.href === path),
        `${path} is in the nav`,
      );
    }
  });

  for (const path of PATHS) {
    test(`GET ${path}: 200 HTML with the admin CSP, no inline script, the nav marks it current`, async () => {
      const res = await pharos.app.inject({ method: 'GET', url: path });
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['content-security-policy']), /script-src 'self'(;|$)/);
      assert.doesNotMatch(res.body, /<script(?![^>]*\bsrc=)[^>]*>|\son[a-z]+=/i);
      assert.ok(res.body.includes(`<a href="${path}" aria-current="page">`));
    });
  }

  test('the channel form has a fieldset per type with a labelled control per field, and every event type', async () => {
    const res = await pharos.app.inject({ method: 'GET', url: '/admin/notifications' });
    const flat = (fields: ChannelFormField[]): ChannelFormField[] =>
      fields.flatMap((f) => (f.children ? flat(f.children) : [f]));
    for (const type of CHANNEL_TYPES) {
      assert.ok(res.body.includes(`<option value="${type}"`), type);
      assert.ok(res.body.includes(`<fieldset class="type-fields" data-type="${type}"`), type);
      for (const f of flat(channelFormFields(type))) {
        const id = `f-${type}-${f.path.replace(/[^A-Za-z0-9_-]/g, '-')}`;
        assert.ok(res.body.includes(`<label for="${id}">`), `${type}.${f.path} has a label`);
        assert.ok(res.body.includes(`data-path="${f.path}"`), `${type}.${f.path}`);
      }
    }
    for (const event of NOTIFICATION_EVENT_TYPES) assert.ok(res.body.includes(`value="${event}"`), event);
    assert.ok(!res.body.includes('Provider settings (JSON)'), 'no raw JSON box any more');
  });

  test('each example config is a valid channel once given an id', () => {
    for (const type of CHANNEL_TYPES) {
      const parsed = channelSchema.safeParse({ id: 'x', type, ...notifiers[type].template });
      assert.ok(parsed.success, `${type}: ${parsed.error?.message}`);
    }
  });

  test('deliveries default to dead letters', async () => {
    const res = await pharos.app.inject({ method: 'GET', url: '/admin/deliveries' });
    assert.match(res.body, /<option value="dead" selected>/);
  });
});
