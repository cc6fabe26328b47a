import { faviconSvg } from '../assets/index.ts';
import { html, type Html } from '../html/html.ts';
import { adminCss, adminJs } from './admin-assets.ts';

/** The sections in the navigation; `needs` hides a link from roles without that permission (the API decides anyway). */
export const ADMIN_NAV = [
  { key: 'dashboard', href: '/admin', label: 'Dashboard', needs: 'read' },
  { key: 'incidents', href: '/admin/incidents', label: 'Incidents', needs: 'read' },
  { key: 'maintenance', href: '/admin/maintenance', label: 'Maintenance', needs: 'read' },
  { key: 'components', href: '/admin/components', label: 'Components', needs: 'read' },
  { key: 'notifications', href: '/admin/notifications', label: 'Notifications', needs: 'read' },
  { key: 'deliveries', href: '/admin/deliveries', label: 'Deliveries', needs: 'read' },
  { key: 'subscribers', href: '/admin/subscribers', label: 'Subscribers', needs: 'read' },
  { key: 'users', href: '/admin/users', label: 'Users', needs: 'manage' },
  { key: 'tokens', href: '/admin/tokens', label: 'API tokens', needs: 'read' },
  { key: 'audit', href: '/admin/audit', label: 'Audit log', needs: 'manage' },
  { key: 'reports', href: '/admin/reports', label: 'Reports', needs: 'read' },
] as const;
/** A section of the navigation, or one's own account (linked beside one's name, so that the navigation fits one line). */
export type AdminSection = (typeof ADMIN_NAV)[number]['key'] | 'account';

export interface AdminDocument {
  /** the status page's title, shown as the brand */
  siteTitle: string;
  /** the <title> and the h1 */
  heading: string;
  /** the screen's script (body[data-page]) */
  page: string;
  /** highlighted in the navigation; none on the sign-in and setup pages, which have no navigation */
  section?: AdminSection;
  /** data-* attributes for the screen's script (already validated; escaped here anyway) */
  data?: Record<string, string>;
  main: Html;
}

function nav(section: AdminSection): Html {
  return html`<nav class="admin-nav" aria-label="Admin sections"><ul>${ADMIN_NAV.map(
    (n) =>
      html`<li data-needs="${n.needs}"><a href="${n.href}"${n.key === section ? html` aria-current="page"` : ''}>${n.label}</a></li>`,
  )}</ul></nav>`;
}

/** A whole admin page: landmarks, skip link, live regions, one stylesheet and one deferred script. */
export function renderAdminDocument(doc: AdminDocument): string {
  const signedIn = doc.section !== undefined;
  const data = Object.entries(doc.data ?? {}).map(([k, v]) => html` data-${k.replace(/[^a-z-]/g, '')}="${v}"`);
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="referrer" content="same-origin">
<title>${doc.heading} · ${doc.siteTitle} admin</title>
<link rel="icon" type="image/svg+xml" href="${faviconSvg.path}">
<link rel="stylesheet" href="${adminCss.path}">
<script src="${adminJs.path}" defer></script>
</head>
<body data-page="${doc.page}" data-auth="${signedIn ? 'required' : 'none'}"${data}>
<a class="skip" href="#main">Skip to content</a>
<header class="admin-top">
<div class="wrap top-row">
<a class="brand" href="/admin">${doc.siteTitle} <span class="brand-sub">admin</span></a>
${signedIn && html`<div class="who"><span class="who-name" data-me-name></span> <a href="/admin/account"${doc.section === 'account' ? html` aria-current="page"` : ''}>Account</a> <button type="button" class="link-button" data-logout>Sign out</button></div>`}
</div>
${signedIn && html`<div class="wrap">${nav(doc.section!)}</div>`}
</header>
<main id="main" class="wrap" tabindex="-1">
<h1>${doc.heading}</h1>
<div class="notice" id="page-alert" role="alert" hidden></div>
${doc.main}
</main>
<div class="visually-hidden" id="announcer" role="status" aria-live="polite" aria-atomic="true"></div>
<footer class="admin-foot"><div class="wrap"><a href="/">Public status page</a> · <a href="/api/v1/docs">API reference</a></div></footer>
</body>
</html>
`.text;
}
