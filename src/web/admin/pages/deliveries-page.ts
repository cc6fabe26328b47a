import { OUTBOX_STATES } from '../../../store/outbox-store.ts';
import { html } from '../../html/html.ts';
import { formError, inputField, selectField, submitRow } from '../form-fields.ts';
import type { PageBody } from './sign-in-pages.ts';

/** The outbox: dead letters first (with the receiver's last answer and a retry), pending and sent on request. */
export function deliveriesPage(): PageBody {
  return {
    heading: 'Deliveries',
    page: 'deliveries',
    section: 'deliveries',
    main: html`<p>Every notification to a channel or a subscriber. A <strong>dead</strong> one was given up (too old, or refused by the receiver): fix the channel, then retry it.</p>
<form id="delivery-filter" class="card filters"><div class="grid3">
${selectField({ name: 'state', label: 'State', options: OUTBOX_STATES, selected: 'dead' })}
${inputField({ name: 'channel', label: 'Channel or subscriber id', hint: 'Empty: all.', attrs: html` spellcheck="false" autocomplete="off"` })}
</div>${formError}${submitRow('Show')}</form>
<div class="table-wrap" role="region" aria-labelledby="deliveries-caption" tabindex="0"><table class="data" id="deliveries">
<caption id="deliveries-caption" tabindex="-1">Deliveries, newest first</caption>
<thead><tr><th scope="col">Event</th><th scope="col">Target</th><th scope="col">State</th><th scope="col">Attempts</th><th scope="col">Last error</th><th scope="col">Last status</th><th scope="col">Times</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
<tbody><tr><td colspan="8">Loading…</td></tr></tbody></table></div>
<div class="actions"><button type="button" id="deliveries-newest" hidden>Newest</button><button type="button" id="deliveries-older" hidden>Older deliveries</button></div>`,
  };
}

/** Public subscribers (email or webhook) with their components; removing one stops their notices. */
export function subscribersPage(): PageBody {
  return {
    heading: 'Subscribers',
    page: 'subscribers',
    section: 'subscribers',
    main: html`<div id="admin-notices" role="region" aria-label="Problems" hidden></div>
<section class="card" aria-labelledby="subscription-state-h"><h2 id="subscription-state-h">Subscriptions</h2><div id="subscription-state"><p>Loading…</p></div></section>
<p>People and endpoints that signed up on the status page. Unconfirmed ones get nothing until they confirm.</p>
<div class="table-wrap" role="region" aria-labelledby="subscribers-caption" tabindex="0"><table class="data" id="subscribers">
<caption id="subscribers-caption" tabindex="-1">Subscribers</caption>
<thead><tr><th scope="col">Kind</th><th scope="col">Target</th><th scope="col">Components</th><th scope="col">Confirmed</th><th scope="col">Signed up</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
<tbody><tr><td colspan="6">Loading…</td></tr></tbody></table></div>`,
  };
}
