import { DNS_RECORD_TYPES } from '../../../checks/dns/schema.ts';
import { CHECK_KINDS } from '../../../domain/statuses.ts';
import { html, type Html } from '../../html/html.ts';
import { checkboxField, formError, inputField, selectField, textAreaField } from '../form-fields.ts';
import type { PageBody } from './sign-in-pages.ts';

const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

function typeFields(kind: (typeof CHECK_KINDS)[number], fields: Html): Html {
  return html`<fieldset class="type-fields" data-type="${kind}"><legend>${kind.toUpperCase()} check</legend>${fields}</fieldset>`;
}

const httpFields = typeFields(
  'http',
  html`${inputField({ name: 'url', label: 'URL', type: 'url', hint: 'http:// or https://' })}
${selectField({ name: 'method', label: 'Method', options: HTTP_METHODS, selected: 'GET' })}
${textAreaField({ name: 'headers', label: 'Request headers', rows: 3, hint: 'One "Name: value" per line. Hidden values show as [redacted] and are kept only while the URL stays exactly the same; after changing the URL, type them again.' })}
${textAreaField({ name: 'body', label: 'Request body', rows: 3 })}
${checkboxField({ name: 'follow_redirects', label: 'Follow redirects', checked: true })}
${checkboxField({ name: 'verify_tls', label: 'Verify the TLS certificate', checked: true })}
${checkboxField({ name: 'keep_alive', label: 'Reuse connections between checks' })}`,
);

const tcpFields = typeFields(
  'tcp',
  html`${inputField({ name: 'host', label: 'Host' })}
${inputField({ name: 'port', label: 'Port', type: 'number', attrs: html` min="1" max="65535"` })}
${inputField({ name: 'send', label: 'Send after connecting' })}
${inputField({ name: 'expect', label: 'Expect in the answer' })}`,
);

const dnsFields = typeFields(
  'dns',
  html`${inputField({ name: 'query', label: 'Name to resolve' })}
${selectField({ name: 'record_type', label: 'Record type', options: DNS_RECORD_TYPES, selected: 'A' })}
${inputField({ name: 'resolver', label: 'Resolver', hint: 'host or host:port; empty: the system resolver' })}`,
);

const tlsFields = typeFields(
  'tls',
  html`${inputField({ name: 'tls_host', label: 'Host', attrs: html` data-path="host"` })}
${inputField({ name: 'tls_port', label: 'Port', type: 'number', value: '443', attrs: html` min="1" max="65535" data-path="port"` })}
${inputField({ name: 'servername', label: 'Server name (SNI)', hint: 'Default: the host.' })}
${textAreaField({ name: 'ca', label: 'Extra CA certificates (PEM)', rows: 3 })}
${checkboxField({ name: 'verify', label: 'Fail on an untrusted chain or a name mismatch', checked: true })}`,
);

const pushFields = typeFields(
  'push',
  html`${inputField({ name: 'token', label: 'Push token', hint: 'At least 16 letters, digits, _ or -; your service calls /api/push/<token>. The stored token is never shown again.', attrs: html` spellcheck="false"` })}
<div class="actions"><button type="button" id="push-token-generate">Generate a token</button></div>
${inputField({ name: 'grace', label: 'Grace', value: '10s', hint: 'How late a push may be beyond the interval.' })}`,
);

/** Create or edit a monitor: common fields, the chosen type's fields, test now / run now, pause, resume, delete. */
export function monitorEditorPage(id: string | null): PageBody {
  return {
    heading: id ? `Monitor ${id}` : 'New monitor',
    page: 'monitor',
    section: 'dashboard',
    data: id ? { id } : {},
    main: html`<p class="notice" id="managed-note" hidden>This monitor is defined in the configuration file, so it is read-only here: change it in the file and reload Pharos. You can still test and run it.</p>
<form id="monitor-form" class="card">
<fieldset id="monitor-fields" class="plain"><legend class="visually-hidden">Monitor settings</legend>
<div class="grid2">
${inputField({ name: 'id', label: 'Id', required: true, hint: 'Lower-case letters, digits, - and _; cannot change later.', attrs: html` spellcheck="false" autocapitalize="off"${id ? html` readonly value="${id}"` : ''}` })}
${inputField({ name: 'name', label: 'Name' })}
</div>
${textAreaField({ name: 'description', label: 'Description', rows: 2 })}
<div class="grid2">
${selectField({ name: 'type', label: 'Check type', options: CHECK_KINDS, selected: 'http' })}
${inputField({ name: 'interval', label: 'Interval', value: '60s', hint: 'e.g. 30s, 5m' })}
${inputField({ name: 'timeout', label: 'Timeout', value: '10s' })}
${inputField({ name: 'failure_threshold', label: 'Failures before down', type: 'number', value: '2', attrs: html` min="1" max="100"` })}
${inputField({ name: 'success_threshold', label: 'Successes before up', type: 'number', value: '1', attrs: html` min="1" max="100"` })}
</div>
${httpFields}${tcpFields}${dnsFields}${tlsFields}${pushFields}
<details class="advanced"><summary>Conditions and visibility</summary>
${textAreaField({ name: 'conditions', label: 'Conditions', rows: 3, hint: 'One per line, e.g. [STATUS] == 200 or [RESPONSE_TIME] < 500. Empty: the check type’s defaults.' })}
${inputField({ name: 'degraded_when', label: 'Degraded when', hint: 'e.g. [RESPONSE_TIME] > 1000' })}
${checkboxField({ name: 'enabled', label: 'Enabled', checked: true })}
${checkboxField({ name: 'public.hide_url', label: 'Hide the URL or host on public pages' })}
${checkboxField({ name: 'public.hide_errors', label: 'Hide error messages on public pages' })}
</details>
</fieldset>
${formError}
<div class="actions">
<button type="submit" class="primary" id="monitor-save">${id ? 'Save changes' : 'Create monitor'}</button>
<button type="button" id="monitor-test">Test now</button>
${id && html`<button type="button" id="monitor-run">Run now</button>
<button type="button" id="monitor-pause" hidden>Pause</button>
<button type="button" id="monitor-resume" hidden>Resume</button>
<button type="button" class="danger" id="monitor-delete">Delete</button>`}
</div>
</form>
<section class="card" aria-labelledby="result-h" id="result-section" hidden><h2 id="result-h" tabindex="-1">Result</h2>
<p id="result-summary"></p>
<pre class="json" id="result-json"></pre></section>`,
  };
}
