import assert from 'node:assert/strict';
import { test } from 'node:test';
import { componentsInGroupOrder, type OrderedComponent } from './group-block-order.ts';

const c = (id: string, group: string | null = null): OrderedComponent => ({ id, group });

const CASES: { name: string; components: OrderedComponent[]; order: string[]; want: string[] }[] = [
  { name: 'nothing', components: [], order: ['A'], want: [] },
  {
    name: 'two groups trade places, the ungrouped one between them stays',
    components: [c('a1', 'A'), c('a2', 'A'), c('x'), c('b1', 'B')],
    order: ['B', 'A'],
    want: ['b1', 'x', 'a1', 'a2'],
  },
  {
    name: 'members scattered in the list are gathered at their group',
    components: [c('a1', 'A'), c('b1', 'B'), c('a2', 'A')],
    order: ['B', 'A'],
    want: ['b1', 'a1', 'a2'],
  },
  {
    name: 'groups not named keep their order after the named ones',
    components: [c('a', 'A'), c('b', 'B'), c('c', 'C')],
    order: ['C'],
    want: ['c', 'a', 'b'],
  },
  {
    name: 'the order already in force changes nothing',
    components: [c('a', 'A'), c('y'), c('b', 'B')],
    order: ['A', 'B'],
    want: ['a', 'y', 'b'],
  },
];

for (const t of CASES)
  test(`componentsInGroupOrder: ${t.name}`, () => {
    assert.deepEqual(componentsInGroupOrder(t.components, t.order), t.want);
  });
