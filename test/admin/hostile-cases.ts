import { z } from 'zod';
import type { AdminRoute } from '../../src/http/admin/admin-route.ts';

/**
 * Malformed requests for one admin route, derived from its schemas and a valid example: wrong types, missing and
 * unknown fields, oversized and hostile strings, deep nesting, prototype keys, bad JSON and content types, bad and
 * unknown ids. Deterministic: a seeded PRNG picks among the candidates.
 */

export const CATEGORIES = [
  'path-id-hostile',
  'path-raw',
  'id-unknown',
  'query-wrong-value',
  'query-unknown',
  'body-wrong-type',
  'body-missing',
  'body-unknown-field',
  'body-hostile-string',
  'body-oversized-field',
  'body-deep-nesting',
  'body-shape',
  'body-proto-keys',
  'body-invalid-json',
  'body-too-large',
  'content-type',
  'non-utf8',
] as const;
export type Category = (typeof CATEGORIES)[number];

export interface HostileCase {
  category: Category;
  label: string;
  /** the path with params filled (and any query) */
  url: string;
  payload?: string | Buffer;
  contentType?: string;
  /** the status this input must get, when it is certain */
  status?: number;
  /** a 400 must name this path among its issues */
  issuePath?: string;
}

export const HOSTILE_STRINGS = [
  "' OR 1=1 --",
  "'; DROP TABLE users; --",
  '"><script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '../../etc/passwd',
  '%00',
  'nul\u0000byte',
  '${jndi:ldap://127.0.0.1/x}',
  '{{7*7}}',
  '\u202Egnp.exe',
  'lone \ud800 surrogate',
  '💥'.repeat(50),
  'javascript:alert(1)',
] as const;

const WRONG_VALUES: readonly unknown[] = [
  12345,
  -1,
  0,
  1.5,
  true,
  false,
  null,
  [],
  {},
  ['a'],
  { nested: 'object' },
  'a string',
  '',
  2 ** 64,
  -(2 ** 53),
  Number.MAX_VALUE,
];

/** mulberry32: small, seeded, good enough to pick cases */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(rand: () => number, list: readonly T[], n: number): T[] {
  const copy = [...list];
  const out: T[] = [];
  while (out.length < n && copy.length > 0) out.push(copy.splice(Math.floor(rand() * copy.length), 1)[0]!);
  return out;
}

/** Top-level property names and required ones of a schema's input (all variants of a union). */
export function fieldsOf(schema: z.ZodType | undefined): { names: string[]; required: Set<string> } {
  if (!schema) return { names: [], required: new Set() };
  const js = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as {
    properties?: object;
    required?: string[];
    oneOf?: { properties?: object }[];
    anyOf?: { properties?: object }[];
  };
  const variants = [js, ...(js.oneOf ?? []), ...(js.anyOf ?? [])];
  const names = [...new Set(variants.flatMap((v) => Object.keys(v.properties ?? {})))];
  return { names, required: new Set(js.required ?? []) };
}

const deep = (depth: number, leaf: unknown = 1): unknown => {
  let v: unknown = leaf;
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
};

export interface RouteCaseInput {
  route: AdminRoute;
  /** the path with real ids */
  url: string;
  /** the path with ids that exist nowhere */
  missingUrl: string;
  /** a valid example body, when the route has one */
  example?: Record<string, unknown>;
  /** a valid query string for the route ('' when it needs none) */
  query: string;
  seed: number;
  /** cases per route, at most */
  max: number;
}

export function hostileCases(input: RouteCaseInput): HostileCase[] {
  const { route: r, example, query } = input;
  const rand = seededRandom(input.seed);
  const q = query ? `?${query}` : '';
  const url = input.url + q;
  const json = (v: unknown) => JSON.stringify(v);
  const must: HostileCase[] = [];
  const optional: HostileCase[] = [];
  const bodyOf = (v: unknown) => (r.body ? json(v) : undefined);
  const baseBody = bodyOf(example ?? {});

  if (r.params) {
    const names = [...r.path.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]!);
    const realIds = input.url.split('/');
    const template = r.path.split('/');
    for (const name of names) {
      const at = template.indexOf(`:${name}`);
      const withId = (id: string) => realIds.map((seg, i) => (i === at ? id : seg)).join('/') + q;
      for (const bad of [
        ...HOSTILE_STRINGS,
        'UPPER-CASE',
        '-leading-dash',
        'x'.repeat(64),
        'a b',
        '😀',
        '1 UNION SELECT password_hash FROM users',
      ]) {
        if (!encodable(bad)) continue;
        (bad === "' OR 1=1 --" || bad === '../../etc/passwd' || bad === '%00' ? must : optional).push({
          category: 'path-id-hostile',
          label: `${name}=${bad.slice(0, 30)}`,
          url: withId(encodeURIComponent(bad)),
          payload: baseBody,
          status: 400,
          issuePath: `params.${name}`,
        });
      }
      for (const raw of [
        '..',
        '../../etc/passwd',
        '%00',
        '%E0%A4%A',
        '%ff%fe',
        "'%20OR%201=1%20--",
        '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
      ]) {
        optional.push({ category: 'path-raw', label: `${name} raw ${raw}`, url: withId(raw), payload: baseBody });
      }
    }
    must.push({
      category: 'id-unknown',
      label: 'ids that exist nowhere',
      url: input.missingUrl + q,
      payload: baseBody,
      status: 404,
    });
  }

  if (r.query) {
    const { names } = fieldsOf(r.query);
    const values = [
      'abc',
      '-1',
      '1e999',
      'NaN',
      'Infinity',
      '99999999999999999999',
      '1.5',
      '',
      'true',
      "' OR 1=1 --",
      '<script>alert(1)</script>',
      '%00',
      'x'.repeat(5000),
    ];
    for (const name of names) {
      for (const v of values.filter(encodable))
        optional.push({
          category: 'query-wrong-value',
          label: `${name}=${v.slice(0, 20)}`,
          url: `${input.url}?${mergeQuery(query, name, encodeURIComponent(v))}`,
        });
      optional.push({
        category: 'query-wrong-value',
        label: `${name} twice`,
        url: `${input.url}?${mergeQuery(query, name, '1')}&${name}=2`,
      });
    }
    must.push({
      category: 'query-unknown',
      label: 'unknown parameter',
      url: `${input.url}?${mergeQuery(query, 'zzz_unknown', '1')}`,
      status: 400,
      issuePath: 'query',
    });
    optional.push({
      category: 'query-unknown',
      label: '__proto__',
      url: `${input.url}?${mergeQuery(query, '__proto__[polluted]', '1')}`,
    });
    optional.push({
      category: 'query-unknown',
      label: 'constructor',
      url: `${input.url}?${mergeQuery(query, 'constructor[prototype][polluted]', '1')}`,
    });
  }

  if (r.body) {
    const ex = example ?? {};
    const { names, required } = fieldsOf(r.body);
    const fields = [...new Set([...Object.keys(ex), ...names])];
    for (const f of fields) {
      for (const v of WRONG_VALUES) {
        if (json(v) === json(ex[f])) continue;
        optional.push({ category: 'body-wrong-type', label: `${f}=${json(v)}`, url, payload: json({ ...ex, [f]: v }) });
      }
      for (const s of HOSTILE_STRINGS)
        optional.push({
          category: 'body-hostile-string',
          label: `${f}=${s.slice(0, 20)}`,
          url,
          payload: json({ ...ex, [f]: s }),
        });
      optional.push({
        category: 'body-oversized-field',
        label: `${f} of 25 KB`,
        url,
        payload: json({ ...ex, [f]: 'x'.repeat(25_000) }),
      });
      optional.push({
        category: 'body-deep-nesting',
        label: `${f} 200 deep`,
        url,
        payload: json({ ...ex, [f]: deep(200) }),
      });
      optional.push({
        category: 'body-wrong-type',
        label: `${f}=1e400 (Infinity)`,
        url,
        payload: json({ ...ex, [f]: '__INF__' }).replace('"__INF__"', '1e400'),
      });
      if (f in ex) {
        const rest = { ...ex };
        delete rest[f];
        (required.has(f) ? must : optional).push({
          category: 'body-missing',
          label: `without ${f}`,
          url,
          payload: json(rest),
          ...(required.has(f) ? { status: 400, issuePath: `body.${f}` } : {}),
        });
      }
    }
    must.push({
      category: 'body-unknown-field',
      label: 'unknown field',
      url,
      payload: json({ ...ex, zzz_unknown: 1 }),
      status: 400,
      issuePath: 'body',
    });
    optional.push({
      category: 'body-unknown-field',
      label: 'isAdmin',
      url,
      payload: json({ ...ex, isAdmin: true, role_override: 'owner' }),
      status: 400,
    });
    for (const [label, v] of [
      ['array of it', [ex]],
      ['a string', 'body'],
      ['a number', 42],
      ['null', null],
      ['empty object', {}],
      ['empty array', []],
      ['true', true],
    ] as const) {
      optional.push({ category: 'body-shape', label, url, payload: json(v) });
    }
    must.push({ category: 'body-shape', label: 'array of it', url, payload: json([ex]), status: 400 });
    must.push({
      category: 'body-proto-keys',
      label: '__proto__',
      url,
      payload: `{"__proto__":{"polluted":"yes"},${json(ex).slice(1)}`.replace(',}', '}'),
      status: 400,
    });
    must.push({
      category: 'body-proto-keys',
      label: 'constructor.prototype',
      url,
      payload: `{"constructor":{"prototype":{"polluted":"yes"}},${json(ex).slice(1)}`.replace(',}', '}'),
      status: 400,
    });
    optional.push({
      category: 'body-proto-keys',
      label: 'nested __proto__',
      url,
      payload: json({ ...ex, zzz: JSON.parse('{"__proto__":{"polluted":"yes"}}') as unknown }),
      status: 400,
    });
    for (const bad of [
      '{"a":',
      "{'a':1}",
      '{"a":1,}',
      'NaN',
      '{"a":undefined}',
      '\u0000',
      '{"a":1}{"b":2}',
      '[1,2',
      '',
    ]) {
      (bad === '{"a":' ? must : optional).push({
        category: 'body-invalid-json',
        label: json(bad),
        url,
        payload: bad,
        status: 400,
      });
    }
    must.push({
      category: 'body-too-large',
      label: '300 KB',
      url,
      payload: json({ ...ex, filler: 'x'.repeat(300 * 1024) }),
      status: 413,
    });
    must.push({
      category: 'body-deep-nesting',
      label: 'whole body 50 000 deep',
      url,
      payload: '['.repeat(50_000) + ']'.repeat(50_000),
      status: 400,
    });
    must.push({
      category: 'content-type',
      label: 'form',
      url,
      payload: 'a=1&b=2',
      contentType: 'application/x-www-form-urlencoded',
      status: 415,
    });
    optional.push({
      category: 'content-type',
      label: 'xml',
      url,
      payload: '<a>1</a>',
      contentType: 'application/xml',
      status: 415,
    });
    optional.push({
      category: 'content-type',
      label: 'multipart',
      url,
      payload: '--x\r\n\r\n--x--',
      contentType: 'multipart/form-data; boundary=x',
      status: 415,
    });
    optional.push({
      category: 'content-type',
      label: 'text/plain JSON',
      url,
      payload: json(ex),
      contentType: 'text/plain',
    });
    optional.push({ category: 'content-type', label: 'garbage type', url, payload: json(ex), contentType: '☃/☃' });
    must.push({
      category: 'non-utf8',
      label: 'invalid UTF-8 in a string',
      url,
      payload: Buffer.concat([
        Buffer.from(json(ex).slice(0, -1) + (Object.keys(ex).length ? ',' : '') + '"zzz":"'),
        Buffer.from([0xff, 0xfe, 0xc3, 0x28]),
        Buffer.from('"}'),
      ]),
    });
    optional.push({
      category: 'non-utf8',
      label: 'latin-1 charset',
      url,
      payload: Buffer.from([0x7b, 0x22, 0xe9, 0x22, 0x3a, 0x31, 0x7d]),
      contentType: 'application/json; charset=latin1',
    });
  }
  return [...must, ...pick(rand, optional, Math.max(0, input.max - must.length))];
}

function encodable(s: string): boolean {
  try {
    encodeURIComponent(s);
    return true;
  } catch {
    return false;
  }
}

function mergeQuery(query: string, name: string, value: string): string {
  const kept = query.split('&').filter((p) => p && !p.startsWith(`${name}=`));
  return [...kept, `${name}=${value}`].join('&');
}
