import type { UnitNodeT } from '../api/types';

export interface UnitTreeOption {
  value: string;
  title: string;
  key: string;
  initials: string;
  children: UnitTreeOption[];
}

/** Unit tree → antd Tree / TreeSelect data. */
export function toTreeData(nodes: readonly UnitNodeT[]): UnitTreeOption[] {
  return nodes.map((n) => ({
    value: n.id,
    key: n.id,
    title: n.name,
    initials: n.initials,
    children: toTreeData(n.children),
  }));
}

export function countUnits(nodes: readonly UnitNodeT[]): number {
  return nodes.reduce((sum, n) => sum + 1 + countUnits(n.children), 0);
}

export interface UnitInfo {
  id: string;
  name: string;
  kind: string;
  /** Names from the root down to the unit, e.g. 区政府 / 区财政局. */
  path: string[];
}

/** id → name, kind and path, for labels and lookups. */
export function indexUnits(nodes: readonly UnitNodeT[]): Map<string, UnitInfo> {
  const map = new Map<string, UnitInfo>();
  const walk = (list: readonly UnitNodeT[], path: string[]) => {
    for (const n of list) {
      const here = [...path, n.name];
      map.set(n.id, { id: n.id, name: n.name, kind: n.kind, path: here });
      walk(n.children, here);
    }
  };
  walk(nodes, []);
  return map;
}

/** The nodes whose name contains `query`, with their ancestors (and all descendants of a match). */
export function filterUnitTree(nodes: readonly UnitNodeT[], query: string): UnitNodeT[] {
  const q = query.trim().toLowerCase();
  if (!q) return [...nodes];
  return nodes.flatMap((n) => {
    // By name, or by pinyin initials (cz → 财政局).
    if (n.name.toLowerCase().includes(q) || n.initials.includes(q)) return [n];
    const children = filterUnitTree(n.children, q);
    return children.length ? [{ ...n, children }] : [];
  });
}

export function allUnitIds(nodes: readonly UnitNodeT[]): string[] {
  return nodes.flatMap((n) => [n.id, ...allUnitIds(n.children)]);
}
