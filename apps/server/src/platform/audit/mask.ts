/**
 * Personal data never enters the audit log in clear: before/after snapshots are masked here.
 * Secrets (password hashes, TOTP secrets, tokens) are dropped entirely.
 */
const DROP = new Set([
  'passwordHash',
  'passwordSalt',
  'password',
  'newPassword',
  'oldPassword',
  'totpSecret',
  'token',
  'csrfToken',
  'content',
]);
const CITIZEN_ID_KEYS = new Set(['citizenId', 'idNumber']);
const PHONE_KEYS = new Set(['phone', 'mobile']);

export function maskCitizenId(id: string): string {
  return id.length >= 8 ? `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}` : '*'.repeat(id.length);
}

export function maskPhone(p: string): string {
  return p.length >= 7 ? `${p.slice(0, 3)}****${p.slice(-4)}` : '*'.repeat(p.length);
}

export function maskForAudit(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map(maskForAudit);
  if (value instanceof Date) return value.toISOString();
  if (Buffer.isBuffer(value)) return `<${value.length} bytes>`;
  if (typeof value === 'bigint') return value.toString();
  if (typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (DROP.has(k)) continue;
    if (typeof v === 'string' && CITIZEN_ID_KEYS.has(k)) out[k] = maskCitizenId(v);
    else if (typeof v === 'string' && PHONE_KEYS.has(k)) out[k] = maskPhone(v);
    else out[k] = maskForAudit(v);
  }
  return out;
}
