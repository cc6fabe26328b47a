import assert from 'node:assert/strict';
import { test } from 'node:test';
import { floatingOf, instantOf, parseMaintenanceDateTime } from './wall-clock.ts';

const at = (iso: string): number => Date.parse(iso);

test('parseMaintenanceDateTime: local in the zone, or with its own offset; NaN when malformed', () => {
  const rows: [string, string, string | null][] = [
    ['2026-12-01T02:00', 'UTC', '2026-12-01T02:00:00.000Z'],
    ['2026-12-01T02:00', 'Europe/Berlin', '2026-12-01T01:00:00.000Z'],
    ['2026-12-01T02:00:15.5', 'Europe/Berlin', '2026-12-01T01:00:15.500Z'],
    ['2026-12-01T02:00Z', 'Europe/Berlin', '2026-12-01T02:00:00.000Z'],
    ['2026-12-01T02:00:00-05:30', 'Europe/Berlin', '2026-12-01T07:30:00.000Z'],
    ['2026-12-01T02:00:00.123456+01:00', 'UTC', '2026-12-01T01:00:00.123Z'],
    ['2026-02-30T02:00', 'UTC', null],
    ['2026-12-01T24:00', 'UTC', null],
    ['2026-12-01 02:00', 'UTC', null],
    ['2026-12-01', 'UTC', null],
    ['2026-12-01T02:00+0100', 'UTC', null],
    ['2026-12-01T02:00', 'Nowhere/Atlantis', null],
    ['0050-12-01T02:00Z', 'UTC', null],
  ];
  for (const [text, zone, expected] of rows) {
    const ms = parseMaintenanceDateTime(text, zone);
    assert.equal(Number.isNaN(ms) ? null : new Date(ms).toISOString(), expected, `${text} in ${zone}`);
  }
});

test('instantOf reads a gap with the offset before it and a repeated time as its first occurrence', () => {
  const rows: [string, string, string][] = [
    ['2026-03-29T01:59:00Z', 'Europe/Berlin', '2026-03-29T00:59:00.000Z'],
    ['2026-03-29T02:30:00Z', 'Europe/Berlin', '2026-03-29T01:30:00.000Z'], // does not exist: 03:30 CEST
    ['2026-03-29T03:00:00Z', 'Europe/Berlin', '2026-03-29T01:00:00.000Z'],
    ['2026-10-25T02:30:00Z', 'Europe/Berlin', '2026-10-25T00:30:00.000Z'], // twice: the CEST one
    ['2026-10-25T03:00:00Z', 'Europe/Berlin', '2026-10-25T02:00:00.000Z'],
    ['2026-10-04T02:15:00Z', 'Australia/Lord_Howe', '2026-10-03T15:45:00.000Z'], // a 30-minute gap at 02:00
    ['2026-06-01T12:00:00Z', 'UTC', '2026-06-01T12:00:00.000Z'],
  ];
  for (const [floating, zone, expected] of rows)
    assert.equal(new Date(instantOf(at(floating), zone)).toISOString(), expected, `${floating} in ${zone}`);
});

test('floatingOf and instantOf round-trip for every instant around a DST change', () => {
  for (let t = at('2026-10-24T22:00:00Z'); t < at('2026-10-25T04:00:00Z'); t += 15 * 60_000) {
    const back = instantOf(floatingOf(t, 'Europe/Berlin'), 'Europe/Berlin');
    // During the repeated hour the second pass maps back to the first one, an hour earlier.
    const repeated = t >= at('2026-10-25T01:00:00Z') && t < at('2026-10-25T02:00:00Z');
    assert.equal(back, repeated ? t - 3_600_000 : t, new Date(t).toISOString());
  }
});
