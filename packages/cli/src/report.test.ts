/**
 * `bianban report render` as a user runs it: a child process against a database with the demo
 * data; the 西区 office's 2021 self-evaluation rendered to each format; bad flags named.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoData } from '../../../apps/server/src/db/demo/index.js';
import { createTestDb, type TestDb } from '../../../apps/server/src/test/db.js';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'bianban-report-'));
let t: TestDb;
let env: NodeJS.ProcessEnv;
let evaluationId: string;

async function bianban(args: string[]): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ['--conditions=source', '--import', 'tsx', 'packages/cli/src/main.ts', ...args],
      {
        env,
        cwd: process.cwd(),
      },
    );
    return { code: 0, out: stdout + stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, out: err.stdout + err.stderr };
  }
}

beforeAll(async () => {
  t = await createTestDb();
  await t.db.transaction((tx) => loadDemoData(tx, t.keys));
  const r = await t.pool.query(
    `select e.id from evaluation e join unit u on u.id = e.unit_id where u.region_code = '510403' and u.name = '中共攀枝花市西区区委机构编制委员会办公室' and e.year = 2021`,
  );
  evaluationId = r.rows[0].id;
  env = {
    PATH: process.env.PATH,
    DATABASE_URL: t.url,
    BIANBAN_DATA_DIR: dir,
    BIANBAN_PEPPER: t.keys.pepper.toString('hex'),
    BIANBAN_AUDIT_KEY: t.keys.audit.toString('hex'),
    BIANBAN_DATA_KEY: t.keys.data.toString('hex'),
  };
}, 300_000);
afterAll(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('bianban report render', () => {
  it('renders the evaluation’s report to DOCX, PDF and HTML and prints the checks', async () => {
    for (const [format, magic] of [
      ['docx', 'PK'],
      ['pdf', '%PDF'],
      ['html', '<!DOCTYPE'],
    ] as const) {
      const out = join(dir, `report.${format}`);
      const r = await bianban(['report', 'render', '--evaluation', evaluationId, '--format', format, '--out', out]);
      expect(r.code, r.out).toBe(0);
      expect(r.out).toContain(`已生成：${out}`);
      expect(r.out).toMatch(/检查：\d+ 个数字、\d+ 项检查，错误 0/);
      expect(readFileSync(out).subarray(0, magic.length).toString('latin1')).toBe(magic);
    }
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toContain(
      '中共攀枝花市西区区委机构编制委员会办公室2021年部门整体支出绩效评价报告',
    );
  }, 180_000);

  it('names what is wrong with the flags or the evaluation', async () => {
    const noFormat = await bianban(['report', 'render', '--evaluation', evaluationId, '--out', join(dir, 'x')]);
    expect(noFormat.code).toBe(1);
    expect(noFormat.out).toContain('--format 须为 docx、pdf 或 html');
    const missing = await bianban([
      'report',
      'render',
      '--evaluation',
      '00000000-0000-4000-8000-000000000000',
      '--format',
      'html',
      '--out',
      join(dir, 'y.html'),
    ]);
    expect(missing.code).toBe(1);
    expect(missing.out).toContain('绩效自评不存在');
  }, 60_000);
});
