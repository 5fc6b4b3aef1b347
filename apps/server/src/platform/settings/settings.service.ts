import { eq } from 'drizzle-orm';
import { SettingsSchema, type Settings } from '@bianban/contracts';
import type { DbOrTx, Tx } from '../../db/client.js';
import { setting } from '../../db/schema.js';
import { appendAudit, type Actor } from '../audit/audit.service.js';

export const DEFAULT_SETTINGS: Settings = {
  passwordExpiryDays: 90,
  lockoutThreshold: 5,
  lockoutMinutes: 30,
  idleTimeoutMinutes: 30,
  adminIdleTimeoutMinutes: 15,
  absoluteTimeoutHours: 12,
  passwordHistory: 5,
};

export async function getSettings(db: DbOrTx, regionCode: string): Promise<Settings> {
  const rows = await db.select().from(setting).where(eq(setting.regionCode, regionCode));
  const stored = rows[0]?.value;
  // Stored values are merged over the defaults so that a setting added later has a value.
  return SettingsSchema.parse({ ...DEFAULT_SETTINGS, ...(stored && typeof stored === 'object' ? stored : {}) });
}

export async function updateSettings(
  tx: Tx,
  auditKey: Buffer,
  actor: Actor,
  regionCode: string,
  next: Settings,
): Promise<Settings> {
  const before = await getSettings(tx, regionCode);
  await tx
    .insert(setting)
    .values({ regionCode, value: next, updatedBy: actor.userId })
    .onConflictDoUpdate({
      target: setting.regionCode,
      set: { value: next, updatedAt: new Date(), updatedBy: actor.userId },
    });
  await appendAudit(tx, auditKey, actor, {
    action: 'settings.update',
    objectType: 'setting',
    objectId: regionCode,
    before,
    after: next,
  });
  return next;
}
