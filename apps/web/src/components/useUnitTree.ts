import { useCallback, useEffect, useMemo, useState } from 'react';
import { unitsApi } from '../api/endpoints';
import type { UnitTreeResponseT } from '../api/types';
import { indexUnits, toTreeData, type UnitInfo, type UnitTreeOption } from './units';
import { fullErrorText, isReportable } from './useNotify';

export interface UnitTreeState {
  tree: UnitTreeResponseT | null;
  error: string | null;
  /** id → name and path. */
  index: Map<string, UnitInfo>;
  /** The tree as antd Tree / TreeSelect data. */
  treeData: UnitTreeOption[];
  reload: () => void;
}

/** The unit tree of the user's scope (GET /api/units), loaded on mount. */
export function useUnitTree(): UnitTreeState {
  const [tree, setTree] = useState<UnitTreeResponseT | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    unitsApi.tree(controller.signal).then(
      (t) => {
        setTree(t);
        setError(null);
      },
      (e: unknown) => {
        if (isReportable(e)) setError(fullErrorText(e));
      },
    );
    return () => controller.abort();
  }, [version]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  const index = useMemo(() => indexUnits(tree?.roots ?? []), [tree]);
  const treeData = useMemo(() => toTreeData(tree?.roots ?? []), [tree]);
  return { tree, error, index, treeData, reload };
}
