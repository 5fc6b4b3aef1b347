// The browser flows. Each gets its own browser context (own cookies) and asserts through the UI;
// a failed assertion throws an Error whose message says what was expected and what the page showed.
import { stepOf, totpAt } from '../apps/server/dist/platform/auth/domain/totp.js';

/**
 * @typedef {import('playwright-core').Page} Page
 * @typedef {import('playwright-core').Locator} Locator
 * @typedef {import('playwright-core').BrowserContext} BrowserContext
 * @typedef {import('playwright-core').Response} Response
 *
 * @typedef {object} FlowContext
 * @property {Page} page
 * @property {BrowserContext} context
 * @property {Map<string, string>} credentials initial passwords by username
 * @property {Record<string, unknown>} shared results handed from one flow to a later one
 *
 * @typedef {object} Flow
 * @property {string} name used in the output line and the screenshot file name
 * @property {string} title
 * @property {string[]} [needs] flows whose effects this one checks
 * @property {(ctx: FlowContext) => Promise<void>} run
 */

/** Strong enough for the policy: ≥12 chars, 4 classes, no username, not a common password. */
export const NEW_PASSWORD = 'Xq7!mR2#vLp9';
const UNIT_NAME = '攀枝花市西区财政局';
const LOCK_WORD = '锁定';

/** @param {string} message */
function fail(message) {
  return new Error(message);
}

/**
 * What the page currently shows that may explain a failure: the URL and any alert / toast text.
 * @param {Page} page
 */
async function pageState(page) {
  /** @type {string[]} */
  let alerts = [];
  try {
    alerts = await page
      .locator('[role=alert], .ant-message-notice, .ant-notification-notice, .ant-form-item-explain-error')
      .evaluateAll((els) =>
        els
          .map((e) => (e instanceof HTMLElement ? e.innerText : (e.textContent ?? '')).trim())
          .filter(Boolean)
          .slice(0, 6),
      );
  } catch {
    // the page may be navigating or closed
  }
  return `（当前地址 ${page.url()}${alerts.length ? `；页面提示：${alerts.map((a) => `「${a.replace(/\s+/g, ' ')}」`).join(' ')}` : ''}）`;
}

/**
 * @param {Page} page
 * @param {Locator} locator
 * @param {string} what a description for the failure message
 * @param {number} [timeout]
 */
async function expectVisible(page, locator, what, timeout = 15_000) {
  try {
    await locator.first().waitFor({ state: 'visible', timeout });
  } catch {
    throw fail(`${timeout / 1000}s 内未看到${what} ${await pageState(page)}`);
  }
}

/**
 * @param {Page} page
 * @param {string | RegExp} path e.g. '/password' (exact path) or a RegExp tested against the path
 * @param {string} what
 * @param {number} [timeout]
 */
async function expectPath(page, path, what, timeout = 15_000) {
  const matches = (/** @type {URL} */ url) =>
    typeof path === 'string' ? url.pathname === path : path.test(url.pathname);
  try {
    await page.waitForURL(matches, { timeout });
  } catch {
    throw fail(`${timeout / 1000}s 内未到达${what}（期望路径 ${String(path)}）${await pageState(page)}`);
  }
}

/**
 * Polls `read` until `ok` holds for its value, or fails with `describe(lastValue)`.
 * @template T
 * @param {() => Promise<T>} read
 * @param {(value: T) => boolean} ok
 * @param {(value: T | undefined) => string} describe
 * @param {number} [timeout]
 * @returns {Promise<T>}
 */
async function poll(read, ok, describe, timeout = 15_000) {
  const deadline = Date.now() + timeout;
  /** @type {T | undefined} */
  let last;
  for (;;) {
    try {
      last = await read();
      if (ok(last)) return last;
    } catch {
      // keep polling until the deadline
    }
    if (Date.now() > deadline) throw fail(describe(last));
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * @param {FlowContext['credentials']} credentials
 * @param {string} username
 */
function initialPassword(credentials, username) {
  const pw = credentials.get(username);
  if (!pw)
    throw fail(`initial-credentials.txt 中没有账户 ${username}（已有：${[...credentials.keys()].join(', ') || '无'}）`);
  return pw;
}

/**
 * Fills and submits the login form; resolves with the POST /api/auth/login response.
 * @param {Page} page
 * @param {string} username
 * @param {string} password
 * @returns {Promise<Response>}
 */
async function submitLogin(page, username, password) {
  if (new URL(page.url()).pathname !== '/login') await page.goto('/login');
  await expectVisible(page, page.locator('#username'), '登录页的用户名输入框');
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(password);
  const [response] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === '/api/auth/login' && r.request().method() === 'POST', {
      timeout: 20_000,
    }),
    page.locator('[data-testid=login-submit]').click(),
  ]);
  return response;
}

/**
 * Signs in with the initial password and expects to be held on the forced password page.
 * @param {Page} page
 * @param {string} username
 * @param {string} password
 */
async function loginExpectingPasswordChange(page, username, password) {
  const res = await submitLogin(page, username, password);
  if (!res.ok())
    throw fail(
      `${username} 用初始密码登录失败：HTTP ${res.status()} ${await res.text().catch(() => '')} ${await pageState(page)}`,
    );
  await expectPath(page, '/password', `首次登录后的强制修改密码页（${username}）`);
  await expectVisible(
    page,
    page.locator('[data-testid=password-reason]'),
    '修改密码页上“首次登录须修改初始密码”的提示',
  );
}

/**
 * On the forced password page: old → new → confirm → submit; expects to leave the page.
 * @param {Page} page
 * @param {string} oldPassword
 * @param {string} newPassword
 */
async function changePassword(page, oldPassword, newPassword) {
  await expectVisible(page, page.locator('[data-testid=old-password]'), '原密码输入框');
  await page.locator('[data-testid=old-password]').fill(oldPassword);
  await page.locator('[data-testid=new-password]').fill(newPassword);
  await page.locator('[data-testid=confirm-password]').fill(newPassword);
  const [res] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === '/api/auth/password' && r.request().method() === 'POST', {
      timeout: 20_000,
    }),
    page.locator('[data-testid=password-submit]').click(),
  ]);
  if (!res.ok())
    throw fail(`修改密码被拒绝：HTTP ${res.status()} ${await res.text().catch(() => '')} ${await pageState(page)}`);
  try {
    await page.waitForURL((url) => url.pathname !== '/password', { timeout: 15_000 });
  } catch {
    throw fail(`修改密码成功后仍停留在修改密码页 ${await pageState(page)}`);
  }
}

/**
 * On /mfa/enroll: reads the secret shown, computes the current code, confirms; expects to leave the page.
 * @param {Page} page
 */
async function enrolTotp(page) {
  await expectPath(page, '/mfa/enroll', '动态口令绑定页');
  const secretEl = page.locator('[data-testid=totp-secret]');
  await expectVisible(page, secretEl, '动态口令密钥（data-testid=totp-secret）');
  const secret = (await secretEl.innerText()).replace(/\s+/g, '');
  if (!/^[A-Z2-7]{16,}=*$/.test(secret)) throw fail(`页面显示的密钥不是 base32：「${secret}」`);
  // Avoid typing a code in the last second of its 30-second step (the server accepts ±1 step, but why cut it close).
  if ((Date.now() / 1000) % 30 > 28.5) await page.waitForTimeout(1600);
  const code = totpAt(secret, stepOf(Date.now()));
  await page.locator('[data-testid=totp-code]').fill(code);
  const [res] = await Promise.all([
    page.waitForResponse(
      (r) => new URL(r.url()).pathname === '/api/auth/totp/confirm' && r.request().method() === 'POST',
      { timeout: 20_000 },
    ),
    page.locator('[data-testid=totp-submit]').click(),
  ]);
  if (!res.ok())
    throw fail(
      `动态口令 ${code} 绑定被拒绝：HTTP ${res.status()} ${await res.text().catch(() => '')} ${await pageState(page)}`,
    );
  try {
    await page.waitForURL((url) => !url.pathname.startsWith('/mfa/'), { timeout: 15_000 });
  } catch {
    throw fail(`动态口令绑定成功后仍停留在 ${page.url()} ${await pageState(page)}`);
  }
}

/**
 * Initial password → new password → (admins) TOTP enrolment; leaves the user signed in and active.
 * @param {FlowContext} ctx
 * @param {string} username
 * @param {{ totp: boolean }} opts
 */
async function firstLogin({ page, credentials, shared }, username, { totp }) {
  const initial = initialPassword(credentials, username);
  await loginExpectingPasswordChange(page, username, initial);
  await changePassword(page, initial, NEW_PASSWORD);
  shared[`password:${username}`] = NEW_PASSWORD;
  if (totp) await enrolTotp(page);
  else if (new URL(page.url()).pathname.startsWith('/mfa/'))
    throw fail(`${username} 不是管理员，却被要求绑定动态口令 ${await pageState(page)}`);
}

/** @param {Page} page */
async function sideMenuItems(page) {
  const menu = page.locator('[data-testid=side-menu]');
  await expectVisible(page, menu, '侧边菜单（data-testid=side-menu）');
  return menu.locator('[role=menuitem]');
}

/** @type {Flow[]} */
export const FLOWS = [
  {
    name: 'login',
    title: '业务员首次登录、修改密码、看到单位树、退出',
    async run(ctx) {
      const { page } = ctx;
      await firstLogin(ctx, 'staff', { totp: false });
      await expectPath(page, '/workbench', '工作台（修改密码后的首页）');
      await expectVisible(page, page.locator('[data-testid=workbench]'), '工作台（data-testid=workbench）');
      const tree = page.locator('[data-testid=unit-tree]');
      await expectVisible(page, tree, '单位树（data-testid=unit-tree）');
      await expectVisible(page, tree.getByText(UNIT_NAME, { exact: true }), `单位树中的「${UNIT_NAME}」`);

      await page.locator('[data-testid=user-menu]').click();
      const logout = page.locator('[data-testid=logout]');
      await expectVisible(page, logout, '用户菜单中的“退出登录”');
      await logout.click();
      await expectPath(page, '/login', '退出后的登录页');
      await expectVisible(page, page.locator('#username'), '退出后登录页的用户名输入框');
      // The session really is gone: opening the workbench again goes back to the login page.
      await page.goto('/workbench');
      await expectPath(page, '/login', '退出后再打开 /workbench 时的登录页');
    },
  },
  {
    name: 'lockout',
    title: '连续5次密码错误锁定账户，锁定后正确密码也被拒绝',
    async run({ page, credentials }) {
      const correct = initialPassword(credentials, 'viewer');
      const error = page.locator('[data-testid=login-error]');
      await page.goto('/login');
      for (let i = 1; i <= 5; i++) {
        const res = await submitLogin(page, 'viewer', `Wrong-password-${i}!`);
        if (res.ok()) throw fail(`第${i}次错误密码竟然登录成功（HTTP ${res.status()}）`);
        const text = await poll(
          () => error.innerText(),
          (t) => t.trim().length > 0 && (i < 5 || t.includes(LOCK_WORD)),
          (t) =>
            `第${i}次错误密码后，登录错误提示（data-testid=login-error）${i < 5 ? '应出现' : `应包含「${LOCK_WORD}」`}，实际为「${t ?? '（无）'}」（HTTP ${res.status()}）`,
        );
        if (i < 5 && text.includes(LOCK_WORD)) throw fail(`第${i}次错误密码后账户就已锁定（阈值应为5次）：「${text}」`);
      }
      // Locked: even the right password is refused, with the lockout message.
      const res = await submitLogin(page, 'viewer', correct);
      if (res.ok()) throw fail(`账户锁定后用正确密码仍登录成功（HTTP ${res.status()}）${await pageState(page)}`);
      await poll(
        () => error.innerText(),
        (t) => t.includes(LOCK_WORD),
        (t) =>
          `锁定后用正确密码登录，错误提示应包含「${LOCK_WORD}」，实际为「${t ?? '（无）'}」（HTTP ${res.status()}）`,
      );
      if (new URL(page.url()).pathname !== '/login')
        throw fail(`锁定后用正确密码登录，页面离开了登录页 ${await pageState(page)}`);
    },
  },
  {
    name: 'audit',
    title: '审计管理员首次登录（改密码、绑定动态口令），在审计日志中看到 viewer 的失败与锁定记录',
    needs: ['lockout'],
    async run(ctx) {
      const { page } = ctx;
      await firstLogin(ctx, 'auditadmin', { totp: true });
      const items = await sideMenuItems(page);
      const auditItem = items.filter({ hasText: '审计日志' });
      await expectVisible(page, auditItem, '侧边菜单中的“审计日志”');
      if (new URL(page.url()).pathname !== '/audit') await auditItem.first().click();
      await expectPath(page, '/audit', '审计日志页');
      const table = page.locator('[data-testid=audit-table]');
      await expectVisible(page, table, '审计日志表格（data-testid=audit-table）');

      await page.locator('[data-testid=audit-username]').fill('viewer');
      const [res] = await Promise.all([
        page.waitForResponse(
          (r) => {
            const url = new URL(r.url());
            return url.pathname === '/api/audit' && url.searchParams.get('username') === 'viewer';
          },
          { timeout: 20_000 },
        ),
        page.locator('[data-testid=audit-search]').click(),
      ]);
      if (!res.ok())
        throw fail(`按用户名 viewer 查询审计日志失败：HTTP ${res.status()} ${await res.text().catch(() => '')}`);

      const rows = table.locator('tbody tr.ant-table-row');
      const count = async () => ({
        failed: await rows.filter({ hasText: 'auth.login.failed' }).count(),
        locked: await rows.filter({ hasText: 'auth.account.locked' }).count(),
        total: await rows.count(),
      });
      await poll(
        count,
        (c) => c.failed === 5 && c.locked >= 1,
        (c) =>
          `审计表按用户名 viewer 筛选后，应有 5 行 auth.login.failed 和至少 1 行 auth.account.locked；实际 ${c ? `${c.failed} 行 failed、${c.locked} 行 locked（共 ${c.total} 行）` : '读不到表格'}` +
          '（依赖 lockout 流程先产生这些记录）',
      );
      // Every row shown belongs to viewer (the filter really applied).
      const others = await rows.filter({ hasNotText: 'viewer' }).allInnerTexts();
      if (others.length)
        throw fail(
          `按用户名 viewer 筛选后仍显示了其他用户的记录：${others.map((t) => `「${t.replace(/\s+/g, ' ')}」`).join(' ')}`,
        );
    },
  },
  {
    name: 'sysadmin-forbidden',
    title: '系统管理员看不到也打不开业务页面（菜单无工作台、/workbench 403、/api/units 403），可打开用户管理',
    async run(ctx) {
      const { page } = ctx;
      await firstLogin(ctx, 'sysadmin', { totp: true });
      const items = await sideMenuItems(page);
      // Wait for the menu to be filled before asserting that an item is absent.
      await expectVisible(page, items.filter({ hasText: '用户管理' }), '侧边菜单中的“用户管理”');
      const labels = (await items.allInnerTexts()).map((t) => t.trim());
      if (labels.some((t) => t.includes('工作台')))
        throw fail(`系统管理员的侧边菜单不应有“工作台”，实际菜单：${labels.join('、')}`);

      await page.goto('/workbench');
      await expectVisible(
        page,
        page.locator('[data-testid=page-403]'),
        '直接打开 /workbench 时的 403 页（data-testid=page-403）',
      );
      if ((await page.locator('[data-testid=unit-tree]').count()) > 0) throw fail('403 页上仍渲染了单位树');

      const api = await page.request.get('/api/units');
      /** @type {unknown} */
      let body = null;
      try {
        body = await api.json();
      } catch {
        body = await api.text().catch(() => null);
      }
      const code = body && typeof body === 'object' && 'code' in body ? body.code : undefined;
      if (api.status() !== 403 || code !== 'FORBIDDEN') {
        throw fail(
          `系统管理员 GET /api/units 应返回 403 FORBIDDEN，实际 HTTP ${api.status()}，响应 ${JSON.stringify(body)?.slice(0, 300)}`,
        );
      }

      await items.filter({ hasText: '用户管理' }).first().click();
      await expectPath(page, '/admin/users', '用户管理页');
      const users = page.locator('[data-testid=users-table]');
      await expectVisible(page, users, '用户表格（data-testid=users-table）');
      await expectVisible(page, users.getByText('staff', { exact: true }), '用户表格中的账户 staff');
    },
  },
  {
    name: 'not-found',
    title: '打开不存在的页面显示 404',
    async run(ctx) {
      const { page } = ctx;
      await firstLogin(ctx, 'leader', { totp: false });
      await expectPath(page, '/workbench', '工作台（修改密码后的首页）');
      await page.goto('/no-such-page');
      await expectVisible(
        page,
        page.locator('[data-testid=page-404]'),
        '/no-such-page 的 404 页（data-testid=page-404）',
      );
      if (new URL(page.url()).pathname !== '/no-such-page') throw fail(`打开 /no-such-page 后地址变成了 ${page.url()}`);
    },
  },
];
