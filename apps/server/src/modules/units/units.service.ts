import { asc, eq } from 'drizzle-orm';
import { pinyin } from 'pinyin-pro';
import type { UnitNodeT } from '@bianban/contracts';
import type { DbOrTx } from '../../db/client.js';
import { region, unit } from '../../db/schema.js';
import { unitInScope, type DataScope } from '../../platform/auth/scope.js';

/** Pinyin initials of a Chinese name; other characters (digits, letters) are kept, lower-case. */
export function pinyinInitials(name: string): string {
  return pinyin(name.replace(/[（）()]/g, ''), {
    pattern: 'first',
    toneType: 'none',
    type: 'array',
    nonZh: 'consecutive',
  })
    .join('')
    .toLowerCase();
}

/** The unit tree of the scope: the whole region, or the subtree under the user's unit. */
export async function unitTree(
  db: DbOrTx,
  scope: DataScope,
): Promise<{ regionCode: string; regionName: string; roots: UnitNodeT[] }> {
  const rows = await db
    .select()
    .from(unit)
    .where(eq(unit.regionCode, scope.regionCode))
    .orderBy(asc(unit.sortOrder), asc(unit.name));
  const r = (await db.select().from(region).where(eq(region.regionCode, scope.regionCode)))[0];
  const visible = rows.filter((u) => unitInScope(scope, u.id));
  const nodes = new Map<string, UnitNodeT>(
    visible.map((u) => [
      u.id,
      { id: u.id, name: u.name, kind: u.kind, initials: pinyinInitials(u.name), children: [] },
    ]),
  );
  const roots: UnitNodeT[] = [];
  for (const u of visible) {
    const node = nodes.get(u.id)!;
    const parent = u.parentId ? nodes.get(u.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return { regionCode: scope.regionCode, regionName: r?.name ?? scope.regionCode, roots };
}
