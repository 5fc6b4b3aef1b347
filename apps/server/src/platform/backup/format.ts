/**
 * The backup file format (version 1), its manifest and the byte-level framing.
 *
 *   file      = header-line body
 *   header    = "BIANBAN-BACKUP 1 plain\n"
 *             | "BIANBAN-BACKUP 1 sm4-cbc iv=<32 hex> kcv=<16 hex>\n"
 *   body      = gzip(ndjson)                                    (plain)
 *             | SM4-CBC(key, iv, gzip(ndjson)) ‖ mac            (sm4-cbc; PKCS#7 padding)
 *   mac       = HMAC-SM3(macKey, header-line ‖ ciphertext), 32 raw bytes at the very end
 *   macKey    = HMAC-SM3(key, "bianban-backup-mac")      key = the 16-byte SM4 backup key
 *   kcv       = first 8 bytes of HMAC-SM3(macKey, "kcv:" ‖ iv-hex): tells a wrong key from a
 *               damaged file at once, without revealing anything about the key
 *
 *   ndjson    = one JSON value per line, '\n'-terminated, in this order:
 *     {"backup":<preamble>}        what is known before the first row: format, version, createdAt,
 *                                  encrypted, postgres version, migration state, and the tables with
 *                                  their columns in restore (foreign-key) order
 *     {"t":"<table>"}              starts a table; tables come in the preamble's order
 *     {"r":<row>}                  a row: <row> is verbatim `row_to_json(t)::text`, never re-encoded
 *     {"s":"<row as a JSON string>"}  the same, used only when the row text contains a newline
 *                                  (possible in `json` columns, which keep their input whitespace)
 *     {"manifest":<manifest>}      last line: the preamble's fields plus, per table, {rows, sm3};
 *                                  each sequence's state; totalRows; and `sm3`, the SM3 of the
 *                                  canonical JSON (sorted keys, no spaces) of the manifest without `sm3`
 *
 * The SM3 of a table is SM3 over, for each row in primary-key order, `row_to_json(t)::text` ‖ '\n'
 * (see catalog.ts for the query and the session settings that make it reproducible). Restoring and
 * running the same query on the target gives the same digest, which is how restores check themselves.
 *
 * An operator can open a backup without this program: strip the first line, then (if encrypted)
 * drop the last 32 bytes and `openssl enc -d -sm4-cbc -K <key> -iv <iv>`, then `gunzip`.
 */
import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  randomBytes,
  timingSafeEqual,
  type Cipher,
  type Decipher,
  type Hmac,
} from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { sm3Hex } from '../crypto/sm.js';

export const FORMAT_MAGIC = 'BIANBAN-BACKUP';
export const FORMAT_VERSION = 1;
const MAC_BYTES = 32;
const MAX_HEADER_BYTES = 256;

export type BackupErrorCode =
  | 'NOT_EMPTY'
  | 'MANIFEST_MISMATCH'
  | 'KEY_REQUIRED'
  | 'KEY_WRONG'
  | 'KEY_INVALID'
  | 'CORRUPT'
  | 'SCHEMA_MISMATCH'
  /** The database refused a row or statement during restore (rolled back; `cause` holds its error). */
  | 'RESTORE_FAILED';

/** A refusal with a Chinese message meant for the operator; nothing has been changed when it is thrown. */
export class BackupError extends Error {
  constructor(
    readonly code: BackupErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'BackupError';
  }
}

export interface BackupColumn {
  name: string;
  /** `format_type(atttypid, atttypmod)`, e.g. `timestamp(3) with time zone`. */
  type: string;
}

export interface BackupMigrations {
  /** Rows of `drizzle.__drizzle_migrations`. */
  count: number;
  /** Hash of the last applied migration (highest created_at), null when none. */
  lastHash: string | null;
}

export interface BackupSequence {
  name: string;
  /** bigint as decimal text. */
  lastValue: string;
  isCalled: boolean;
}

export interface BackupTableEntry {
  name: string;
  columns: BackupColumn[];
  rows: number;
  sm3: string;
}

/** What the first line of the body holds. */
export interface BackupPreamble {
  format: typeof FORMAT_MAGIC;
  version: number;
  /** ISO time of the snapshot (the backup transaction's start). */
  createdAt: string;
  encrypted: boolean;
  /** `server_version` of the source PostgreSQL, for information. */
  postgres: string;
  migrations: BackupMigrations;
  /** In restore order (parents before children). */
  tables: { name: string; columns: BackupColumn[] }[];
}

export interface BackupManifest extends Omit<BackupPreamble, 'tables'> {
  tables: BackupTableEntry[];
  sequences: BackupSequence[];
  totalRows: number;
  /** SM3 over `canonicalJson` of the manifest without this field. */
  sm3: string;
}

/** JSON with object keys sorted at every level and no whitespace: the input of the manifest digest. */
export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map((x) => canonicalJson(x === undefined ? null : x)).join(',')}]`;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(',')}}`;
}

export function manifestDigest(m: Omit<BackupManifest, 'sm3'> & { sm3?: string }): string {
  const { sm3: _ignored, ...rest } = m;
  return sm3Hex(canonicalJson(rest));
}

/** The preamble that a manifest implies (used to check that the first and last lines agree). */
export function preambleOf(m: BackupManifest | BackupPreamble): BackupPreamble {
  return {
    format: m.format,
    version: m.version,
    createdAt: m.createdAt,
    encrypted: m.encrypted,
    postgres: m.postgres,
    migrations: { count: m.migrations.count, lastHash: m.migrations.lastHash },
    tables: m.tables.map((t) => ({ name: t.name, columns: t.columns.map((c) => ({ name: c.name, type: c.type })) })),
  };
}

export function checkKey(key: Buffer | null): void {
  if (key !== null && key.length !== 16) {
    throw new BackupError(
      'KEY_INVALID',
      `备份密钥长度不正确：应为 16 字节（32 位十六进制字符），实际为 ${key.length} 字节。`,
    );
  }
}

function macKeyOf(key: Buffer): Buffer {
  return createHmac('sm3', key).update('bianban-backup-mac').digest();
}

function kcvOf(macKey: Buffer, ivHex: string): string {
  return createHmac('sm3', macKey).update(`kcv:${ivHex}`).digest('hex').slice(0, 16);
}

/**
 * Writes the header, then passes the gzip stream through (plain) or encrypts it and appends the
 * MAC (sm4-cbc).
 */
export class FrameWriter extends Transform {
  private readonly cipher: Cipher | null = null;
  private readonly mac: Hmac | null = null;

  constructor(key: Buffer | null) {
    super();
    checkKey(key);
    let header: string;
    if (key) {
      const iv = randomBytes(16);
      const macKey = macKeyOf(key);
      header = `${FORMAT_MAGIC} ${FORMAT_VERSION} sm4-cbc iv=${iv.toString('hex')} kcv=${kcvOf(macKey, iv.toString('hex'))}\n`;
      this.cipher = createCipheriv('sm4-cbc', key, iv);
      this.mac = createHmac('sm3', macKey).update(header);
    } else {
      header = `${FORMAT_MAGIC} ${FORMAT_VERSION} plain\n`;
    }
    this.push(Buffer.from(header, 'latin1'));
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    if (!this.cipher) return cb(null, chunk);
    const c = this.cipher.update(chunk);
    this.mac!.update(c);
    cb(null, c);
  }

  override _flush(cb: TransformCallback): void {
    if (this.cipher) {
      const f = this.cipher.final();
      this.mac!.update(f);
      this.push(f);
      this.push(this.mac!.digest());
    }
    cb();
  }
}

export interface FrameHeader {
  version: number;
  encrypted: boolean;
}

/**
 * Parses and checks the header, then passes the body through (plain) or verifies the MAC and
 * decrypts (sm4-cbc). The MAC is checked when the input ends, before the last block is released;
 * a consumer that reads to the end has therefore seen only authentic bytes if no error occurred.
 */
export class FrameReader extends Transform {
  private head: Buffer[] = [];
  private headLen = 0;
  header: FrameHeader | null = null;
  private decipher: Decipher | null = null;
  private mac: Hmac | null = null;
  private tail = Buffer.alloc(0);

  constructor(
    private readonly key: Buffer | null,
    private readonly onHeader?: (h: FrameHeader) => void,
  ) {
    super();
    checkKey(key);
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    try {
      if (!this.header) {
        this.head.push(chunk);
        this.headLen += chunk.length;
        const buf = Buffer.concat(this.head);
        const nl = buf.indexOf(10);
        if (nl < 0) {
          if (buf.length > MAX_HEADER_BYTES) throw notBackup();
          this.head = [buf];
          return cb();
        }
        this.head = [];
        this.startBody(buf.subarray(0, nl + 1));
        chunk = buf.subarray(nl + 1);
      }
      cb(null, this.body(chunk));
    } catch (err) {
      cb(err as Error);
    }
  }

  override _flush(cb: TransformCallback): void {
    try {
      if (!this.header) {
        if (this.headLen === 0) throw new BackupError('CORRUPT', '备份文件为空。');
        throw Buffer.concat(this.head).toString('latin1').startsWith(FORMAT_MAGIC) ? truncated() : notBackup();
      }
      if (this.decipher) {
        if (this.tail.length < MAC_BYTES) throw truncated();
        const expected = this.mac!.digest();
        if (!timingSafeEqual(expected, this.tail)) {
          throw new BackupError(
            'CORRUPT',
            '备份文件已损坏或被篡改：完整性校验（HMAC-SM3）失败，文件内容与加密时不一致（也可能被截断）。',
          );
        }
        let last: Buffer;
        try {
          last = this.decipher.final();
        } catch {
          throw new BackupError('CORRUPT', '备份文件已损坏：解密失败（填充错误）。');
        }
        this.push(last);
      }
      cb();
    } catch (err) {
      cb(err as Error);
    }
  }

  private startBody(line: Buffer): void {
    const text = line.toString('latin1').trimEnd();
    const parts = text.split(' ');
    if (parts[0] !== FORMAT_MAGIC) throw notBackup();
    const version = Number(parts[1]);
    if (version !== FORMAT_VERSION)
      throw new BackupError(
        'CORRUPT',
        `不支持的备份格式版本：${parts[1] ?? '（缺失）'}（本程序支持版本 ${FORMAT_VERSION}）。`,
      );
    if (parts[2] === 'plain' && parts.length === 3) {
      this.header = { version, encrypted: false };
    } else if (parts[2] === 'sm4-cbc' && parts.length === 5) {
      const iv = /^iv=([0-9a-f]{32})$/.exec(parts[3] ?? '')?.[1];
      const kcv = /^kcv=([0-9a-f]{16})$/.exec(parts[4] ?? '')?.[1];
      if (!iv || !kcv) throw notBackup();
      if (!this.key)
        throw new BackupError(
          'KEY_REQUIRED',
          '该备份文件已用 SM4 加密，需要提供备份密钥（BIANBAN_BACKUP_KEY）才能读取或还原。',
        );
      const macKey = macKeyOf(this.key);
      if (!timingSafeEqual(Buffer.from(kcvOf(macKey, iv), 'hex'), Buffer.from(kcv, 'hex'))) {
        throw new BackupError('KEY_WRONG', '备份密钥不正确：与加密该备份文件时使用的密钥不符。');
      }
      this.header = { version, encrypted: true };
      this.decipher = createDecipheriv('sm4-cbc', this.key, Buffer.from(iv, 'hex'));
      this.mac = createHmac('sm3', macKey).update(line);
    } else {
      throw notBackup();
    }
    this.onHeader?.(this.header);
  }

  /** Holds back the last MAC_BYTES bytes (the MAC) of an encrypted body. */
  private body(chunk: Buffer): Buffer {
    if (!this.decipher) return chunk;
    const data = this.tail.length ? Buffer.concat([this.tail, chunk]) : chunk;
    if (data.length <= MAC_BYTES) {
      this.tail = Buffer.from(data);
      return Buffer.alloc(0);
    }
    const cut = data.length - MAC_BYTES;
    const ct = data.subarray(0, cut);
    this.tail = Buffer.from(data.subarray(cut));
    this.mac!.update(ct);
    return this.decipher.update(ct);
  }
}

function notBackup(): BackupError {
  return new BackupError('CORRUPT', `不是编办通备份文件：文件头不符（应以“${FORMAT_MAGIC} ${FORMAT_VERSION}”开头）。`);
}

function truncated(): BackupError {
  return new BackupError('CORRUPT', '备份文件不完整：文件被截断。');
}
