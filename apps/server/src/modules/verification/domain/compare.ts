/**
 * The comparison itself, pure: payroll entries (already matched to persons through the citizen-ID
 * blind index) against the placements in force on the date within the reader's scope.
 */
import { normaliseName, type PayrollEntry } from './payroll.js';

export interface IndexedEntry extends PayrollEntry {
  /** `blindIndex(keys.data, citizenId)`: the key persons are found by. */
  index: string;
}

export interface PlacedPerson {
  personId: string;
  name: string;
  citizenIdMasked: string;
  index: string;
  unitId: string;
  unitName: string;
  type: string;
  validFrom: string;
}

export interface Comparison {
  /** Paid and placed in the unit the list names. */
  matched: number;
  /** 有人无编: on the list, no placement in force within scope. */
  paidNotPlaced: IndexedEntry[];
  /** 有编无人 / 在编未发薪: placed, not on the list. */
  placedNotPaid: PlacedPerson[];
  /** 单位不符: placed in another unit than the list says. */
  unitMismatch: { entry: IndexedEntry; placed: PlacedPerson }[];
  /** Same ID, another name: worth a look (a wrong ID typed, or a name changed). */
  nameMismatch: { entry: IndexedEntry; placed: PlacedPerson }[];
}

/** Person names compared loosely: also the several middle dots of minority names (阿依·买买提) are one. */
export function personNameKey(name: string): string {
  return normaliseName(name).replace(/[\u00b7\u2022\u2027\u2219\u22c5\u30fb.]/g, '·');
}

/**
 * @param unitNames the normalised names (`normaliseName`) each unit is known by: name, short name,
 *   nameplates, current and as of the date. A list unit matching any of them is the same unit.
 */
export function comparePayroll(
  entries: readonly IndexedEntry[],
  placed: readonly PlacedPerson[],
  unitNames: ReadonlyMap<string, ReadonlySet<string>>,
): Comparison {
  const byIndex = new Map(placed.map((p) => [p.index, p]));
  const paid = new Set(entries.map((e) => e.index));
  const out: Comparison = { matched: 0, paidNotPlaced: [], placedNotPaid: [], unitMismatch: [], nameMismatch: [] };
  for (const entry of entries) {
    const p = byIndex.get(entry.index);
    if (!p) {
      out.paidNotPlaced.push(entry);
      continue;
    }
    if (entry.name !== '' && personNameKey(entry.name) !== personNameKey(p.name))
      out.nameMismatch.push({ entry, placed: p });
    // A row without a unit is reported as a row problem; it is paid, so it is not 有编无人 either.
    if (entry.unit === '') continue;
    if (unitNames.get(p.unitId)?.has(normaliseName(entry.unit))) out.matched++;
    else out.unitMismatch.push({ entry, placed: p });
  }
  out.placedNotPaid = placed
    .filter((p) => !paid.has(p.index))
    .sort((a, b) => a.unitName.localeCompare(b.unitName, 'zh-CN') || a.name.localeCompare(b.name, 'zh-CN'));
  return out;
}
