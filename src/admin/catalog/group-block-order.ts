/** A component as the display order sees it: its id and the name of its group, if any. */
export interface OrderedComponent {
  id: string;
  group: string | null;
}

type Block = { group: string | null; ids: string[] };

/** As the public page shows them: a group sits where its first member is and gathers its members; others stand alone. */
function blocksOf(components: readonly OrderedComponent[]): Block[] {
  const blocks: Block[] = [];
  const byGroup = new Map<string, Block>();
  for (const c of components) {
    const known = c.group === null ? undefined : byGroup.get(c.group);
    if (known) known.ids.push(c.id);
    else {
      const block = { group: c.group, ids: [c.id] };
      if (c.group !== null) byGroup.set(c.group, block);
      blocks.push(block);
    }
  }
  return blocks;
}

/**
 * The components' order once the groups are ranked as `groupOrder` (names): group blocks trade places among the
 * slots groups hold now, ungrouped components keep theirs, members keep their order within the group. Groups not
 * named keep their relative order after the named ones.
 */
export function componentsInGroupOrder(
  components: readonly OrderedComponent[],
  groupOrder: readonly string[],
): string[] {
  const blocks = blocksOf(components);
  const rank = (g: string) => {
    const i = groupOrder.indexOf(g);
    return i === -1 ? groupOrder.length : i;
  };
  const grouped = blocks.filter((b) => b.group !== null);
  const sorted = grouped
    .map((b, i) => ({ b, i }))
    .sort((x, y) => rank(x.b.group!) - rank(y.b.group!) || x.i - y.i)
    .map((x) => x.b);
  let next = 0;
  return blocks.flatMap((b) => (b.group === null ? b.ids : sorted[next++]!.ids));
}
