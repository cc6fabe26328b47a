import type { FastifyInstance, FastifyReply } from 'fastify';
import { adminAssetByPath } from '../../web/admin/admin-assets.ts';
import { renderAdminDocument } from '../../web/admin/admin-document.ts';
import { setupPage } from '../../web/admin/pages/sign-in-pages.ts';
import { IMMUTABLE_CACHE_CONTROL } from '../public/cache-control.ts';
import { ADMIN_UI_PAGES, ID_PATTERN, SETUP_TOKEN_PATTERN, type AdminUiPage } from './admin-ui-pages.ts';

export interface AdminUiDeps {
  /** the site's title, shown as the brand */
  title: string;
  /** true once Pharos has a user: the one-time setup link is spent and its page shows no form */
  setupDone?: () => Promise<boolean>;
}

function notFound(reply: FastifyReply, what: string): FastifyReply {
  return reply
    .code(404)
    .header('cache-control', 'no-store')
    .send({ error: 'not_found', message: `no such ${what}` });
}

/**
 * The admin UI: HTML shells for every screen and their one stylesheet and one script, by content hash with
 * immutable caching. Security headers (CSP without inline scripts) come from the app's onSend hook.
 */
export function registerAdminUi(app: FastifyInstance, deps: AdminUiDeps): void {
  const render = (page: AdminUiPage, id: string, token: string): string =>
    renderAdminDocument({ siteTitle: deps.title, ...page.render({ id, token }) });
  // pages without a path parameter never change while the process runs: render them once
  const fixed = new Map(
    ADMIN_UI_PAGES.filter((p) => !p.path.includes(':') && p.path !== '/admin/setup').map((p) => [
      p.path,
      render(p, '', ''),
    ]),
  );

  for (const page of ADMIN_UI_PAGES) {
    app.get(page.path, async (request, reply) => {
      const params = request.params as { id?: string };
      const query = request.query as { token?: unknown };
      if (params.id !== undefined && !ID_PATTERN.test(params.id)) return notFound(reply, 'page');
      const token = typeof query.token === 'string' && SETUP_TOKEN_PATTERN.test(query.token) ? query.token : '';
      const body =
        page.path === '/admin/setup' && (await deps.setupDone?.())
          ? renderAdminDocument({ siteTitle: deps.title, ...setupPage(token, true) })
          : (fixed.get(page.path) ?? render(page, params.id ?? '', token));
      // the setup link's token must not linger in caches or referrers
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(body);
    });
  }

  app.get('/admin/assets/:file', (request, reply) => {
    const asset = adminAssetByPath(request.url.split('?')[0]!);
    if (!asset) return notFound(reply, 'asset');
    return reply.type(asset.contentType).header('cache-control', IMMUTABLE_CACHE_CONTROL).send(asset.body);
  });
}
