import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pageSchema, type PageConfig } from '../../config/page-schema.ts';
import { buildPageMounts } from './page-mounts.ts';

const components = [{ id: 'web' }, { id: 'api', group: 'Backend' }, { id: 'vault', group: 'Secrets' }, { id: 'spare' }];
const page = (fields: Record<string, unknown>): PageConfig => pageSchema.parse(fields);
const PRIVATE = { access: { ip_allow: ['10.0.0.0/8'] } };

/** [case, pages, slug of the page looked at, the components it shows] */
const rows: [string, PageConfig[], string, string[]][] = [
  [
    'no private page: a page that lists nothing shows all',
    [page({ slug: 'all', title: 'All' })],
    'all',
    ['web', 'api', 'vault', 'spare'],
  ],
  [
    'a public page that lists nothing leaves out what only a private page names (by id or group)',
    [
      page({ slug: 'all', title: 'All' }),
      page({ slug: 'ops', title: 'Ops', components: ['web'], groups: ['Secrets'], ...PRIVATE }),
    ],
    'all',
    ['api', 'spare'],
  ],
  [
    'a component a public page names too stays public',
    [
      page({ slug: 'all', title: 'All' }),
      page({ slug: 'ops', title: 'Ops', components: ['web', 'vault'], ...PRIVATE }),
      page({ slug: 'front', title: 'Front', components: ['web'] }),
    ],
    'all',
    ['web', 'api', 'spare'],
  ],
  [
    'a private page that lists nothing shows all',
    [
      page({ slug: 'ops', title: 'Ops', ...PRIVATE }),
      page({ slug: 'keys', title: 'Keys', components: ['vault'], ...PRIVATE }),
    ],
    'ops',
    ['web', 'api', 'vault', 'spare'],
  ],
  [
    'a page that lists components shows those, in its order',
    [page({ slug: 'some', title: 'Some', components: ['spare'], groups: ['Backend'] })],
    'some',
    ['spare', 'api'],
  ],
];

for (const [name, pages, slug, expected] of rows) {
  test(name, () => {
    const mounts = buildPageMounts({ title: 'Acme', server: { port: 8080 }, pages, components });
    assert.deepEqual(mounts.bySlug.get(slug)!.componentIds, expected);
  });
}
