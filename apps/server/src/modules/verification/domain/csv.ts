/**
 * CSV (RFC 4180) to rows of strings: comma-separated, fields optionally in double quotes (a quote
 * inside doubled), records ended by CRLF, LF or CR; a quoted field may span lines. A UTF-8 BOM (what
 * Excel's “CSV UTF-8” writes) is dropped. Pure and linear in the input.
 */

export class CsvTooManyRowsError extends Error {
  constructor(readonly limit: number) {
    super(`CSV超过${limit}行`);
  }
}

/**
 * Parses `text` into records. `maxRows` bounds the output: one more record than that throws
 * CsvTooManyRowsError (the caller names the limit to the user). A trailing line break does not make
 * an extra empty record.
 */
export function parseCsv(text: string, maxRows = Number.POSITIVE_INFINITY): string[][] {
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const endField = () => {
    row.push(field);
    field = '';
  };
  const endRow = () => {
    endField();
    if (rows.length >= maxRows) throw new CsvTooManyRowsError(maxRows);
    rows.push(row);
    row = [];
  };
  while (i < s.length) {
    const c = s[i]!;
    if (quoted) {
      if (c === '"') {
        if (s[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      field += c;
      i++;
      continue;
    }
    if (c === '"' && field === '') {
      quoted = true;
      i++;
    } else if (c === ',') {
      endField();
      i++;
    } else if (c === '\r' || c === '\n') {
      endRow();
      i += c === '\r' && s[i + 1] === '\n' ? 2 : 1;
    } else {
      // A stray quote inside an unquoted field is kept literally, as spreadsheet programs do.
      field += c;
      i++;
    }
  }
  if (field !== '' || row.length > 0 || quoted) endRow();
  return rows;
}
