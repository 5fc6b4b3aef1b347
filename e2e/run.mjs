#!/usr/bin/env node
// Browser end-to-end tests: starts the built server on a fresh data directory, runs the flows in
// e2e/flows.mjs in headless Chromium, and ends with the plain line `N passed, M failed`.
//
//   npm run build && npm run test:e2e          all flows
//   node e2e/run.mjs login not-found           some flows (plus the flows they depend on)
//
// Screenshots of each flow's final state go to test-results/e2e-<flow>.png (pages a flow opened for
// another user: e2e-<flow>-<label>.png).
import { mkdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { FLOWS } from './flows.mjs';
import { startServer } from './server.mjs';

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
const RESULTS = join(ROOT, 'test-results');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLOW_TIMEOUT_MS = 120_000;
const ACTION_TIMEOUT_MS = 15_000;

/** @typedef {import('./flows.mjs').Flow} Flow */

/** @param {string[]} names */
function selectFlows(names) {
  if (!names.length) return FLOWS;
  const unknown = names.filter((n) => !FLOWS.some((f) => f.name === n));
  if (unknown.length) {
    console.error(`未知的流程：${unknown.join(', ')}。可选：${FLOWS.map((f) => f.name).join(', ')}`);
    process.exit(2);
  }
  const wanted = new Set(names);
  // Pull in dependencies (they always come earlier in FLOWS).
  for (const f of [...FLOWS].reverse()) if (wanted.has(f.name)) for (const d of f.needs ?? []) wanted.add(d);
  return FLOWS.filter((f) => wanted.has(f.name));
}

/** @param {unknown} err */
function messageOf(err) {
  return err instanceof Error ? err.message : String(err);
}

/**
 * @template T
 * @param {Promise<T>} promise
 * @param {number} ms
 * @param {string} what
 * @returns {Promise<T>}
 */
function withTimeout(promise, ms, what) {
  /** @type {NodeJS.Timeout | undefined} */
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} 超过 ${ms / 1000}s 未完成`)), ms);
  });
  return /** @type {Promise<T>} */ (Promise.race([promise, timeout])).finally(() => clearTimeout(timer));
}

/**
 * One status line per flow; extra lines (details) indented under it.
 * @param {boolean} ok
 * @param {Flow} flow
 * @param {number} ms
 * @param {string} [detail]
 */
function report(ok, flow, ms, detail) {
  const [first, ...rest] = (detail ?? '').split('\n');
  const time = `${(ms / 1000).toFixed(1)}s`;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${flow.name} — ${flow.title} (${time})${ok ? '' : `: ${first}`}`);
  for (const line of rest) if (line.trim()) console.log(`       ${line}`);
}

async function main() {
  const flows = selectFlows(process.argv.slice(2));
  mkdirSync(RESULTS, { recursive: true });
  let passed = 0;
  let failed = 0;
  /** @type {import('./server.mjs').ServerHandle | null} */
  let server = null;
  /** @type {import('playwright-core').Browser | null} */
  let browser = null;

  let cleaning = null;
  const cleanup = async () => {
    cleaning ??= (async () => {
      await browser?.close().catch(() => undefined);
      await server?.stop().catch((e) => console.error(`停止服务器出错：${messageOf(e)}`));
    })();
    return cleaning;
  };
  for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
    process.once(signal, () => {
      console.error(`收到 ${signal}，清理后退出……`);
      void cleanup().finally(() => process.exit(130));
    });
  }

  try {
    const started = Date.now();
    try {
      server = await startServer({ root: ROOT });
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        headless: true,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
      });
    } catch (err) {
      console.error(`无法开始端到端测试：${messageOf(err)}`);
      for (const f of flows) report(false, f, 0, '未运行：服务器或浏览器启动失败（见上）');
      failed = flows.length;
      return;
    }
    const launched = browser;
    const baseURL = server.baseURL;
    console.log(
      `服务器已就绪：${server.baseURL}（${((Date.now() - started) / 1000).toFixed(1)}s，数据目录 ${server.dataDir}）`,
    );

    /** @type {Set<string>} */
    const failedNames = new Set();
    /** @type {Record<string, unknown>} */
    const shared = {};
    for (const flow of flows) {
      const t0 = Date.now();
      /** @type {string[]} */
      const pageErrors = [];
      /** @type {unknown} */
      let error = null;
      let shotNote = '';
      /** @type {import('playwright-core').BrowserContext | null} */
      let context = null;
      /** Pages a flow opened for another user (own context each), by label. @type {{ label: string, context: import('playwright-core').BrowserContext, page: import('playwright-core').Page }[]} */
      const extras = [];
      /**
       * A fresh context (own cookies) with the same settings, whose page errors are reported too.
       * @param {string} [label] prefix of its page errors, suffix of its screenshot
       */
      const newPage = async (label) => {
        const ctx = await launched.newContext({
          baseURL,
          viewport: { width: 1366, height: 900 },
          locale: 'zh-CN',
          timezoneId: 'Asia/Shanghai',
        });
        ctx.setDefaultTimeout(ACTION_TIMEOUT_MS);
        ctx.setDefaultNavigationTimeout(30_000);
        const page = await ctx.newPage();
        const prefix = label ? `［${label}］` : '';
        page.on('pageerror', (e) => pageErrors.push(`${prefix}页面脚本错误：${e.message}`));
        page.on('console', (m) => {
          // The app's own session check answers 401 before login: not worth reporting.
          if (m.type() === 'error' && !/status of 401/.test(m.text()))
            pageErrors.push(`${prefix}控制台错误：${m.text()}`);
        });
        return { context: ctx, page };
      };
      try {
        const own = await newPage();
        context = own.context;
        const { page } = own;
        /** @param {string} label */
        const openPage = async (label) => {
          const extra = await newPage(label);
          extras.push({ label, ...extra });
          return extra.page;
        };
        try {
          await withTimeout(
            flow.run({ page, context, credentials: server.credentials, shared, openPage }),
            FLOW_TIMEOUT_MS,
            `流程 ${flow.name}`,
          );
        } catch (err) {
          error = err;
        }
        /** @type {string[]} */
        const notes = [];
        const shots = [{ suffix: '', page }, ...extras.map((x) => ({ suffix: `-${x.label}`, page: x.page }))];
        for (const { suffix, page: p } of shots) {
          const shot = join(RESULTS, `e2e-${flow.name}${suffix}.png`);
          try {
            await p.screenshot({ path: shot, fullPage: true, timeout: 10_000 });
            notes.push(`截图：${relative(ROOT, shot)}`);
          } catch (e) {
            notes.push(`截图失败（${relative(ROOT, shot)}）：${messageOf(e).split('\n')[0]}`);
          }
        }
        shotNote = notes.join('\n');
      } catch (err) {
        error ??= err;
      } finally {
        for (const x of extras) await x.context.close().catch(() => undefined);
        await context?.close().catch(() => undefined);
      }
      const ms = Date.now() - t0;
      if (error === null) {
        passed++;
        report(true, flow, ms);
      } else {
        failed++;
        failedNames.add(flow.name);
        const broken = (flow.needs ?? []).filter((n) => failedNames.has(n));
        const lines = [messageOf(error)];
        if (broken.length) lines.push(`注意：本流程依赖的 ${broken.join(', ')} 已失败，本失败可能由此引起`);
        lines.push(...pageErrors.slice(0, 10), shotNote);
        report(false, flow, ms, lines.join('\n'));
      }
    }
    if (failed > 0) {
      const tail = server.log().split('\n').slice(-40).join('\n');
      if (tail.trim()) console.log(`--- 服务器输出（最后 40 行）---\n${tail}\n--- 服务器输出结束 ---`);
    }
  } catch (err) {
    console.error(`端到端测试运行器出错：${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    failed++;
  } finally {
    await cleanup();
    console.log(`${passed} passed, ${failed} failed`);
    process.exitCode = failed > 0 || passed === 0 ? 1 : 0;
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
