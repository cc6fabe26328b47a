import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { PASSWORD, startAdminHarness, type AdminHarness, type ApiResponse } from '../support/admin-harness.ts';
import { exampleBody, routeKey, routeTable, withExampleQuery } from './route-examples.ts';

type JsonSchema = Record<string, unknown>;
type Operation = {
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
  responses: Record<string, { content?: Record<string, { schema: JsonSchema }> }>;
};

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => void;
const openApiPath = (path: string) => path.replace(/:([A-Za-z]+)/g, '{$1}');
const CAMEL_KEY = /"[a-z]+[A-Z][A-Za-z]*":/;

/**
 * Every route of the admin API, called for real with its example input: the answer must match the OpenAPI
 * document's schema for its status exactly (no field missing, none extra), and the request must match the document's
 * request body. The convention is checked on top: snake_case keys, ISO-8601 times.
 */
describe('the OpenAPI document describes every real answer of the admin API', () => {
  let h: AdminHarness;
  let doc: { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, JsonSchema> } };
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  before(async () => {
    h = await startAdminHarness();
    const res = await h.call(null, 'GET', '/api/v1/openapi.json');
    doc = res.json();
    // lists with something in them: a subscriber, a dead delivery, an incident, a manual component status
    for (const path of [
      '/api/v1/subscribers/:id',
      '/api/v1/notifications/:id/retry',
      '/api/v1/incidents/:id',
      '/api/v1/components/:id',
    ])
      await h.fillPath(path);
    ajv.addSchema(doc as unknown as JsonSchema, 'openapi');
  });
  after(() => h?.close());

  const validate = (schema: JsonSchema, value: unknown, what: string) => {
    const check = ajv.compile({ ...schema, $id: undefined } as JsonSchema);
    assert.ok(
      check(value),
      `${what}: ${ajv.errorsText(check.errors, { separator: '\n  ' })}\n${JSON.stringify(value).slice(0, 600)}`,
    );
  };

  for (const r of routeTable()) {
    test(`${routeKey(r)}`, async () => {
      const op = doc.paths[openApiPath(r.path)]?.[r.method.toLowerCase()];
      assert.ok(op, `${routeKey(r)} is missing from the OpenAPI document`);
      // these end the session or change the person: a person of their own
      const ownSession = ['POST /api/v1/auth/logout', 'POST /api/v1/auth/password', 'POST /api/v1/auth/totp/disable'];
      const cred = ownSession.includes(routeKey(r)) ? await h.personSession('owner') : h.sessions.owner;
      const url = withExampleQuery(r, await h.fillPath(r.path, { owner: cred }));
      const body = exampleBody(r, { h, password: PASSWORD });
      if (body !== undefined) {
        const reqSchema = op.requestBody?.content['application/json']?.schema;
        assert.ok(reqSchema, `${routeKey(r)} takes a body the document does not describe`);
        validate(reqSchema, body, `${routeKey(r)} request`);
      }
      const res: ApiResponse = await h.call(cred, r.method, url, { body });
      const documented = op.responses[String(res.status)];
      assert.ok(
        documented,
        `${routeKey(r)} answered ${res.status}, which the document does not list: ${res.body.slice(0, 300)}`,
      );
      const type = String(res.headers['content-type'] ?? '');
      if (res.status === 204 || !type.includes('json')) return;
      const schema = documented.content?.['application/json']?.schema;
      assert.ok(schema, `${routeKey(r)} ${res.status} has no JSON schema`);
      const value = res.json<unknown>();
      const resolved = schema.$ref === '#/components/schemas/Error' ? doc.components.schemas.Error! : schema;
      validate(resolved, value, `${routeKey(r)} → ${res.status}`);
      if (res.status < 300) assertConvention(routeKey(r), value);
    });
  }
});

/** snake_case keys everywhere but inside stored objects shown as they are (audit before/after, check details); times are ISO strings. */
function assertConvention(what: string, value: unknown, at = ''): void {
  if (Array.isArray(value)) return value.forEach((v, i) => assertConvention(what, v, `${at}.${i}`));
  if (!value || typeof value !== 'object') return;
  for (const [k, v] of Object.entries(value)) {
    const path = `${at}.${k}`;
    if (['before', 'after', 'details', 'config'].includes(k)) continue;
    assert.ok(!CAMEL_KEY.test(`"${k}":`), `${what}: key ${path} is not snake_case`);
    if (/(_at|_since)$/.test(k) || k === 'at')
      assert.ok(
        v === null || (typeof v === 'string' && !Number.isNaN(Date.parse(v))),
        `${what}: ${path} is not an ISO time: ${JSON.stringify(v)}`,
      );
    assertConvention(what, v, path);
  }
}
