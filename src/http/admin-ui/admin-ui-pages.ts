import { ID_PATTERN } from '../../config/id-schema.ts';
import { deliveriesPage, subscribersPage } from '../../web/admin/pages/deliveries-page.ts';
import { dashboardPage } from '../../web/admin/pages/dashboard-page.ts';
import { auditPage, reportsPage } from '../../web/admin/pages/audit-reports-pages.ts';
import { componentEditorPage, componentsPage } from '../../web/admin/pages/component-pages.ts';
import { groupEditorPage, groupsPage } from '../../web/admin/pages/group-pages.ts';
import { statusPageEditorPage, statusPagesPage } from '../../web/admin/pages/status-page-pages.ts';
import { incidentComposerPage, incidentListPage, incidentPage } from '../../web/admin/pages/incident-pages.ts';
import { maintenancePage } from '../../web/admin/pages/maintenance-page.ts';
import { notificationsPage } from '../../web/admin/pages/notifications-page.ts';
import { monitorEditorPage } from '../../web/admin/pages/monitor-editor-page.ts';
import { monitorPage } from '../../web/admin/pages/monitor-page.ts';
import { tokensPage, usersPage } from '../../web/admin/pages/people-pages.ts';
import { accountPage, loginPage, setupPage, type PageBody } from '../../web/admin/pages/sign-in-pages.ts';

/** What a page is built from: the path's :id (already checked against ID_PATTERN) and the setup link's token. */
export interface PageRequest {
  id: string;
  token: string;
}

export interface AdminUiPage {
  path: string;
  render(req: PageRequest): PageBody;
}

/** Setup tokens are prefixed url-safe secrets; anything else is dropped rather than echoed. */
export const SETUP_TOKEN_PATTERN = /^[A-Za-z0-9_-]{10,200}$/;
export { ID_PATTERN };

/** Every admin UI page. The pages are shells: the browser script loads their data from /api/v1. */
export const ADMIN_UI_PAGES: readonly AdminUiPage[] = [
  { path: '/admin', render: dashboardPage },
  { path: '/admin/login', render: loginPage },
  { path: '/admin/setup', render: (r) => setupPage(r.token) },
  { path: '/admin/monitors/new', render: () => monitorEditorPage(null) },
  { path: '/admin/monitors/:id', render: (r) => monitorEditorPage(r.id) },
  { path: '/admin/monitors/:id/overview', render: (r) => monitorPage(r.id) },
  { path: '/admin/incidents', render: incidentListPage },
  { path: '/admin/incidents/new', render: incidentComposerPage },
  { path: '/admin/incidents/:id', render: (r) => incidentPage(r.id) },
  { path: '/admin/maintenance', render: maintenancePage },
  { path: '/admin/components', render: componentsPage },
  { path: '/admin/components/new', render: () => componentEditorPage(null) },
  { path: '/admin/components/:id', render: (r) => componentEditorPage(r.id) },
  { path: '/admin/groups', render: groupsPage },
  { path: '/admin/groups/:id', render: (r) => groupEditorPage(r.id) },
  { path: '/admin/pages', render: statusPagesPage },
  { path: '/admin/pages/new', render: () => statusPageEditorPage(null) },
  { path: '/admin/pages/:id', render: (r) => statusPageEditorPage(r.id) },
  { path: '/admin/notifications', render: notificationsPage },
  { path: '/admin/deliveries', render: deliveriesPage },
  { path: '/admin/subscribers', render: subscribersPage },
  { path: '/admin/users', render: usersPage },
  { path: '/admin/tokens', render: tokensPage },
  { path: '/admin/audit', render: auditPage },
  { path: '/admin/reports', render: reportsPage },
  { path: '/admin/account', render: accountPage },
];
