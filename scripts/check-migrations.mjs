#!/usr/bin/env node
// Fails when the TypeScript schema and the committed SQL migrations disagree: drizzle-kit is run
// against a copy of the migrations folder, and any new migration it would write is a difference.
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';

const committed = 'apps/server/drizzle';
const scratch = mkdtempSync(join(tmpdir(), 'bianban-migrations-'));
try {
  cpSync(committed, scratch, { recursive: true });
  const before = readdirSync(scratch).filter((f) => f.endsWith('.sql'));
  execFileSync(
    'npx',
    [
      'drizzle-kit',
      'generate',
      '--dialect',
      'postgresql',
      '--schema',
      'apps/server/src/db/schema.ts',
      '--out',
      scratch,
      '--name',
      'schema_check',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const after = readdirSync(scratch).filter((f) => f.endsWith('.sql'));
  const added = after.filter((f) => !before.includes(f));
  if (added.length > 0) {
    console.error(
      `迁移检查失败：schema 与已提交的迁移不一致，drizzle-kit 会生成新迁移 ${added.join(', ')}。请运行 npm run db:generate 并提交。`,
    );
    process.exit(1);
  }
  console.log(`迁移检查通过：schema 与 ${before.length} 个已提交迁移一致。`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
