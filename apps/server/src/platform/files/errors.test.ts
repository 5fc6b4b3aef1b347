import { describe, expect, it } from 'vitest';
import { FileRejectedError, displayName, formatActualVsLimit, formatBytes, formatCount } from './errors.js';

describe('FileRejectedError', () => {
  it('is an Error with a code and keeps the cause out of the message', () => {
    const cause = new Error('end of central directory record signature not found');
    const err = new FileRejectedError('FILE_MALFORMED', '压缩包已损坏', { cause });
    expect(err).toBeInstanceOf(Error);
    expect(err.name).toBe('FileRejectedError');
    expect(err.code).toBe('FILE_MALFORMED');
    expect(err.message).toBe('压缩包已损坏');
    expect(err.cause).toBe(cause);
  });
});

describe('message formatting', () => {
  it('formats counts and sizes the way the messages show them', () => {
    expect(formatCount(1204)).toBe('1,204');
    expect(formatBytes(10 * 1024 * 1024)).toBe('10 MB');
    expect(formatBytes(12.3 * 1024 * 1024)).toBe('12.3 MB');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(12)).toBe('12 字节');
  });

  it('never shows an oversize file as equal to the limit', () => {
    const limit = 10 * 1024 * 1024;
    expect(formatActualVsLimit(limit + 20_000, limit)).toBe('10.02 MB');
    expect(formatActualVsLimit(limit + 1, limit)).toBe('10,485,761 字节');
  });

  it('shows only the base name, without control or bidi characters', () => {
    expect(displayName('C:\\fakepath\\预算.xlsx')).toBe('预算.xlsx');
    expect(displayName('a\u202egpj.exe')).toBe('agpj.exe');
    expect(displayName('')).toBe('（未命名）');
    expect(displayName(`${'长'.repeat(200)}.xlsx`).length).toBeLessThanOrEqual(80);
  });
});
