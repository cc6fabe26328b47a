import type { StatusModel } from '../../http/public/status-model.ts';
import { pageTranslator } from '../../i18n/page-translator.ts';
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
  const t = pageTranslator(model.page);
  const components = model.components.map(
    (c) => html`<li><label><input type="checkbox" name="components" value="${c.id}"> ${c.name}</label></li>`,
  );
  return html`<section class="sec" aria-labelledby="sub-title"><h2 id="sub-title">${t.t('subscribe.title')}</h2>
<details class="card sub"><summary>${t.t('subscribe.summary')}</summary>
<form class="sub-form" method="post" action="${subscribeFormPath(model)}">
<p><label for="sub-email">${t.t('subscribe.email')}</label><br><input id="sub-email" name="email" type="email" required maxlength="254" autocomplete="email"></p>
${components.length > 0 && html`<fieldset><legend>${t.t('subscribe.components')}</legend><ul class="sub-cmps">${components}</ul></fieldset>`}
<p class="vh"><label for="sub-website">${t.t('subscribe.honeypot')}</label><input id="sub-website" name="website" type="text" tabindex="-1" autocomplete="off"></p>
<p class="sub-note">${t.t('subscribe.note')}</p>
<p><button type="submit">${t.t('subscribe.button')}</button></p>
</form>
</details>
</section>`;
}
