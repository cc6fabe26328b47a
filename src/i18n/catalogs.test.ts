import assert from 'node:assert/strict';
import { test } from 'node:test';
import IntlMessageFormat from 'intl-messageformat';
import { CATALOG_TAGS, catalogMessages, SOURCE_CATALOG } from './catalogs.ts';
import { messageShape, shapeMismatch } from './message-shape.ts';

const keys = Object.keys(SOURCE_CATALOG).sort();

/** Plural options a message uses ("one", "few", "=0"), anywhere in it. */
function pluralOptions(message: string, locale: string): string[] {
  type Node = { type: number; options?: Record<string, { value: Node[] }> };
  const out: string[] = [];
  const walk = (nodes: Node[]) => {
    for (const n of nodes)
      for (const [name, option] of Object.entries(n.options ?? {})) {
        if (n.type === 6) out.push(name);
        walk(option.value);
      }
  };
  walk(new IntlMessageFormat(message, locale).getAst() as unknown as Node[]);
  return out;
}

test('the shipped catalogs include English, German and Arabic', () => {
  for (const tag of ['en', 'de', 'ar']) assert.ok(CATALOG_TAGS.includes(tag), tag);
});

for (const tag of CATALOG_TAGS) {
  test(`${tag}: exactly English's keys, each with English's placeholders, plural and select structure`, () => {
    const messages = catalogMessages(tag)!;
    const own = Object.keys(messages).sort();
    assert.deepEqual(
      { missing: keys.filter((k) => !own.includes(k)), unknown: own.filter((k) => !keys.includes(k)) },
      { missing: [], unknown: [] },
    );
    const problems = keys.flatMap((key) => {
      const why = shapeMismatch(SOURCE_CATALOG[key as keyof typeof SOURCE_CATALOG], messages[key]!, tag);
      return why ? [`${key}: ${why}`] : [];
    });
    assert.deepEqual(problems, []);
  });

  test(`${tag}: plurals use only the language's categories and always have "other"`, () => {
    const categories = new Intl.PluralRules(tag).resolvedOptions().pluralCategories as string[];
    const problems = Object.entries(catalogMessages(tag)!).flatMap(([key, message]) => {
      const options = pluralOptions(message, tag);
      if (options.length === 0) return [];
      const wrong = options.filter((o) => !o.startsWith('=') && !categories.includes(o));
      return [
        ...(wrong.length > 0 ? [`${key}: ${wrong.join(', ')} not in ${categories.join(', ')}`] : []),
        ...(options.includes('other') ? [] : [`${key}: no "other"`]),
      ];
    });
    assert.deepEqual(problems, []);
  });

  test(`${tag}: every message formats with a value for each placeholder, in every plural form`, () => {
    for (const [key, message] of Object.entries(catalogMessages(tag)!))
      for (const n of [0, 1, 2, 3, 11, 100]) {
        const values = Object.fromEntries(
          messageShape(message, tag).map((p) => {
            const [name, kind] = p.split(':');
            return [name!, kind === 'plural' ? n : 'x'];
          }),
        );
        assert.doesNotThrow(() => new IntlMessageFormat(message, tag).format(values), key);
      }
  });
}

test('a message with a missing or extra placeholder, or another plural argument, is reported', () => {
  const rows: [string, string, RegExp | undefined][] = [
    ['Updated {time}', 'Aktualisiert {time}', undefined],
    ['Updated {time}', 'Aktualisiert', /lacks time:argument/],
    ['Updated {time}', 'Aktualisiert {time} {zeit}', /has unknown zeit:argument/],
    ['{count, plural, one {# day} other {# days}}', '{count, plural, other {# 日}}', undefined],
    ['{count, plural, one {# day} other {# days}}', '{n, plural, other {# 日}}', /lacks count:plural/],
    ['{count, plural, one {# day} other {# days}}', '{count} days', /lacks count:plural/],
    ['Updated {time}', 'Updated {time', /does not parse/],
  ];
  for (const [reference, message, expected] of rows) {
    const why = shapeMismatch(reference, message, 'de');
    if (expected) assert.match(why ?? '', expected, message);
    else assert.equal(why, undefined, message);
  }
});
