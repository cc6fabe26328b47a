import type { StatusModel } from '../../http/public/status-model.ts';
import { html, type Html } from '../html/html.ts';

/** Where the form posts, below the page it is on: the subscription belongs to that page (src/http/public/subscribe). */
export function subscribeFormPath(model: StatusModel): string {
  return `${model.page.basePath}/subscribe`;
}

/**
 * "Subscribe to updates": an email address and, optionally, the components to hear about. A plain form (no script),
 * folded in a <details>. The `website` field is a honeypot: visually hidden, out of the tab order, labelled so that
 * screen reader users know to leave it empty.
 */
export function subscribeSection(model: StatusModel): Html | false {
  if (!model.page.subscribe) return false;
  const components = model.components.map(
    (c) => html`<li><label><input type="checkbox" name="components" value="${c.id}"> ${c.name}</label></li>`,
  );
  return html`<section class="sec" aria-labelledby="sub-title"><h2 id="sub-title">Subscribe to updates</h2>
<details class="card sub"><summary>Get incident and maintenance notices by email</summary>
<form class="sub-form" method="post" action="${subscribeFormPath(model)}">
<p><label for="sub-email">Email address</label><br><input id="sub-email" name="email" type="email" required maxlength="254" autocomplete="email"></p>
${components.length > 0 && html`<fieldset><legend>Components (none chosen: all of them)</legend><ul class="sub-cmps">${components}</ul></fieldset>`}
<p class="vh"><label for="sub-website">Leave this field empty</label><input id="sub-website" name="website" type="text" tabindex="-1" autocomplete="off"></p>
<p class="sub-note">We send a link to confirm the address. Every mail has a one-click unsubscribe link.</p>
<p><button type="submit">Subscribe</button></p>
</form>
</details>
</section>`;
}
