import { channelFormFields, type ChannelFormField } from '../../notify/channel-form.ts';
import { CHANNEL_TYPES, type ChannelType } from '../../notify/registry.ts';
import { html, type Html } from '../html/html.ts';
import { checkboxField, fieldId, inputField, selectField, textAreaField } from './form-fields.ts';

/** A channel type's name as people write it. */
export const CHANNEL_TYPE_LABELS: Record<ChannelType, string> = {
  email: 'Email',
  slack: 'Slack',
  discord: 'Discord',
  teams: 'Microsoft Teams',
  webhook: 'Webhook',
  pagerduty: 'PagerDuty',
  opsgenie: 'Opsgenie',
  telegram: 'Telegram',
  ntfy: 'ntfy',
  gotify: 'Gotify',
  sns: 'AWS SNS',
};

/**
 * One fieldset per channel type, derived from its schema (channel-form.ts). Each control carries its config path,
 * its input kind and whether it is a secret, so that the browser script reads and fills every type the same way.
 * Control names are prefixed with the type (two types may both have a `url`); API issue paths match `data-path`.
 */
export function channelTypeFieldsets(selected: ChannelType): Html[] {
  return CHANNEL_TYPES.map(
    (type) =>
      html`<fieldset class="type-fields" data-type="${type}"${type === selected ? '' : html` hidden`}><legend>${CHANNEL_TYPE_LABELS[type]} settings</legend>
${channelFormFields(type).map((f) => control(type, f))}</fieldset>`,
  );
}

function control(type: ChannelType, f: ChannelFormField): Html {
  const name = `${type}.${f.path}`;
  const marks = html` data-path="${f.path}" data-input="${f.input}"${f.required ? html` data-required` : ''}${f.secret ? html` data-secret` : ''}${f.placeholder ? html` placeholder="${f.placeholder}"` : ''}`;
  const common = { name, label: f.label, hint: f.help, required: f.required };
  const initial = f.initial === undefined ? undefined : String(f.initial);
  if (f.input === 'group')
    return html`<fieldset class="group" data-group="${f.path}"><legend>${f.label}</legend>${f.help ? html`<p class="hint">${f.help}</p>` : ''}
${(f.children ?? []).map((c) => control(type, c))}</fieldset>`;
  if (f.secret) return secretControl(name, f, marks);
  switch (f.input) {
    case 'select':
      return selectField({
        ...common,
        // an optional choice without a default can be left out
        options: f.required || initial !== undefined ? (f.options ?? []) : [['', '—'] as const, ...(f.options ?? [])],
        selected: initial,
        attrs: marks,
      });
    case 'checkbox':
      return checkboxField({ ...common, checked: f.initial === true, attrs: marks });
    case 'list':
    case 'headers':
      return textAreaField({ ...common, rows: 3, attrs: html` spellcheck="false"${marks}` });
    case 'number': {
      const range = html`${f.min !== undefined ? html` min="${String(f.min)}"` : ''}${f.max !== undefined ? html` max="${String(f.max)}"` : ''}`;
      return inputField({ ...common, type: 'number', value: initial, attrs: html`${range}${marks}` });
    }
    case 'url':
      return inputField({ ...common, type: 'url', value: initial, attrs: html` spellcheck="false"${marks}` });
    case 'email':
    case 'mailbox':
      return inputField({ ...common, value: initial, autocomplete: 'off', attrs: html` spellcheck="false"${marks}` });
    default:
      return inputField({ ...common, value: initial, attrs: html` spellcheck="false"${marks}` });
  }
}

/**
 * A secret: masked, never shown back. When a stored channel has one, "keep" (the default) sends the placeholder
 * back, which the API swaps for the stored secret while its destination is unchanged; "replace" enables the box.
 */
function secretControl(name: string, f: ChannelFormField, marks: Html): Html {
  const id = fieldId(name);
  const box =
    f.input === 'headers'
      ? textAreaField({ name, label: f.label, hint: f.help, rows: 3, attrs: html` spellcheck="false"${marks}` })
      : inputField({
          name,
          label: f.label,
          hint: f.help,
          required: f.required,
          type: 'password',
          autocomplete: 'new-password',
          attrs: html` spellcheck="false"${marks}`,
        });
  return html`<div class="secret-field">${box}
<fieldset class="keep-choice" data-keep-for="${id}" hidden><legend>${f.label}: a secret is stored</legend>
<div class="field check"><input type="radio" id="${id}-keep" name="${name}.keep" value="keep" checked><label for="${id}-keep">Keep the stored secret</label></div>
<div class="field check"><input type="radio" id="${id}-replace" name="${name}.keep" value="replace"><label for="${id}-replace">Replace it</label></div>
</fieldset></div>`;
}
