import { NOTIFICATION_EVENT_TYPES } from '../../../notify/notification-event.ts';
import { html } from '../../html/html.ts';
import { CHANNEL_TYPES } from '../../../notify/registry.ts';
import { CHANNEL_TYPE_LABELS, channelTypeFieldsets } from '../channel-form-fields.ts';
import { checkboxField, formError, inputField, submitRow } from '../form-fields.ts';
import type { PageBody } from './sign-in-pages.ts';

const typeSelect = html`<div class="field"><label for="f-type">Type</label>
<select id="f-type" name="type">${CHANNEL_TYPES.map((t) => html`<option value="${t}"${t === 'webhook' ? html` selected` : ''}>${CHANNEL_TYPE_LABELS[t]}</option>`)}</select></div>`;

/** Notification channels: the list (send test, edit, delete) and one form for creating or editing a channel. */
export function notificationsPage(): PageBody {
  return {
    heading: 'Notification channels',
    page: 'notifications',
    section: 'notifications',
    main: html`<p>Where Pharos sends alerts. Channels from the configuration file are read-only here; you can still send them a test. Failed deliveries are listed under <a href="/admin/deliveries">Deliveries</a>.</p>
<div class="table-wrap" role="region" aria-labelledby="channels-caption" tabindex="0"><table class="data" id="channels">
<caption id="channels-caption" tabindex="-1">Channels</caption>
<thead><tr><th scope="col">Id</th><th scope="col">Type</th><th scope="col">Events</th><th scope="col">Components</th><th scope="col">Managed by</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
<tbody><tr><td colspan="6">Loading…</td></tr></tbody></table></div>
<div id="test-result" class="notice" role="status" aria-live="polite" aria-atomic="true" hidden></div>
<section class="card" aria-labelledby="channel-form-h" data-needs="configure"><h2 id="channel-form-h" tabindex="-1">Add a channel</h2>
<form id="channel-form" novalidate><div class="grid2">
${inputField({ name: 'id', label: 'Id', required: true, hint: 'Lower-case letters, digits and -, e.g. ops-webhook.', attrs: html` spellcheck="false" autocomplete="off"` })}
${typeSelect}
</div>
${channelTypeFieldsets('webhook')}
<p class="hint">Secrets are never shown again once saved: editing a channel keeps them unless you choose “Replace it”. A kept secret only goes to the same destination (URL, mail server and its TLS mode); after changing that, type the secret again.</p>
<fieldset data-name="events"><legend>Events</legend><p class="hint">None ticked: every event.</p><div class="checks">
${NOTIFICATION_EVENT_TYPES.map((e) => checkboxField({ name: 'events', label: e, value: e, id: `event-${e.replace('.', '-')}` }))}
</div></fieldset>
<fieldset data-name="components"><legend>Components</legend><p class="hint">None ticked: every component.</p><div class="checks" id="channel-components"><p>Loading…</p></div></fieldset>
<div class="grid3">
${inputField({ name: 'reminder_every', label: 'Remind every', hint: 'Repeat “monitor down” while it lasts, e.g. 30m, 2h; empty: never.', attrs: html` spellcheck="false"` })}
${inputField({ name: 'coalesce_after', label: 'Digest after', type: 'number', value: '5', hint: 'Messages due at once before they become one digest.', attrs: html` min="2" max="10000"` })}
${inputField({ name: 'rate_per_minute', label: 'Messages per minute', type: 'number', value: '30', hint: 'At most; the rest wait.', attrs: html` min="1" max="10000"` })}
</div>
${formError}${submitRow('Add channel', html`<button type="button" id="channel-cancel" hidden>Cancel editing</button>`)}</form></section>`,
  };
}
