import type { UnitNodeT } from '../api/types';

export interface UnitTreeOption {
  value: string;
  title: string;
  key: string;
  children: UnitTreeOption[];
}

/** Unit tree → antd Tree / TreeSelect data. */
export function toTreeData(nodes: readonly UnitNodeT[]): UnitTreeOption[] {
  return nodes.map((n) => ({ value: n.id, key: n.id, title: n.name, children: toTreeData(n.children) }));
}

export function countUnits(nodes: readonly UnitNodeT[]): number {
  return nodes.reduce((sum, n) => sum + 1 + countUnits(n.children), 0);
}
