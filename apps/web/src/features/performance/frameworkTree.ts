/**
 * Immutable edits of an indicator tree, addressed by index paths ([0, 2] = the third child of the
 * first first-level indicator), so that a node keeps its place while its key is being edited.
 */
import type { IndicatorNodeInput } from '@bianban/contracts';

export type NodePath = readonly number[];

export const pathId = (path: NodePath) => path.join('-');
export const parsePathId = (id: string): number[] => (id === '' ? [] : id.split('-').map(Number));

export function nodeAt(nodes: readonly IndicatorNodeInput[], path: NodePath): IndicatorNodeInput | undefined {
  let list: readonly IndicatorNodeInput[] | undefined = nodes;
  let node: IndicatorNodeInput | undefined;
  for (const i of path) {
    node = list?.[i];
    if (!node) return undefined;
    list = node.children;
  }
  return node;
}

/** Replaces the list of children at `parent` (the top level for []) through `edit`. */
function editList(
  nodes: readonly IndicatorNodeInput[],
  parent: NodePath,
  edit: (list: IndicatorNodeInput[]) => IndicatorNodeInput[],
): IndicatorNodeInput[] {
  if (parent.length === 0) return edit([...nodes]);
  const [head, ...rest] = parent;
  return nodes.map((n, i) => (i === head ? { ...n, children: editList(n.children ?? [], rest, edit) } : n));
}

export function updateNode(
  nodes: readonly IndicatorNodeInput[],
  path: NodePath,
  patch: (node: IndicatorNodeInput) => IndicatorNodeInput,
): IndicatorNodeInput[] {
  const parent = path.slice(0, -1);
  const index = path[path.length - 1]!;
  return editList(nodes, parent, (list) => list.map((n, i) => (i === index ? patch(n) : n)));
}

/** The next free key under a parent: "1.3" after "1.1", "1.2"; "5" at the top after "4". */
export function nextKey(siblings: readonly IndicatorNodeInput[], parentKey: string | null): string {
  const last = siblings
    .map((s) => Number(s.key.split('.').pop()))
    .filter((v) => Number.isInteger(v))
    .reduce((a, b) => Math.max(a, b), 0);
  return parentKey ? `${parentKey}.${last + 1}` : String(last + 1);
}

/** Adds a child under `parent` ([] for a first-level indicator); a leaf parent loses its rule. Returns the tree and the new path. */
export function addChild(nodes: readonly IndicatorNodeInput[], parent: NodePath): [IndicatorNodeInput[], number[]] {
  const parentNode = parent.length ? nodeAt(nodes, parent) : undefined;
  const siblings = parent.length ? (parentNode?.children ?? []) : nodes;
  const child: IndicatorNodeInput = {
    key: nextKey(siblings, parentNode?.key ?? null),
    name: '新指标',
    points: 0,
    guidance: '',
    rule: { kind: 'manual' },
    source: { kind: 'manual' },
  };
  let next = editList(nodes, parent, (list) => [...list, child]);
  if (parentNode && !parentNode.children?.length) {
    // A branch is scored by its children: its own rule and source go.
    next = updateNode(next, parent, (n) => {
      const { rule: _rule, source: _source, ...rest } = n;
      return rest;
    });
  }
  return [next, [...parent, siblings.length]];
}

export function removeNode(nodes: readonly IndicatorNodeInput[], path: NodePath): IndicatorNodeInput[] {
  const index = path[path.length - 1]!;
  return editList(nodes, path.slice(0, -1), (list) => list.filter((_, i) => i !== index));
}

export function moveNode(
  nodes: readonly IndicatorNodeInput[],
  path: NodePath,
  delta: -1 | 1,
): [IndicatorNodeInput[], number[]] {
  const index = path[path.length - 1]!;
  const parent = path.slice(0, -1);
  const siblings = parent.length ? (nodeAt(nodes, parent)?.children ?? []) : nodes;
  const target = index + delta;
  if (target < 0 || target >= siblings.length) return [[...nodes], [...path]];
  const next = editList(nodes, parent, (list) => {
    const copy = [...list];
    const [moved] = copy.splice(index, 1);
    copy.splice(target, 0, moved!);
    return copy;
  });
  return [next, [...parent, target]];
}

/** Sum of the children's points, or null for a leaf. */
export function childSum(node: IndicatorNodeInput): number | null {
  if (!node.children?.length) return null;
  return Math.round(node.children.reduce((s, c) => s + c.points, 0) * 1000) / 1000;
}
