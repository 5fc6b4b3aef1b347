/**
 * A document as read from a file: paragraphs and tables in order, each with the line (text files,
 * PDF) or paragraph number (DOCX) it starts at. Text is cleaned (bookmark and image markers gone)
 * and number characters normalised one-for-one, so a character span found in `text` is a span of
 * what the reader shows. Pure.
 */

export interface ParagraphBlock {
  kind: 'paragraph';
  /** 1-based line of the source where the paragraph starts. */
  line: number;
  text: string;
}

export interface TableCell {
  text: string;
  line: number;
}

export interface TableBlock {
  kind: 'table';
  line: number;
  rows: { line: number; cells: TableCell[] }[];
}

export type Block = ParagraphBlock | TableBlock;

export type DocumentFormat = 'text' | 'docx' | 'pdf';

export interface ReadDocument {
  format: DocumentFormat;
  blocks: Block[];
  /** PDF: pages read. */
  pages?: number | undefined;
  /** Header and footer lines removed (PDF), for the record. */
  removed?: string[] | undefined;
}

/** A file that could not be read: the message says why, in Chinese. */
export class UnreadableError extends Error {
  constructor(
    readonly code: 'EMPTY' | 'TOO_LARGE' | 'ENCRYPTED' | 'CORRUPT' | 'NO_TEXT_LAYER' | 'UNSUPPORTED',
    message: string,
  ) {
    super(message);
    this.name = 'UnreadableError';
  }
}

export const MAX_READ_BYTES = 10 * 1024 * 1024;

/**
 * Full-width digits and number punctuation to ASCII, one character for one (so spans survive):
 * ０-９, ％, －/−/–, ＋, and the full-width point "．" (and "。" between two digits, a common slip).
 */
export function normaliseChars(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    const code = c.charCodeAt(0);
    if (code >= 0xff10 && code <= 0xff19) out += String.fromCharCode(code - 0xfee0);
    else if (c === '％') out += '%';
    else if (c === '＋') out += '+';
    else if (c === '－' || c === '−' || c === '–') out += '-';
    else if ((c === '．' || c === '。') && isDigit(s[i - 1]) && isDigit(s[i + 1]) && c === '．') out += '.';
    else if (c === '\u00a0' || c === '\u3000') out += ' ';
    else out += c;
  }
  return out;
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && ((c >= '0' && c <= '9') || (c >= '０' && c <= '９'));
}

/** Word-processor noise: `[bookmark: _Toc…]` markers, `[image: …]` placeholders and what OCR put after them. */
export function stripMarkers(line: string): string {
  return line
    .replace(/\[bookmark:[^\]]*\]/g, '')
    .replace(/\[image:[^\]]*\].*$/, '')
    .replace(/\s+$/, '');
}
