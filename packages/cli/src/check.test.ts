/**
 * `bianban check FILE… [--json]` as a user runs it (a child process): the facts and findings per
 * file, and the exit status — 0 no errors, 1 errors found, 2 a file could not be read.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'bianban-check-'));
const SEED = fileURLToPath(new URL('../../../test-data/seeds/000_cfe976bcb3a5bb4a.txt', import.meta.url));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function bianban(args: string[]): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ['--conditions=source', '--import', 'tsx', 'packages/cli/src/main.ts', ...args],
      {
        env: { PATH: process.env.PATH },
        cwd: process.cwd(),
      },
    );
    return { code: 0, out: stdout + stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, out: err.stdout + err.stderr };
  }
}

describe('bianban check', () => {
  it('exits 0 for a correct report and lists its statements', async () => {
    const ok = join(dir, 'ok.txt');
    writeFileSync(
      ok,
      '2022年度部门决算\n2022年本年收入合计141.96万元，其中：一般公共预算财政拨款收入134.04万元，占94.42%；政府性基金预算财政拨款收入7.92万元，占5.58%。\n',
    );
    const r = await bianban(['check', ok]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('年度：2022');
    expect(r.out).toMatch(
      /第2行 合计与分项：收入合计 141\.96万元，一般公共预算财政拨款收入 134\.04万元，政府性基金预算财政拨款收入 7\.92万元/,
    );
    expect(r.out).toContain('错误0个');
  });

  it('exits 1 when a seed has errors, and prints them as JSON with --json', async () => {
    const r = await bianban(['check', SEED, '--json']);
    expect(r.code).toBe(1);
    const [report] = JSON.parse(r.out) as {
      meta: { year: number };
      findings: { severity: string; line: number; stated: string; recomputed: string }[];
    }[];
    expect(report!.meta.year).toBe(2020);
    expect(report!.findings).toContainEqual(
      expect.objectContaining({ severity: 'error', line: 35, stated: '51', recomputed: '49' }),
    );
  });

  it('exits 2 when a file cannot be read, after checking the others', async () => {
    const empty = join(dir, 'empty.txt');
    writeFileSync(empty, '');
    const r = await bianban(['check', SEED, empty, join(dir, 'missing.docx')]);
    expect(r.code).toBe(2);
    expect(r.out).toContain('错误 第35行');
    expect(r.out).toContain('empty.txt\n  无法读取：文件为空');
    expect(r.out).toContain('无法读取：文件不存在');
  });

  it('explains its usage without files', async () => {
    const r = await bianban(['check']);
    expect(r.code).not.toBe(0);
    expect(r.out).toContain('用法：bianban check 文件…');
  });
});
