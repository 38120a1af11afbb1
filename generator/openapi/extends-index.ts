/**
 * Who extends whom (a component and the components its `allOf` names), indexed once for the questions asked
 * of every discriminator base in turn: Microsoft Graph beta's hundreds of bases each walked its thousands of
 * components once per level of depth (~15 s of a 120 s run).
 */

export interface ExtendsIndex {
  /** The nodes in the order they are written. */
  ids: string[];
  /** What each node extends, by position. */
  parents: string[][];
  /** The positions of the nodes naming each id among their parents. */
  children: Map<string, number[]>;
}

export function extendsIndex(entries: Iterable<readonly [string, readonly string[]]>): ExtendsIndex {
  const index: ExtendsIndex = { ids: [], parents: [], children: new Map() };
  for (const [id, parents] of entries) {
    const at = index.ids.length;
    index.ids.push(id);
    index.parents.push([...parents]);
    for (const p of new Set(parents)) {
      const list = index.children.get(p);
      if (list) list.push(at);
      else index.children.set(p, [at]);
    }
  }
  return index;
}

/**
 * The nodes extending `root` at any depth, in the order passes over all nodes in their written order find
 * them (a node is found in the pass after one of its parents, or in the same pass when written after it):
 * the order the bases' hierarchies have always been emitted in, found without walking every node per pass.
 */
export function extendersOf(index: ExtendsIndex, root: string): string[] {
  const reached = new Set<number>();
  const queue = [root];
  for (let i = 0; i < queue.length; i++) {
    for (const child of index.children.get(queue[i]!) ?? []) {
      if (reached.has(child) || index.ids[child] === root) continue;
      reached.add(child);
      queue.push(index.ids[child]!);
    }
  }
  const candidates = [...reached].sort((a, b) => a - b);
  const found = new Set([root]);
  const out: string[] = [];
  for (let grew = true; grew; ) {
    grew = false;
    for (const at of candidates) {
      const id = index.ids[at]!;
      if (found.has(id) || !index.parents[at]!.some((p) => found.has(p))) continue;
      found.add(id);
      out.push(id);
      grew = true;
    }
  }
  return out;
}
