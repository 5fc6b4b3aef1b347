/**
 * Column mapping of an import file, pure: which header cell each template column is read from.
 * A guess (exact title or a known alias, the region's saved mapping first where it fits), and
 * applying a mapping by rewriting the header row to the template's titles, so that the row checks
 * that follow read the file as if it used the template.
 */
import type { ColumnMappingT } from '@bianban/contracts';
import { normaliseName } from '../../verification/domain/payroll.js';

/** How far down the header row is looked for (as the roster and units readers do). */
export const MAPPING_SCAN_ROWS = 20;

export interface ColumnSpec {
  name: string;
  required: boolean;
  /** Titles recognised without a mapping, the column's own name first. */
  aliases: readonly string[];
}

/** A header cell compared: required-field markers and trailing colons dropped. */
export function titleKey(cell: string): string {
  return normaliseName(cell).replace(/^\*+|[*:：]+$/g, '');
}

function aliasIndex(specs: readonly ColumnSpec[]): Map<string, string> {
  const m = new Map<string, string>();
  for (const s of specs) for (const a of [s.name, ...s.aliases]) if (!m.has(titleKey(a))) m.set(titleKey(a), s.name);
  return m;
}

/**
 * The header row: the row within the first MAPPING_SCAN_ROWS with the most cells naming a column
 * (by alias or by the mapping); the first with two or more non-empty cells when none does.
 * Returns the 0-based index, or -1 for an empty file.
 */
export function findHeaderIndex(
  rows: readonly (readonly string[])[],
  specs: readonly ColumnSpec[],
  mapping: ColumnMappingT = {},
): number {
  const known = new Set([...aliasIndex(specs).keys(), ...Object.values(mapping).map(titleKey)]);
  const scan = Math.min(rows.length, MAPPING_SCAN_ROWS);
  let best = -1;
  let bestScore = 0;
  for (let r = 0; r < scan; r++) {
    const score = new Set((rows[r] ?? []).map(titleKey).filter((k) => k !== '' && known.has(k))).size;
    if (score > bestScore) [best, bestScore] = [r, score];
  }
  if (best >= 0) return best;
  for (let r = 0; r < scan; r++) if ((rows[r] ?? []).filter((c) => c.trim() !== '').length >= 2) return r;
  return -1;
}

/** Refuses a mapping naming unknown columns, or reading two columns from one header cell. */
export function mappingProblems(mapping: ColumnMappingT, specs: readonly ColumnSpec[]): string[] {
  const names = new Set(specs.map((s) => s.name));
  const out: string[] = [];
  const seen = new Map<string, string>();
  for (const [col, title] of Object.entries(mapping)) {
    if (!names.has(col)) {
      out.push(`列“${col}”不是本导入的列`);
      continue;
    }
    const k = titleKey(title);
    const other = seen.get(k);
    if (other) out.push(`“${other}”和“${col}”不能同时对应表头“${title}”`);
    else seen.set(k, col);
  }
  return out;
}

/**
 * The proposed mapping for a header row: for each column, the saved title when the file has it,
 * else the column's own title or an alias; nothing when neither is there.
 */
export function guessMapping(
  headers: readonly string[],
  specs: readonly ColumnSpec[],
  saved: ColumnMappingT = {},
): { mapping: ColumnMappingT; fromSaved: string[]; missing: string[] } {
  const byKey = new Map<string, string>();
  for (const h of headers) if (h.trim() !== '' && !byKey.has(titleKey(h))) byKey.set(titleKey(h), h);
  const used = new Set<string>();
  const mapping: ColumnMappingT = {};
  const fromSaved: string[] = [];
  for (const s of specs) {
    const title = saved[s.name];
    const hit = title !== undefined ? byKey.get(titleKey(title)) : undefined;
    if (hit !== undefined && !used.has(titleKey(hit))) {
      mapping[s.name] = hit;
      used.add(titleKey(hit));
      fromSaved.push(s.name);
    }
  }
  for (const s of specs) {
    if (mapping[s.name] !== undefined) continue;
    for (const a of [s.name, ...s.aliases]) {
      const hit = byKey.get(titleKey(a));
      if (hit !== undefined && !used.has(titleKey(hit))) {
        mapping[s.name] = hit;
        used.add(titleKey(hit));
        break;
      }
    }
  }
  const missing = specs.filter((s) => s.required && mapping[s.name] === undefined).map((s) => s.name);
  return { mapping, fromSaved, missing };
}

/**
 * Rewrites the header row so that each mapped cell carries its column's template title and a cell
 * that would be recognised by alias as a column mapped elsewhere is blanked (so it is not read
 * twice). Other rows are shared, not copied. An empty mapping returns the rows unchanged.
 */
export function applyMapping(
  rows: readonly (readonly string[])[],
  specs: readonly ColumnSpec[],
  mapping: ColumnMappingT,
): string[][] {
  const out = rows as string[][];
  if (Object.keys(mapping).length === 0) return out;
  const at = findHeaderIndex(rows, specs, mapping);
  if (at < 0) return out;
  // Only the entries whose header cell this file has: a saved mapping must not hide a column of a
  // file that uses the template's own titles.
  const cells = new Set((rows[at] ?? []).map(titleKey));
  const present = Object.entries(mapping).filter(([, title]) => cells.has(titleKey(title)));
  const bySource = new Map(present.map(([col, title]) => [titleKey(title), col]));
  const mapped = new Set(present.map(([col]) => col));
  const aliases = aliasIndex(specs);
  const header = (rows[at] ?? []).map((cell) => {
    const k = titleKey(cell);
    const col = bySource.get(k);
    if (col !== undefined) return col;
    const alias = aliases.get(k);
    return alias !== undefined && mapped.has(alias) ? '' : cell;
  });
  const copy = [...out];
  copy[at] = header;
  return copy;
}
