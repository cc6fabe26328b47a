import type { AdminRoute } from '../admin-route.ts';
import { auditRoutes } from './audit-routes.ts';
import { authRoutes, type AuthRouteDeps } from './auth-routes.ts';
import { componentRoutes } from './component-routes.ts';
import { incidentRoutes } from './incident-routes.ts';
import { monitorRoutes } from './monitor-routes.ts';
import { noticeRoutes, type NoticeRouteDeps } from './notice-routes.ts';
import { notificationRoutes } from './notification-routes.ts';
import { overviewRoutes } from './overview-routes.ts';
import { setupRoutes } from './setup-routes.ts';
import { subscriberRoutes } from './subscriber-routes.ts';
import { tokenRoutes } from './token-routes.ts';
import { userRoutes } from './user-routes.ts';

/** Every admin API route: the authorization matrix and bad-input tests walk this table, so nothing escapes them. */
export function adminRoutes(deps: AuthRouteDeps & NoticeRouteDeps): AdminRoute[] {
  return [
    ...authRoutes(deps),
    ...setupRoutes,
    ...userRoutes,
    ...tokenRoutes,
    ...auditRoutes,
    ...monitorRoutes,
    ...overviewRoutes,
    ...componentRoutes,
    ...incidentRoutes,
    ...subscriberRoutes,
    ...notificationRoutes,
    ...noticeRoutes(deps),
  ];
}
