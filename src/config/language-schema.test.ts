import assert from 'node:assert/strict';
import { test } from 'node:test';
import { configSchema } from './schema.ts';

const parse = (yaml: Record<string, unknown>) => configSchema.safeParse(yaml);
const issues = (result: ReturnType<typeof parse>) =>
  result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);

test('language, languages and strings: valid settings parse, each mistake names its key', () => {
  const ok = parse({
    language: 'auto',
    languages: ['en', 'de'],
    strings: { 'banner.allOperational': 'Everything is fine', de: { 'uptime.value': '{percent} erreichbar' } },
    pages: [{ slug: 'main', title: 'Main', language: 'ar', strings: { 'footer.powered': 'Pharos' } }],
  });
  assert.deepEqual(issues(ok), []);
  const rows: [Record<string, unknown>, RegExp][] = [
    [{ language: 'xx' }, /^language: /],
    [{ languages: ['en', 'klingon'] }, /^languages\.1: /],
    [{ strings: { 'banner.nope': 'x' } }, /^strings\.banner\.nope: unknown message key "banner\.nope"/],
    [{ strings: { 'banner.updated': 'Updated' } }, /^strings\.banner\.updated: "banner\.updated" lacks time:argument/],
    [{ strings: { 'banner.updated': 'Updated {when}' } }, /has unknown when:argument/],
    [{ strings: { 'components.count': '{count} things' } }, /lacks count:plural/],
    [{ strings: { 'banner.updated': 'Updated {time' } }, /does not parse/],
    [{ strings: { xx: { 'banner.updated': 'x {time}' } } }, /^strings\.xx: unknown language "xx"/],
    [{ strings: { de: { 'banner.nope': 'x' } } }, /^strings\.de\.banner\.nope: unknown message key/],
    [{ pages: [{ slug: 'p', title: 'P', strings: { 'x.y': 'z' } }] }, /^pages\.0\.strings\.x\.y: unknown message key/],
  ];
  for (const [input, expected] of rows) {
    const found = issues(parse(input));
    assert.ok(
      found.some((i) => expected.test(i)),
      `${JSON.stringify(input)} → ${found.join(' | ')}`,
    );
  }
});
