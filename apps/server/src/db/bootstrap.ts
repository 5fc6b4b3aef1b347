/**
 * First start: the tenant region, the initial accounts (the three administrators and, with demo
 * data, one account per business role) with generated passwords, and with demo data the demo
 * regions, units, decisions and persons (see ./demo/).
 * Runs only when the database has no accounts, so a second start reuses everything.
 */
import { count } from 'drizzle-orm';
import { ROLE_LABELS, type Role } from '@bianban/contracts';
import type { Keys } from '../config.js';
import { appendAudit, SYSTEM_ACTOR } from '../platform/audit/audit.service.js';
import { createAccountWithRole } from '../platform/users/users.service.js';
import type { Db } from './client.js';
import { loadDemoData } from './demo/index.js';
import { DEMO_INSTITUTION_KEY } from './demo/annual-reports.js';
import { appUser, region } from './schema.js';

export interface InitialAccount {
  username: string;
  displayName: string;
  role: Role;
  password: string;
}

type AccountSpec = { username: string; displayName: string; role: Role; scope?: string };

const ADMIN_ACCOUNTS: AccountSpec[] = [
  { username: 'sysadmin', displayName: '系统管理员', role: 'sysAdmin' },
  { username: 'secadmin', displayName: '安全管理员', role: 'secAdmin' },
  { username: 'auditadmin', displayName: '审计管理员', role: 'auditAdmin' },
];

const DEMO_ACCOUNTS: AccountSpec[] = [
  { username: 'staff', displayName: '编办业务员（演示）', role: 'officeStaff' },
  { username: 'leader', displayName: '编办领导（演示）', role: 'officeLeader' },
  { username: 'reporter', displayName: '财政局填报员（演示）', role: 'deptReporter', scope: 'finance' },
  { username: 'institution', displayName: '事业单位填报员（演示）', role: 'deptReporter', scope: DEMO_INSTITUTION_KEY },
  { username: 'finance', displayName: '财政审核员（演示）', role: 'financeReviewer' },
  { username: 'viewer', displayName: '只读查看（演示）', role: 'viewer' },
];

/** Returns the accounts created (with their one-time passwords), or [] when the database already had accounts. */
export async function bootstrap(
  db: Db,
  keys: Keys,
  opts: { region: { code: string; name: string }; demo: boolean },
): Promise<InitialAccount[]> {
  return db.transaction(async (tx) => {
    const existing = (await tx.select({ n: count() }).from(appUser))[0]?.n ?? 0;
    if (existing > 0) return [];
    const regionCode = opts.region.code;
    await tx.insert(region).values({ regionCode, name: opts.region.name, level: 3 }).onConflictDoNothing();
    const actor = { ...SYSTEM_ACTOR, regionCode };
    await appendAudit(tx, keys.audit, actor, {
      action: 'system.bootstrap',
      objectType: 'region',
      objectId: regionCode,
      after: { name: opts.region.name, demo: opts.demo },
    });
    const units = opts.demo ? (await loadDemoData(tx, keys, { region: opts.region })).units : new Map<string, string>();
    const wanted = opts.demo ? [...ADMIN_ACCOUNTS, ...DEMO_ACCOUNTS] : ADMIN_ACCOUNTS;
    const created: InitialAccount[] = [];
    for (const a of wanted) {
      const scopeUnitId = a.scope ? (units.get(a.scope) ?? null) : null;
      const password = await createAccountWithRole({ db, keys }, tx, actor, {
        regionCode,
        username: a.username,
        displayName: a.displayName,
        role: a.role,
        scopeUnitId,
      });
      created.push({ username: a.username, displayName: a.displayName, role: a.role, password });
    }
    return created;
  });
}

export function formatCredentials(accounts: InitialAccount[]): string {
  const lines = [
    '编办通 初始账户（仅显示一次；首次登录须修改密码，三员账户还须绑定动态口令）',
    '',
    ...accounts.map((a) => `${a.username.padEnd(12)} ${a.password}   ${ROLE_LABELS[a.role]}  ${a.displayName}`),
    '',
  ];
  return lines.join('\n');
}
