/**
 * Convert an exceljs cell value into the string a user would expect to see in a
 * preview. Kept free of exceljs imports so it is cheap to unit-test and safe to
 * load in the parse worker.
 */

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/**
 * exceljs turns Excel date serials into JS Dates as if they were UTC, so the UTC
 * fields are the ones the user typed. Date-only values (the norm in budget
 * sheets) show as yyyy-mm-dd; a time of day is appended only when present so it
 * isn't silently dropped.
 */
export function formatExcelDate(d: Date): string {
  if (Number.isNaN(d.getTime())) return '';
  const date = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const h = d.getUTCHours();
  const m = d.getUTCMinutes();
  const s = d.getUTCSeconds();
  if (h === 0 && m === 0 && s === 0) return date;
  return `${date} ${pad(h)}:${pad(m)}${s === 0 ? '' : `:${pad(s)}`}`;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

/** Display string for any exceljs `CellValue` (and nested formula results). */
export function cellToDisplay(value: unknown, depth = 0): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return formatExcelDate(value);
  // Depth bound: formula results / hyperlink texts nest at most one level in
  // practice; a crafted structure must not recurse without end.
  if (!isObject(value) || depth > 3) return '';
  if (Array.isArray(value.richText)) {
    return value.richText
      .map((run: unknown) => (isObject(run) && typeof run.text === 'string' ? run.text : ''))
      .join('');
  }
  if ('formula' in value || 'sharedFormula' in value) {
    // The cached result is what Excel displays; we never evaluate formulas.
    return cellToDisplay(value.result, depth + 1);
  }
  if ('hyperlink' in value) {
    return value.text === undefined ? String(value.hyperlink ?? '') : cellToDisplay(value.text, depth + 1);
  }
  if (typeof value.error === 'string') return value.error;
  if ('text' in value) return cellToDisplay(value.text, depth + 1);
  return '';
}
