import { COMPONENT_STATUSES } from '../../../domain/statuses.ts';
import { html } from '../../html/html.ts';
import { selectOptions } from '../form-fields.ts';
import type { PageBody } from './sign-in-pages.ts';

/** Components with their manual status override: set one (it wins over the monitors) or clear it. */
export function componentsPage(): PageBody {
  return {
    heading: 'Components',
    page: 'components',
    section: 'components',
    main: html`<template id="status-options">${selectOptions(COMPONENT_STATUSES)}</template>
<p>A manual status wins over the component’s monitors until you clear it. Components from the configuration file can be overridden too; their other settings are read-only here.</p>
<ul class="cards" id="components"><li>Loading…</li></ul>`,
  };
}
