/**
 * Configuration: environment variables parsed by zod into one typed Config. Secrets (pepper,
 * audit key, data key) come from the environment; when absent they are generated once and kept
 * in `<dataDir>/keys.json` (mode 0600) — outside the database, so a stolen dump alone cannot
 * verify passwords, forge the audit chain or read personal data. The SM2 key that signs
 * published reports is kept there too (`signing`), unless BIANBAN_SIGNING_KEY gives one or `off`.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { generateSm2KeyPair, isSm2PrivateKey } from './platform/crypto/sm2.js';

const hexKey = (bytes: number, name: string) =>
  z
    .string()
    .regex(new RegExp(`^[0-9a-fA-F]{${bytes * 2}}$`), `${name} 应为 ${bytes * 2} 位十六进制字符`)
    .transform((s) => Buffer.from(s, 'hex'));

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('localhost'),
  BIANBAN_DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().url('DATABASE_URL 不是合法的连接串').optional(),
  BIANBAN_PEPPER: hexKey(32, 'BIANBAN_PEPPER').optional(),
  BIANBAN_AUDIT_KEY: hexKey(32, 'BIANBAN_AUDIT_KEY').optional(),
  BIANBAN_DATA_KEY: hexKey(32, 'BIANBAN_DATA_KEY').optional(),
  BIANBAN_BACKUP_KEY: hexKey(16, 'BIANBAN_BACKUP_KEY').optional(),
  BIANBAN_SIGNING_KEY: z
    .string()
    .refine((s) => s === 'off' || isSm2PrivateKey(s), 'BIANBAN_SIGNING_KEY 应为 SM2 私钥（64位十六进制数）或 off')
    .optional(),
  BIANBAN_DEMO: z.enum(['0', '1']).optional(),
  BIANBAN_REGION_CODE: z
    .string()
    .regex(/^\d{6}$/, 'BIANBAN_REGION_CODE 应为6位行政区划代码（GB/T 2260）')
    .default('510403'),
  BIANBAN_REGION_NAME: z.string().min(1).default('攀枝花市西区'),
  BIANBAN_TRUST_PROXY: z.enum(['0', '1']).default('0'),
  BIANBAN_LOGIN_RATE_PER_MINUTE: z.coerce.number().int().min(1).default(20),
  BIANBAN_REPORT_WORKERS: z.coerce
    .number()
    .int()
    .min(1, 'BIANBAN_REPORT_WORKERS 应为1至16的整数')
    .max(16, 'BIANBAN_REPORT_WORKERS 应为1至16的整数')
    .optional(),
  BIANBAN_METRICS_TOKEN: z.string().min(16).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface Keys {
  /** Mixed into every password hash; never stored in the database. */
  pepper: Buffer;
  /** HMAC-SM3 key of the audit chain. */
  audit: Buffer;
  /** SM4 key (first 16 bytes) and HMAC-SM3 key (last 16) for personal data and TOTP secrets. */
  data: Buffer;
  /** SM4 key for backups; backups are plain (but digested) when absent. */
  backup: Buffer | null;
  /** SM2 private key (hex) signing published reports' PDF digests; null or absent: not signed. */
  signing?: string | null;
}

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** Set when an external PostgreSQL is used; otherwise an embedded server is started. */
  databaseUrl: string | null;
  demo: boolean;
  /** The tenant created at first start. */
  region: { code: string; name: string };
  trustProxy: boolean;
  loginRatePerMinute: number;
  metricsToken: string | null;
  logLevel: string;
  keys: Keys;
  /** Worker threads rendering the year's report batch; absent: the available cores, at most 2. */
  reportWorkers?: number | undefined;
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`配置错误：\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = resolve(e.BIANBAN_DATA_DIR);
  const stored = loadOrCreateKeyFile(dataDir);
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databaseUrl: e.DATABASE_URL ?? null,
    demo: e.BIANBAN_DEMO ? e.BIANBAN_DEMO === '1' : !e.DATABASE_URL,
    region: { code: e.BIANBAN_REGION_CODE, name: e.BIANBAN_REGION_NAME },
    trustProxy: e.BIANBAN_TRUST_PROXY === '1',
    loginRatePerMinute: e.BIANBAN_LOGIN_RATE_PER_MINUTE,
    metricsToken: e.BIANBAN_METRICS_TOKEN ?? null,
    logLevel: e.LOG_LEVEL,
    reportWorkers: e.BIANBAN_REPORT_WORKERS,
    keys: {
      pepper: e.BIANBAN_PEPPER ?? stored.pepper,
      audit: e.BIANBAN_AUDIT_KEY ?? stored.audit,
      data: e.BIANBAN_DATA_KEY ?? stored.data,
      backup: e.BIANBAN_BACKUP_KEY ?? null,
      signing: e.BIANBAN_SIGNING_KEY === 'off' ? null : (e.BIANBAN_SIGNING_KEY ?? stored.signing),
    },
  };
}

function loadOrCreateKeyFile(dataDir: string): { pepper: Buffer; audit: Buffer; data: Buffer; signing: string } {
  const file = join(dataDir, 'keys.json');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    const fresh = {
      pepper: randomBytes(32).toString('hex'),
      audit: randomBytes(32).toString('hex'),
      data: randomBytes(32).toString('hex'),
      signing: generateSm2KeyPair().privateKey,
    };
    writeFileSync(file, JSON.stringify(fresh, null, 2) + '\n', { mode: 0o600, flag: 'wx' });
  }
  const raw = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
  const get = (k: string) => {
    const v = raw[k];
    if (!v || !/^[0-9a-f]{64}$/i.test(v)) throw new ConfigError(`密钥文件 ${file} 缺少或损坏：${k}`);
    return Buffer.from(v, 'hex');
  };
  // Key files written before report signing existed get an SM2 key added once (same mode).
  if (raw.signing === undefined) {
    raw.signing = generateSm2KeyPair().privateKey;
    writeFileSync(file, JSON.stringify(raw, null, 2) + '\n', { mode: 0o600 });
  }
  if (!isSm2PrivateKey(raw.signing)) throw new ConfigError(`密钥文件 ${file} 缺少或损坏：signing`);
  return { pepper: get('pepper'), audit: get('audit'), data: get('data'), signing: raw.signing };
}
