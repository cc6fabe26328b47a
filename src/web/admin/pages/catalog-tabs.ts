import { html, type Html } from '../../html/html.ts';

const TABS = [
  { key: 'components', href: '/admin/components', label: 'Components' },
  { key: 'groups', href: '/admin/groups', label: 'Groups' },
  { key: 'pages', href: '/admin/pages', label: 'Pages' },
] as const;
export type CatalogTab = (typeof TABS)[number]['key'];

/** What visitors see is made of components, their groups and pages: one section of the navigation, three tabs. */
export function catalogTabs(current: CatalogTab): Html {
  return html`<nav class="tabs-nav" aria-label="Catalog"><ul>${TABS.map(
    (t) => html`<li><a href="${t.href}"${t.key === current ? html` aria-current="page"` : ''}>${t.label}</a></li>`,
  )}</ul></nav>`;
}

/** Shown on an editor when the object comes from the config file: what cannot be done here, and where to do it. */
export function managedNote(noun: string): Html {
  return html`<p class="notice" id="managed-note" hidden>This ${noun} is defined in the configuration file, so it is read-only here: change it in the file and reload Pharos.</p>`;
}
