/**
 * Errors raised when an uploaded file is refused.
 *
 * The message is shown to the end user as-is, so it is in Simplified Chinese and
 * names the concrete problem (which file, what was expected, what was found).
 * `code` is the stable, machine-readable part the HTTP layer maps to a status.
 */

export type FileRejectedCode = 'FILE_TOO_LARGE' | 'FILE_TYPE' | 'FILE_MALFORMED';

export class FileRejectedError extends Error {
  override readonly name = 'FileRejectedError';
  readonly code: FileRejectedCode;

  constructor(code: FileRejectedCode, message: string, options?: { cause?: unknown }) {
    // `cause` carries the underlying (usually English, library-internal) error for
    // logs without leaking it into the user-facing message.
    super(message, options);
    this.code = code;
  }
}

export function isFileRejectedError(err: unknown): err is FileRejectedError {
  return err instanceof FileRejectedError;
}

/**
 * Untrusted text (a file or archive-entry name) made safe for embedding in a
 * message: no control or bidi-override characters, and bounded length so a
 * hostile name cannot flood logs or the UI or disguise its extension.
 */
export function displayText(text: string): string {
  // Matching control characters is the point here, so no-control-regex does not apply.
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '').trim();
  if (clean.length === 0) return '（未命名）';
  return clean.length > 80 ? `${clean.slice(0, 60)}…${clean.slice(-16)}` : clean;
}

/**
 * A user-supplied file name for messages: only the last path component (browsers
 * and some clients send `C:\fakepath\x.xlsx`), sanitised by `displayText`.
 */
export function displayName(name: string): string {
  return displayText(name.split(/[\\/]/).pop() ?? '');
}

/** Thousands separators, matching the style of `1,000` in user messages. */
export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

const KB = 1024;
const MB = 1024 * 1024;

function trimDecimal(n: number, digits: number): string {
  return n
    .toFixed(digits)
    .replace(/\.0+$/, '')
    .replace(/(\.\d*?)0+$/, '$1');
}

/** Human size in the units users see in Windows Explorer (binary, labelled MB/KB). */
export function formatBytes(n: number, digits = 1): string {
  if (n >= MB) return `${trimDecimal(n / MB, digits)} MB`;
  if (n >= KB) return `${trimDecimal(n / KB, digits)} KB`;
  return `${formatCount(n)} 字节`;
}

/**
 * Size of an oversize file, shown next to the limit. Rounding must never make the
 * actual size look equal to the limit ("上限10 MB（实际10 MB）" is confusing), so
 * precision is increased until the two differ, falling back to exact bytes.
 */
export function formatActualVsLimit(actual: number, limit: number): string {
  const limitText = formatBytes(limit);
  for (const digits of [1, 2, 3]) {
    const text = formatBytes(actual, digits);
    if (text !== limitText) return text;
  }
  return `${formatCount(actual)} 字节`;
}
