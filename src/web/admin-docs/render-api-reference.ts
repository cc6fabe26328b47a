import { html, type Html } from '../html/html.ts';

type Json = Record<string, unknown>;

const METHOD_ORDER = ['get', 'post', 'put', 'patch', 'delete'];

/**
 * A browsable reference of the admin API, rendered on the server from the OpenAPI document (no script, no CDN):
 * operations by tag with access, parameters, request and response schemas.
 */
export function renderApiReference(doc: Json): string {
  const paths = doc.paths as Record<string, Record<string, Json>>;
  const byTag = new Map<string, { method: string; path: string; op: Json }[]>();
  for (const [path, ops] of Object.entries(paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const tag = ((op.tags as string[]) ?? ['Other'])[0]!;
      byTag.set(tag, [...(byTag.get(tag) ?? []), { method, path, op }]);
    }
  }
  const info = doc.info as Json;
  const sections = [...byTag].map(([tag, ops]) => {
    ops.sort((a, b) => a.path.localeCompare(b.path) || METHOD_ORDER.indexOf(a.method) - METHOD_ORDER.indexOf(b.method));
    return html`<section aria-labelledby="tag-${slug(tag)}"><h2 id="tag-${slug(tag)}">${tag}</h2>${ops.map(operation)}</section>`;
  });
  const toc = [...byTag.keys()].map((t) => html`<li><a href="#tag-${slug(t)}">${t}</a></li>`);
  return `<!doctype html>${html`<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${String(info.title)} reference</title><style>${STYLE}</style></head>
<body><main><h1>${String(info.title)} <small>${String(info.version)}</small></h1><p>${String(info.description)}</p>
<p>The machine-readable document: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a> (OpenAPI 3.1).</p>
<nav aria-label="Sections"><ul>${toc}</ul></nav>${sections}</main></body></html>`}`;
}

function operation({ method, path, op }: { method: string; path: string; op: Json }): Html {
  const params = (op.parameters as Json[]) ?? [];
  const body = ((op.requestBody as Json | undefined)?.content as Json | undefined)?.['application/json'] as
    Json | undefined;
  const responses = op.responses as Record<string, Json>;
  const ok = Object.entries(responses).find(([code]) => code.startsWith('2'));
  const okSchema = ((ok?.[1].content as Json | undefined)?.['application/json'] as Json | undefined)?.schema;
  return html`<article class="op"><h3><span class="m m-${method}">${method.toUpperCase()}</span> <code>${path}</code></h3>
<p>${String(op.summary)}</p>${String(op.description ?? '')
    .split('\n\n')
    .map((p) => html`<p class="muted">${p}</p>`)}
${params.length ? html`<h4>Parameters</h4><ul>${params.map((p) => html`<li><code>${String(p.name)}</code> (${String(p.in)}${p.required ? ', required' : ''}) <code>${brief(p.schema as Json)}</code></li>`)}</ul>` : ''}
${body ? html`<details><summary>Request body</summary><pre>${JSON.stringify(body.schema, null, 2)}</pre></details>` : ''}
${okSchema ? html`<details><summary>Response ${ok![0]}</summary><pre>${JSON.stringify(okSchema, null, 2)}</pre></details>` : ''}
<p class="muted">Errors: ${Object.keys(responses)
    .filter((c) => !c.startsWith('2'))
    .join(', ')}</p></article>`;
}

function brief(schema: Json | undefined): string {
  if (!schema) return '';
  if (Array.isArray(schema.enum)) return (schema.enum as unknown[]).join(' | ');
  return [schema.type, schema.pattern ? `/${String(schema.pattern)}/` : '', schema.format].filter(Boolean).join(' ');
}

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-');

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#1f2328;background:#fff}main{max-width:960px;margin:0 auto;padding:1rem}
h1 small{font-size:.6em;color:#59636e}.op{border:1px solid #d1d9e0;border-radius:6px;padding:.5rem 1rem;margin:1rem 0}
.m{display:inline-block;min-width:4.5em;text-align:center;border-radius:4px;color:#fff;font-size:.8em;padding:2px 6px}
.m-get{background:#0969da}.m-post{background:#1a7f37}.m-put,.m-patch{background:#9a6700}.m-delete{background:#cf222e}
pre{background:#f6f8fa;padding:.5rem;overflow:auto;font-size:.85em}.muted{color:#59636e}a{color:#0969da}
@media (prefers-color-scheme:dark){body{background:#0d1117;color:#e6edf3}pre{background:#161b22}.op{border-color:#30363d}.muted,h1 small{color:#9198a1}a{color:#4493f8}}`;
