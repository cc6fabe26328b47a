import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { z } from 'zod';
import { monitorSchema, type MonitorConfig } from '../config/monitor-schema.ts';
import { parseCondition, PLACEHOLDERS } from '../domain/conditions/index.ts';
import { targetHostOf } from '../scheduler/host-limits.ts';
import { monitorEditorPage } from '../web/admin/pages/monitor-editor-page.ts';
import { formControlName } from './check-form.ts';
import type { CheckType } from './check-type.ts';
import { CHECK_KINDS, checkFor, checkTypes } from './registry.ts';

/** Every part of the interface; the compiler fails here when CheckType gains a part this test does not know. */
const PARTS = {
  kind: 'string',
  fields: 'object',
  example: 'object',
  defaultConditions: 'object',
  placeholders: 'object',
  measuresLatency: 'boolean',
  runsOnCheckThread: 'boolean',
  target: 'function',
  publicTarget: 'function',
  secretTarget: 'function',
  form: 'object',
  run: 'function',
} as const satisfies Record<keyof CheckType, string>;

/** Controls of the monitor editor that every type shares; a type's own control must not reuse their names. */
const COMMON_CONTROLS = [
  'id',
  'name',
  'description',
  'type',
  'interval',
  'timeout',
  'failure_threshold',
  'success_threshold',
  'conditions',
  'degraded_when',
  'enabled',
  'public.hide_url',
  'public.hide_errors',
];

/** A shape key the admin form must offer: one without a default that cannot be left out. */
const mustBeEntered = (schema: z.core.$ZodType) => !z.safeParse(schema, undefined).success;

describe('check type registry: every type implements every part', () => {
  for (const [key, checkType] of Object.entries(checkTypes) as [string, CheckType][]) {
    describe(key, () => {
      const example = (): MonitorConfig => monitorSchema.parse({ ...checkType.example, id: 'example' });

      test('has every part, its key is its kind and its `type` literal', () => {
        for (const [part, kind] of Object.entries(PARTS))
          assert.equal(typeof checkType[part as keyof CheckType], kind, part);
        assert.equal(checkType.kind, key);
        const literal = checkType.fields.shape.type;
        assert.ok(literal instanceof z.ZodLiteral, 'fields.type is a literal');
        assert.deepEqual([...literal.values], [key]);
      });

      test('its example is a valid monitor of its kind', () => {
        assert.equal(checkType.fields.safeParse(checkType.example).success, true);
        assert.equal(example().type, key);
      });

      test('placeholders are known, and the default conditions read only those', () => {
        assert.ok(checkType.placeholders.length > 0);
        assert.equal(new Set(checkType.placeholders).size, checkType.placeholders.length, 'no duplicates');
        for (const p of checkType.placeholders) assert.ok(PLACEHOLDERS.includes(p), p);
        assert.ok(checkType.defaultConditions.length > 0);
        for (const source of checkType.defaultConditions)
          assert.ok(checkType.placeholders.includes(parseCondition(source).left.placeholder), source);
      });

      test('its target names one of its own fields and a limit key', () => {
        const target = checkFor(example()).target();
        if (target === undefined) return assert.equal(targetHostOf(example()), undefined);
        assert.ok(Object.hasOwn(checkType.fields.shape, target.field), target.field);
        assert.ok(target.limitKey.length > 0 && target.limitKey === target.limitKey.toLowerCase(), target.limitKey);
        assert.equal(targetHostOf(example()), target.limitKey);
      });

      test('its public target never shows a secret field', () => {
        const shown = checkFor(example()).publicTarget();
        assert.ok(shown === null || typeof shown === 'string');
        const config = example() as Record<string, unknown>;
        for (const field of checkType.form.filter((f) => f.input === 'secret'))
          assert.ok(!shown?.includes(String(config[field.path])), field.path);
      });

      test('its form edits its own fields, offers every field that must be entered, and is rendered', () => {
        const shape: Record<string, z.core.$ZodType> = checkType.fields.shape;
        const paths = checkType.form.map((f) => f.path);
        for (const path of paths) assert.ok(Object.hasOwn(shape, path) && path !== 'type', path);
        for (const [path, schema] of Object.entries(shape))
          if (path !== 'type' && mustBeEntered(schema)) assert.ok(paths.includes(path), `form lacks ${path}`);
        for (const field of checkType.form.filter((f) => f.input === 'select')) {
          assert.ok(field.options && field.options.length > 0, field.path);
          for (const option of field.options)
            assert.equal(z.safeParse(shape[field.path] ?? z.never(), option).success, true, option);
        }
        const page = String(monitorEditorPage(null).main);
        assert.match(page, new RegExp(`<fieldset class="type-fields" data-type="${key}">`));
        for (const field of checkType.form)
          assert.match(page, new RegExp(`name="${formControlName(field)}"[^>]* data-path="${field.path}"`), field.path);
      });
    });
  }

  test('the kinds, the monitor schema and the editor offer the same list', () => {
    assert.deepEqual(CHECK_KINDS, Object.keys(checkTypes));
    const page = String(monitorEditorPage(null).main);
    for (const kind of CHECK_KINDS) assert.match(page, new RegExp(`<option value="${kind}"`));
    assert.equal(monitorSchema.safeParse({ id: 'x', type: 'nope' }).success, false);
  });

  test('form control names are unique across types and apart from the common ones', () => {
    const names = Object.values(checkTypes).flatMap((t: CheckType) => t.form.map(formControlName));
    assert.deepEqual(
      names.filter((n, i) => names.indexOf(n) !== i),
      [],
    );
    assert.deepEqual(
      names.filter((n) => COMMON_CONTROLS.includes(n)),
      [],
    );
  });
});
