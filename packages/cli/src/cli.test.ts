/**
 * The `bianban` command as a user runs it: a child process, configured by environment, against
 * real databases. Checks exit codes and what it prints. Runs from source (the `source` export
 * condition), so no build is needed before `npm test`.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmptyDb, createTestDb, type TestDb } from '../../../apps/server/src/test/db.js';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'bianban-cli-'));
let t: TestDb;
let env: NodeJS.ProcessEnv;

async function bianban(args: string[], extra: NodeJS.ProcessEnv = {}): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ['--conditions=source', '--import', 'tsx', 'packages/cli/src/main.ts', ...args],
      {
        env: { ...env, ...extra },
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
  await t.pool.query(`insert into region (region_code, name, level) values ('510403', '攀枝花市西区', 3)`);
  env = {
    PATH: process.env.PATH,
    DATABASE_URL: t.url,
    BIANBAN_DATA_DIR: dir,
    BIANBAN_PEPPER: t.keys.pepper.toString('hex'),
    BIANBAN_AUDIT_KEY: t.keys.audit.toString('hex'),
    BIANBAN_DATA_KEY: t.keys.data.toString('hex'),
    BIANBAN_BACKUP_KEY: '00112233445566778899aabbccddeeff',
  };
});
afterAll(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('bianban CLI', () => {
  it('creates a user and prints the one-time password; refuses an unknown role', async () => {
    const ok = await bianban(['users', 'create', '--username', 'clerk', '--name', '张三', '--role', 'officeStaff']);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/初始密码：\S{16}/);
    const bad = await bianban(['users', 'create', '--username', 'x1', '--name', 'x', '--role', 'king']);
    expect(bad.code).toBe(1);
    expect(bad.out).toMatch(/未知角色：king/);
  });

  it('verifies the audit chain, and names the first bad seq after tampering (exit 1)', async () => {
    const ok = await bianban(['audit', 'verify']);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/审计链完好/);
    await t.pool.query(`alter table audit_log disable trigger audit_log_no_update_delete`);
    await t.pool.query(`update audit_log set object_id = 'forged' where seq = (select min(seq) from audit_log)`);
    await t.pool.query(`alter table audit_log enable trigger audit_log_no_update_delete`);
    const bad = await bianban(['audit', 'verify']);
    expect(bad.code).toBe(1);
    expect(bad.out).toMatch(/第一条异常记录 seq=\d+/);
  });

  it('backs up (encrypted) and restores only into an empty database', async () => {
    const file = join(dir, 'b.bbk');
    const b = await bianban(['backup', file]);
    expect(b.code, b.out).toBe(0);
    expect(b.out).toMatch(/备份完成.*SM4 加密/);
    const target = await createEmptyDb();
    try {
      const r = await bianban(['restore', file], { DATABASE_URL: target.url });
      expect(r.code, r.out).toBe(0);
      expect(r.out).toMatch(/恢复完成/);
      const again = await bianban(['restore', file], { DATABASE_URL: target.url });
      expect(again.code).toBe(1);
      expect(again.out).toMatch(/不是空的|非空|已有数据/);
      const wrongKey = await bianban(['restore', file], {
        DATABASE_URL: target.url,
        BIANBAN_BACKUP_KEY: 'ffeeddccbbaa99887766554433221100',
      });
      expect(wrongKey.code).toBe(1);
    } finally {
      await target.drop();
    }
  });

  it('checks citizen IDs: valid ones with what they say, invalid ones with the reason (exit 1)', async () => {
    const ok = await bianban(['citizen-id', 'check', '11010519491231002X']);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/有效\t出生日期 1949-12-31，女/);
    const bad = await bianban(['citizen-id', 'check', '11010519491231002X', '110105194912310021']);
    expect(bad.code).toBe(1);
    expect(bad.out).toMatch(/第18位校验码应为X，实际为1/);
  });

  it('checks unified social credit codes: valid ones explained, invalid ones with the reason (exit 1)', async () => {
    const ok = await bianban(['uscc', 'check', '91350100M000100Y43']);
    expect(ok.code, ok.out).toBe(0);
    expect(ok.out).toContain('91350100M000100Y43\t有效\n  第1位“9”：登记管理部门——工商（市场监管）');
    expect(ok.out).toContain('  第3–8位“350100”：登记管理机关行政区划码——福建省 福州市');
    expect(ok.out).toContain('共1个：有效1个，无效0个');
    const file = join(dir, 'codes.txt');
    writeFileSync(file, '\uFEFF91350100m000100y43\r\n\r\n91350100M000100Y44\n91990100M000100Y4X\n');
    const bad = await bianban(['uscc', 'check', '--file', file]);
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('91350100m000100y43\t有效（已规范化为 91350100M000100Y43：小写字母已转为大写）');
    expect(bad.out).toContain('91350100M000100Y44\t无效\t第18位校验码应为3，实际为4');
    expect(bad.out).toContain('91990100M000100Y4X\t无效\t第3–8位登记管理机关行政区划码“990100”不是GB/T 2260行政区划代码');
    expect(bad.out).toContain('共3个：有效1个，无效2个');
    const json = await bianban(['uscc', 'check', '--json', 'M000100Y4']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.out)).toEqual([
      expect.objectContaining({ input: 'M000100Y4', valid: false, reason: expect.stringMatching(/^长度应为18位（实际9位）/) }),
    ]);
  }, 120_000);

  it('prints figures as JSON for the region on a date', async () => {
    const r = await bianban(['figures', '--as-of', '2024-12-31', '--json']);
    expect(r.code, r.out).toBe(0);
    const f = JSON.parse(r.out);
    expect(f).toMatchObject({ unitName: '全区', asOf: '2024-12-31', total: { approved: 0, actual: 0 } });
    const badDate = await bianban(['figures', '--as-of', '31/12/2024']);
    expect(badDate.code).toBe(1);
    expect(badDate.out).toMatch(/YYYY-MM-DD/);
  });

  it('shows an evaluation: every indicator with points, score and rule outcome, total and grade', async () => {
    const body = {
      name: '命令行测试指标体系',
      kind: 'department',
      basis: '',
      total: 100,
      grades: [
        { grade: '优', min: 90 },
        { grade: '良', min: 80 },
        { grade: '中', min: 60 },
        { grade: '差', min: 0 },
      ],
      indicators: [
        { key: '1', name: '履职', points: 60, rule: { kind: 'perOccurrence', deductPer: 5, floor: 0, requirements: [] } },
        { key: '2', name: '效果', points: 40, rule: { kind: 'manual' } },
      ],
    };
    const unit = await t.pool.query<{ id: string }>(
      `insert into unit (region_code, name, kind) values ('510403', '区命令行评价局', 'organ') returning id`,
    );
    const unitId = unit.rows[0]!.id;
    const f = await t.pool.query<{ id: string }>(
      `insert into framework (region_code, code, name, kind) values ('510403', 'cli-dept', $1, 'department') returning id`,
      [body.name],
    );
    const v = await t.pool.query<{ id: string }>(
      `insert into framework_version (region_code, framework_id, version, body, state, published_at)
       values ('510403', $1, 1, $2, 'published', now()) returning id`,
      [f.rows[0]!.id, JSON.stringify(body)],
    );
    const e = await t.pool.query<{ id: string }>(
      `insert into evaluation (region_code, unit_id, year, framework_version_id) values ('510403', $1, 2025, $2) returning id`,
      [unitId, v.rows[0]!.id],
    );
    await t.pool.query(
      `insert into evaluation_entry (evaluation_id, indicator_key, region_code, entry) values ($1, '1', '510403', $2), ($1, '2', '510403', $3)`,
      [e.rows[0]!.id, JSON.stringify({ occurrences: 1 }), JSON.stringify({ score: 30, reason: '部分目标未完成' })],
    );
    const json = await bianban(['evaluation', 'show', '--department', unitId, '--year', '2025', '--json']);
    expect(json.code, json.out).toBe(0);
    const parsed = JSON.parse(json.out);
    expect(parsed).toMatchObject({ total: '85', grade: '良', findings: [], missing: [] });
    expect(parsed.indicators[0]).toMatchObject({ key: '1', points: '60', score: '55', explanation: '不符合要求1例，每例扣5分，得55分' });
    const text = await bianban(['evaluation', 'show', '--department', unitId, '--year', '2025']);
    expect(text.out).toContain('总分：85  等级：良');
    expect(text.out).toContain('部分目标未完成');
    const none = await bianban(['evaluation', 'show', '--department', unitId, '--year', '2019']);
    expect(none.code).toBe(1);
    expect(none.out).toContain('没有绩效自评');
    const noYear = await bianban(['evaluation', 'show', '--department', unitId]);
    expect(noYear.code).toBe(1);
    expect(noYear.out).toContain('--year');
  });

  it('validates a roster file and lists each error by row and column (exit 1)', async () => {
    const file = join(dir, 'roster.csv');
    writeFileSync(
      file,
      '姓名,公民身份号码,单位,编制类型,上编时间,上编方式\n张三,11010519491231002X,不存在的单位,行政编制,2020-01-01,录用\n',
    );
    const r = await bianban(['import', 'roster', file]);
    expect(r.code, r.out).toBe(1);
    expect(r.out).toMatch(/第2行/);
    expect(r.out).toMatch(/不存在的单位/);
  });

  it('imports units as one draft decision (文号, 日期, 批准机关 from flags), errors by row and column', async () => {
    const file = join(dir, 'units.csv');
    writeFileSync(
      file,
      '单位名称,上级单位,机构类别,行政编制,主要职责\n区命令行局,,党政机关,3,负责命令行事务\n区坏局,区命令行局,公司,,\n',
    );
    const flags = ['--doc-number', '西编〔2026〕9号', '--date', '2026-02-01', '--approver', '区委编委'];
    const missing = await bianban(['import', 'units', file, '--doc-number', '西编〔2026〕9号']);
    expect(missing.code).toBe(1);
    expect(missing.out).toMatch(/缺少--date（发文日期）、--approver（批准机关）/);
    const all = await bianban(['import', 'units', file, ...flags]);
    expect(all.code, all.out).toBe(1);
    expect(all.out).toMatch(/第3行\t机构类别\t机构类别“公司”不正确/);
    expect(all.out).toMatch(/全部无误才导入/);
    const clean = await bianban(['import', 'units', file, 'cleanRowsOnly', ...flags]);
    expect(clean.out).toMatch(/已生成机构编制事项草稿 西编〔2026〕9号（1 个单位，2 项/);
    const d = await t.pool.query(
      `select d.state, d.approving_body, d.doc_date::text, count(i.*)::int as items
       from establishment_decision d join decision_item i on i.decision_id = d.id
       where d.doc_number = '西编〔2026〕9号' group by 1, 2, 3`,
    );
    expect(d.rows).toEqual([{ state: 'draft', approving_body: '区委编委', doc_date: '2026-02-01', items: 2 }]);
    const again = await bianban(['import', 'units', file, 'cleanRowsOnly', ...flags]);
    expect(again.code).toBe(1);
    expect(again.out).toMatch(/文号“西编〔2026〕9号”已被其他机构编制事项使用/);
  });

  it('prints usage for an unknown command', async () => {
    const r = await bianban(['frobnicate']);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/未知命令：frobnicate/);
  });
});
