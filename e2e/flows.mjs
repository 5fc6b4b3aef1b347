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
 * @property {(label: string) => Promise<Page>} openPage a page in a fresh context (own cookies), e.g. for a
 *   second user; closed, screenshotted and watched for page errors like the flow's own page
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
 * @param {Pick<FlowContext, 'page' | 'credentials' | 'shared'>} ctx
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

/**
 * Signs a non-admin account in on `page`: with the password an earlier flow set (see `shared`), or
 * else with the initial password and the forced change (which then records the new password).
 * @param {Pick<FlowContext, 'page' | 'credentials' | 'shared'>} ctx
 * @param {string} username
 */
async function signIn(ctx, username) {
  const { page, shared } = ctx;
  const known = shared[`password:${username}`];
  if (typeof known !== 'string') return firstLogin(ctx, username, { totp: false });
  const res = await submitLogin(page, username, known);
  if (!res.ok())
    throw fail(
      `${username} 用此前流程设置的新密码登录失败：HTTP ${res.status()} ${await res.text().catch(() => '')} ${await pageState(page)}`,
    );
  try {
    await page.waitForURL((url) => url.pathname !== '/login', { timeout: 15_000 });
  } catch {
    throw fail(`${username} 登录成功后仍停留在登录页 ${await pageState(page)}`);
  }
  if (new URL(page.url()).pathname === '/password')
    throw fail(`${username} 已修改过初始密码，再次登录时却又被要求修改密码 ${await pageState(page)}`);
}

/** @param {unknown} err */
const messageOf = (err) => (err instanceof Error ? err.message : String(err)).split('\n')[0];

/** @param {string} s */
const escapeRegExp = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A string matches the whole (trimmed) text; a RegExp is used as it is. @param {string | RegExp} text */
const wholeText = (text) => (typeof text === 'string' ? new RegExp(`^\\s*${escapeRegExp(text)}\\s*$`) : text);

/** @param {string | RegExp} text */
const shown = (text) => (typeof text === 'string' ? `「${text}」` : `匹配 ${String(text)} 的内容`);

/**
 * Waits until the locator's text is `expected` (a string: the whole trimmed text; a RegExp: a match).
 * @param {Page} page
 * @param {Locator} locator
 * @param {string | RegExp} expected
 * @param {string} what
 * @param {number} [timeout]
 * @returns {Promise<string>} the text
 */
async function expectText(page, locator, expected, what, timeout = 15_000) {
  const re = wholeText(expected);
  try {
    return await poll(
      () => locator.first().innerText(),
      (t) => re.test(t),
      (t) =>
        `${what}应为${shown(expected)}，实际为「${t === undefined ? '（未出现）' : t.replace(/\s+/g, ' ').trim()}」`,
      timeout,
    );
  } catch (err) {
    throw fail(`${err instanceof Error ? err.message : String(err)} ${await pageState(page)}`);
  }
}

/**
 * @param {Page} page
 * @param {string} testId
 * @param {string} what
 */
async function clickTestId(page, testId, what) {
  const target = page.getByTestId(testId);
  await expectVisible(page, target, `${what}（data-testid=${testId}）`);
  try {
    await target.first().click();
  } catch (err) {
    throw fail(`点击${what}（data-testid=${testId}）失败：${messageOf(err)} ${await pageState(page)}`);
  }
}

/**
 * Adds a decision item through the 添加事项 menu and waits for its card. Under load the menu's
 * opening animation can swallow the first click on an entry, so the entry is clicked again while
 * the card has not appeared.
 * @param {Page} page
 * @param {string} kind
 * @param {number} index
 * @param {string} what
 */
async function addDecisionItem(page, kind, index, what) {
  await clickTestId(page, 'dec-add-item', '“添加事项”');
  const entry = page.getByTestId(`dec-add-${kind}`);
  const card = page.getByTestId(`item-${index}`);
  for (let attempt = 0; ; attempt++) {
    await clickTestId(page, `dec-add-${kind}`, `“添加事项”菜单中的“${what}”`);
    try {
      await card.waitFor({ state: 'visible', timeout: 3_000 });
      return;
    } catch {
      if (attempt >= 3) throw fail(`点击“${what}”后未出现第${index + 1}项 ${await pageState(page)}`);
      if (!(await entry.isVisible())) await clickTestId(page, 'dec-add-item', '“添加事项”');
    }
  }
}

/**
 * A DatePicker or InputNumber (test id on the `<input>`): type the value, Enter, and check it stuck.
 * @param {Page} page
 * @param {string} testId
 * @param {string} value
 * @param {string} what
 */
async function fillInput(page, testId, value, what) {
  const input = page.getByTestId(testId);
  await expectVisible(page, input, `${what}输入框（data-testid=${testId}）`);
  await input.click();
  await input.fill(value);
  await input.press('Enter');
  try {
    await poll(
      () => input.inputValue(),
      (v) => v === value,
      (v) => `${what}填入「${value}」后显示为「${v ?? '（读不到）'}」`,
      5_000,
    );
  } catch (err) {
    throw fail(`${messageOf(err)} ${await pageState(page)}`);
  }
}

/**
 * A Select / TreeSelect with its test id on the root: click it, type `search`, click the option whose
 * text is `option` (string: the whole text), and check the choice is shown.
 * @param {Page} page
 * @param {string} testId
 * @param {string} search
 * @param {string | RegExp} option
 * @param {string} what
 */
async function choose(page, testId, search, option, what) {
  const root = page.getByTestId(testId);
  await expectVisible(page, root, `${what}选择框（data-testid=${testId}）`);
  await root.first().click();
  if (search) await page.keyboard.type(search);
  // antd renders the open list in a portal at the end of <body>.
  const item = page
    .locator('.ant-select-dropdown:visible')
    .last()
    .locator('.ant-select-item-option, .ant-select-tree-node-content-wrapper')
    .filter({ hasText: wholeText(option) });
  await expectVisible(page, item, `${what}的下拉列表（输入「${search}」后）中的选项${shown(option)}`);
  await item.first().click();
  const label = typeof option === 'string' ? new RegExp(escapeRegExp(option)) : option;
  await expectText(page, root, label, `${what}选定后显示的内容`, 5_000);
}

/**
 * Clicks a modal's OK button and waits for the modal to close; when it stays open, the failure
 * message carries what the modal shows (inline errors are alerts).
 * @param {Page} page
 * @param {string} testId the OK button's test id
 * @param {string} what
 */
async function submitModal(page, testId, what) {
  await clickTestId(page, testId, `${what}的确定按钮`);
  try {
    await page.getByTestId(testId).waitFor({ state: 'hidden', timeout: 15_000 });
  } catch {
    throw fail(`${what}：点击确定后 15s 内对话框未关闭（提交未成功）${await pageState(page)}`);
  }
}

/** Today (YYYY-MM-DD) where the office is, which is also the browser's time zone in these tests. */
function shanghaiToday() {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());
}

/**
 * An 18-digit citizen ID (GB 11643): the 17 digits plus the ISO 7064 MOD 11-2 check character.
 * @param {string} first17
 */
export function citizenId(first17) {
  if (!/^\d{17}$/.test(first17)) throw new Error(`身份证号本体须为17位数字：${first17}`);
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * (weights[i] ?? 0), 0);
  return first17 + '10X98765432'.charAt(sum % 11);
}

const ORG_UNIT = '区e2e测试局';
const NOTICE = /编核〔\d{4}〕\d+号/;

/**
 * 登记人员 on /roster/persons, then opens the person's page (found by name).
 * @param {Page} page
 * @param {string} name
 * @param {string} id
 */
async function registerPerson(page, name, id) {
  await page.goto('/roster/persons');
  await clickTestId(page, 'person-create', '人员名册的“登记人员”按钮');
  await expectVisible(page, page.getByTestId('person-name'), '登记人员对话框的姓名输入框');
  await page.getByTestId('person-name').fill(name);
  await page.getByTestId('person-citizen-id').fill(id);
  await submitModal(page, 'person-submit', `登记人员「${name}」（身份证号 ${id}）`);
  await page.getByTestId('persons-search').fill(name);
  const link = page.getByTestId('person-link').filter({ hasText: wholeText(name) });
  await expectVisible(page, link, `按姓名查找「${name}」后名册中的该人员`);
  await link.first().click();
  await expectPath(page, /^\/roster\/persons\/[^/]+$/, `「${name}」的人员页`);
  await expectText(page, page.getByTestId('person-title'), name, '人员页标题中的姓名');
  await expectText(page, page.getByTestId('person-status'), '不在编', `刚登记的「${name}」的在编状态`);
}

/**
 * Opens 上编 on the person page and fills unit, type and reason; checks the live vacancy shown.
 * @param {Page} page
 * @param {number} vacancy expected 空编 before this enrolment
 */
async function startEnrol(page, vacancy) {
  await clickTestId(page, 'person-enrol', '人员页的“上编”按钮');
  await choose(page, 'enrol-unit', 'e2e', ORG_UNIT, '上编单位');
  await choose(page, 'enrol-type', '行政', '行政编制', '上编的编制类型');
  await choose(page, 'enrol-reason', '录用', '录用', '上编原因');
  await expectText(
    page,
    page.getByTestId('enrol-vacancy'),
    new RegExp(`核定\\s*5\\s*名.*空编\\s*${vacancy}\\s*名`),
    '上编对话框显示的该单位行政编制情况',
  );
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
  {
    name: 'org',
    title:
      '编委事项设立单位核定5名行政编制，核准2名用编计划、上编2人后空编3名；无用编计划上编第3人被拒（USE_PLAN_REQUIRED）',
    async run(ctx) {
      const { page, credentials, shared } = ctx;
      const today = shanghaiToday();
      const year = today.slice(0, 4);
      const docNumber = `西编〔${year}〕99号`;
      // Distinct sequence digits per person; a random tail against leftovers from other runs.
      const tail = Math.floor(Math.random() * 33) * 3;
      const people = ['测试员甲', '测试员乙', '测试员丙'].map((name, i) => ({
        name,
        id: citizenId(`510402199001011${String(tail + i).padStart(2, '0')}`),
      }));

      await signIn(ctx, 'staff');

      // 1. 业务员起草：新设区e2e测试局并核定行政编制5名；保存、看预览（0 → 5，无违规）、提交。
      await page.goto('/org/decisions');
      await clickTestId(page, 'dec-new', '机构编制事项列表的“新建”按钮');
      await expectPath(page, '/org/decisions/new', '新建机构编制事项页');
      await expectVisible(page, page.getByTestId('dec-doc-number'), '文号输入框（data-testid=dec-doc-number）');
      await page.getByTestId('dec-doc-number').fill(docNumber);
      await fillInput(page, 'dec-doc-date', today, '发文日期');
      await fillInput(page, 'dec-effective-date', today, '生效日期');
      await page.getByTestId('dec-approving-body').fill('区委编委');
      await page.getByTestId('dec-title').fill(`关于设立${ORG_UNIT}的批复`);
      await addDecisionItem(page, 'createUnit', 0, '新设机构');
      await expectVisible(page, page.getByTestId('item-0-name'), '第1项（新设机构）的机构名称输入框');
      await page.getByTestId('item-0-name').fill(ORG_UNIT);
      await choose(page, 'item-0-kind', '党政', '党政机关', '第1项的机构类别');
      await addDecisionItem(page, 'quota', 1, '核增/核减编制');
      await choose(page, 'item-1-target', 'e2e', `${ORG_UNIT}（new1）`, '第2项的单位');
      await choose(page, 'item-1-type', '行政', '行政编制', '第2项的编制类型');
      await fillInput(page, 'item-1-delta', '5', '第2项的增减数');
      // The demo region is at its caps (行政编制 total = 控制数, 党政机关 count = 限额): the same
      // document raises both, as the rules ask (CONTROL_EXCEEDED / ORGAN_CAP_EXCEEDED otherwise).
      await addDecisionItem(page, 'control', 2, '调整总量控制数');
      await choose(page, 'item-2-control', '行政', '行政编制', '第3项的控制数类别');
      await fillInput(page, 'item-2-delta', '5', '第3项的增减数');
      await addDecisionItem(page, 'control', 3, '调整总量控制数');
      await choose(page, 'item-3-control', '机构限额', '党政机构限额', '第4项的控制数类别');
      await fillInput(page, 'item-3-delta', '1', '第4项的增减数');
      await clickTestId(page, 'dec-save', '“保存”按钮');
      await expectPath(page, /^\/org\/decisions\/[0-9a-f-]{36}$/, '保存后的事项页（/org/decisions/<id>）');
      const decisionPath = new URL(page.url()).pathname;
      await expectText(page, page.getByTestId('dec-state'), '草稿', '保存后事项的状态');
      await expectVisible(page, page.getByTestId('dec-preview'), '执行效果预览（data-testid=dec-preview）');
      const quotaRow = page.getByTestId('preview-quota-0-before').locator('xpath=ancestor::tr[1]');
      await expectText(page, quotaRow, new RegExp(`${ORG_UNIT}.*行政编制`), '预览“编制与领导职数变化”第1行');
      await expectText(page, page.getByTestId('preview-quota-0-before'), '0', '预览中行政编制的调整前数');
      await expectText(page, page.getByTestId('preview-quota-0-after'), '5', '预览中行政编制的调整后数');
      await expectVisible(
        page,
        page.getByTestId('dec-no-violations'),
        '预览中的“未发现违反机构编制规则的问题”（data-testid=dec-no-violations）',
      );
      await clickTestId(page, 'dec-submit', '“提交”按钮');
      await expectText(page, page.getByTestId('dec-state'), '已提交', '提交后事项的状态');

      // 2. 领导在列表中按文号打开并批准；业务员执行。
      const leader = await ctx.openPage('leader');
      await signIn({ page: leader, credentials, shared }, 'leader');
      await leader.goto('/org/decisions');
      const link = leader.locator('[data-testid^="dec-link-"]').filter({ hasText: wholeText(docNumber) });
      await expectVisible(leader, link, `领导的事项列表中文号为「${docNumber}」的事项`);
      await link.first().click();
      await expectPath(leader, decisionPath, `领导打开的事项页（${decisionPath}）`);
      await expectText(leader, leader.getByTestId('dec-state'), '已提交', '领导看到的事项状态');
      await clickTestId(leader, 'dec-approve', '事项页的“批准”按钮');
      await expectText(leader, leader.getByTestId('dec-state'), '已批准', '批准后事项的状态');

      await page.reload();
      await expectText(page, page.getByTestId('dec-state'), '已批准', '业务员刷新后看到的事项状态');
      await clickTestId(page, 'dec-apply', '事项页的“执行”按钮');
      await expectVisible(page, page.getByTestId('dec-applied'), '执行成功的提示（data-testid=dec-applied）');
      await expectText(page, page.getByTestId('dec-state'), '已执行', '执行后事项的状态');

      // 3. 业务员编报用编计划（行政编制2名），领导核准。
      await page.goto('/roster/use-plans');
      await clickTestId(page, 'plan-new', '用编计划页的“新建”按钮');
      await choose(page, 'plan-unit', 'e2e', ORG_UNIT, '用编计划的单位');
      await choose(page, 'plan-type', '行政', '行政编制', '用编计划的编制类型');
      await fillInput(page, 'plan-count', '2', '用编数');
      await choose(page, 'plan-channel', '公务员', '公务员招录', '补充渠道');
      await fillInput(page, 'plan-year', year, '年度');
      await submitModal(page, 'plan-submit', '新建用编计划');

      await leader.goto('/roster/use-plans');
      await choose(leader, 'plans-unit-filter', 'e2e', ORG_UNIT, '用编计划页的单位筛选');
      const planRows = leader.getByTestId('use-plan-table').locator('tbody tr.ant-table-row');
      await poll(
        async () => ({ count: await planRows.count(), text: await planRows.first().innerText() }),
        (r) => r.count === 1 && r.text.includes(ORG_UNIT) && r.text.includes('待核准'),
        (r) =>
          `按单位筛选后，用编计划表应只有${ORG_UNIT}的1条待核准计划；实际 ${r ? `${r.count} 行，首行「${r.text.replace(/\s+/g, ' ')}」` : '读不到表格'}`,
      );
      await clickTestId(leader, 'plan-approve-0', '该计划的“核准”按钮');
      await expectText(leader, leader.getByTestId('plan-state-0'), '已核准', '核准后计划的状态');
      const planText = await expectText(
        leader,
        planRows.first(),
        NOTICE,
        '核准后计划行中的通知单号（编核〔年度〕N号）',
      );
      const notice = planText.match(NOTICE)?.[0] ?? '';

      // 4. 业务员登记两人，依据该计划上编。
      for (const [i, person] of people.slice(0, 2).entries()) {
        await registerPerson(page, person.name, person.id);
        await startEnrol(page, 5 - i);
        await choose(page, 'enrol-use-plan', '编核', new RegExp(`^\\s*${escapeRegExp(notice)}`), '上编依据的用编计划');
        await submitModal(page, 'enrol-submit', `「${person.name}」上编`);
        await expectText(page, page.getByTestId('person-status'), '在编', `「${person.name}」上编后的在编状态`);
        await expectText(page, page.getByTestId('placement-unit'), ORG_UNIT, `「${person.name}」的在编单位`);
        await expectText(
          page,
          page.getByTestId('person-current'),
          new RegExp(escapeRegExp(notice)),
          `「${person.name}」当前在编信息中的用编计划`,
        );
      }

      // 5. 单位页：核定5、实有2、空编3。
      await page.goto('/org/units');
      await expectVisible(page, page.getByTestId('org-unit-search'), '单位查找框（data-testid=org-unit-search）');
      await page.getByTestId('org-unit-search').fill(ORG_UNIT);
      const node = page
        .getByTestId('org-unit-tree')
        .locator('.ant-tree-node-content-wrapper')
        .filter({ hasText: wholeText(ORG_UNIT) });
      await expectVisible(page, node, `单位树中查找到的「${ORG_UNIT}」`);
      await node.first().click();
      await expectText(page, page.getByTestId('figures-unit-name'), ORG_UNIT, '编制情况卡片标题中的单位');
      const figures = { approved: '5', actual: '2', vacancy: '3' };
      await poll(
        async () => {
          /** @type {Record<string, string>} */
          const seen = {};
          for (const field of Object.keys(figures))
            seen[field] = (await page.getByTestId(`fig-administrative-${field}`).innerText()).trim();
          return seen;
        },
        (seen) => Object.entries(figures).every(([k, v]) => seen[k] === v),
        (seen) =>
          `${ORG_UNIT}的行政编制应为 核定5、实有2、空编3；实际 ${seen ? `核定${seen.approved}、实有${seen.actual}、空编${seen.vacancy}` : '读不到（fig-administrative-*）'}`,
      );

      // 6. 第3人不依据用编计划上编：被拒并指明规则，仍不在编。
      const third = people[2];
      if (!third) throw fail('缺少第3个人员的测试数据');
      await registerPerson(page, third.name, third.id);
      await startEnrol(page, 3);
      // The only plan is used up, so none is offered or preselected.
      await expectText(
        page,
        page.getByTestId('enrol-use-plan'),
        /^(?![\s\S]*编核)/,
        '用编计划选择框（应未选择任何计划）',
      );
      await clickTestId(page, 'enrol-submit', '上编对话框的“上编”按钮');
      const refusal = await expectText(
        page,
        page.getByTestId('enrol-error'),
        /USE_PLAN_REQUIRED[\s\S]*用编计划/,
        '无用编计划上编时的错误提示（data-testid=enrol-error，应指明规则 USE_PLAN_REQUIRED）',
      );
      if (!refusal.includes(ORG_UNIT)) throw fail(`上编被拒的提示未提到单位「${ORG_UNIT}」：「${refusal}」`);
      const dialog = page.locator('.ant-modal').filter({ has: page.getByTestId('enrol-submit') });
      await dialog.getByRole('button', { name: /取\s*消/ }).click();
      try {
        await dialog.waitFor({ state: 'hidden' });
      } catch {
        throw fail(`点击“取消”后上编对话框未关闭 ${await pageState(page)}`);
      }
      await page.reload();
      await expectText(page, page.getByTestId('person-status'), '不在编', `上编被拒后「${third.name}」的在编状态`);
    },
  },
  {
    name: 'roster-import',
    title:
      '实名制数据导入向导：上传XLSX、指定列对应（人员姓名→姓名）、校验列出错误行、只导入无误的行、进度完成、人员出现在名册中',
    needs: ['org'],
    async run(ctx) {
      const { page } = ctx;
      const today = shanghaiToday();
      // A random sequence against leftovers from other runs; the bad row's check character is wrong.
      const seqNo = String(100 + Math.floor(Math.random() * 800));
      const good = { name: '导入测试员', id: citizenId(`51040219850505${seqNo}`) };
      const right = citizenId(`51040219860606${seqNo}`);
      const bad = right.slice(0, 17) + (right.endsWith('0') ? '1' : '0');
      const fileName = 'e2e花名册.xlsx';

      // The file, written here with exceljs: a header the template does not use for 姓名 (人员姓名),
      // one clean row and one with a wrong check character (spreadsheet row 3).
      const { default: ExcelJS } = await import('exceljs');
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('花名册');
      ws.addRow(['人员姓名', '身份证号', '单位', '编制类型', '上编时间', '上编方式']);
      ws.addRow([good.name, good.id, ORG_UNIT, '行政编制', today, '调入']);
      ws.addRow(['错号测试员', bad, ORG_UNIT, '行政编制', today, '调入']);
      const buffer = Buffer.from(await wb.xlsx.writeBuffer());

      // Writing imported placements is for the office leader.
      await signIn(ctx, 'leader');
      await page.goto('/roster/import');
      const input = page.getByTestId('import-upload').locator('input[type=file]');
      try {
        await input.setInputFiles({
          name: fileName,
          mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          buffer,
        });
      } catch (err) {
        throw fail(
          `向导上传文件失败（data-testid=import-upload 内的文件框）：${messageOf(err)} ${await pageState(page)}`,
        );
      }
      await expectText(page, page.getByTestId('import-file-name'), fileName, '上传后显示的当前文件名');

      // 列对应: 身份证号 is recognised as 公民身份号码; 姓名 must be chosen (人员姓名).
      await expectVisible(page, page.getByTestId('import-mapping'), '列对应步骤（data-testid=import-mapping）');
      await expectText(
        page,
        page.getByTestId('mapping-select-公民身份号码'),
        /身份证号/,
        '模板列“公民身份号码”自动对应的文件列',
      );
      await expectText(page, page.getByTestId('mapping-missing'), /姓名/, '尚未对应的必填列提示');
      await choose(page, 'mapping-select-姓名', '', '人员姓名', '模板列“姓名”对应的文件列');
      await clickTestId(page, 'import-mapping-save', '“保存对应并继续”按钮');

      // 校验: the bad row is listed by row and column.
      await clickTestId(page, 'import-validate', '“开始校验”按钮');
      const errorRows = page.getByTestId('import-errors').locator('tbody tr.ant-table-row');
      await expectText(
        page,
        errorRows,
        /^\s*3\s+公民身份号码\s+公民身份号码无效：第18位校验码/,
        '校验错误表第1行（第3行、公民身份号码列、校验码错误）',
        30_000,
      );
      const errorCount = await errorRows.count();
      if (errorCount !== 1) throw fail(`校验错误表应只有1行（第3行），实际 ${errorCount} 行 ${await pageState(page)}`);

      // 只导入无误的行 → progress to done → 1 imported, 1 skipped.
      await clickTestId(page, 'import-next', '校验后的“下一步”按钮');
      await clickTestId(page, 'import-apply-clean', '“仅导入无误的行”按钮');
      const confirm = page.locator('.ant-popconfirm:visible').getByRole('button', { name: /确定导入/ });
      await expectVisible(page, confirm, '“仅导入无误的行”确认框的“确定导入”按钮');
      await confirm.first().click();
      await expectVisible(
        page,
        page.locator('[data-testid=job-progress][data-job-state=succeeded]').last(),
        '导入任务进度（完成，data-job-state=succeeded）',
        60_000,
      );
      await expectText(page, page.getByTestId('import-persons-created'), '1', '导入结果中的导入人数', 30_000);
      await expectText(page, page.getByTestId('import-rows-skipped'), '1', '导入结果中的跳过行数');

      // The person is in the roster, on the establishment of the unit.
      await page.goto('/roster/persons');
      await expectVisible(page, page.getByTestId('persons-search'), '人员名册的查找框');
      await page.getByTestId('persons-search').fill(good.name);
      const link = page.getByTestId('person-link').filter({ hasText: wholeText(good.name) });
      await expectVisible(page, link, `名册中按姓名查找到的导入人员「${good.name}」`);
      await link.first().click();
      await expectText(page, page.getByTestId('person-status'), '在编', `导入的「${good.name}」的在编状态`);
      await expectText(page, page.getByTestId('placement-unit'), ORG_UNIT, `导入的「${good.name}」的在编单位`);
    },
  },
  {
    name: 'units-import',
    title:
      '单位及编制导入向导：上传两个内设机构的CSV、填写文号和批准机关、校验通过、仅将无误的行列入草稿、打开生成的机构编制事项草稿',
    async run(ctx) {
      const { page } = ctx;
      // A random tail against leftovers from other runs (文号 must be unused; the draft is never applied).
      const tail = String(100 + Math.floor(Math.random() * 800));
      const docNumber = `西编〔${shanghaiToday().slice(0, 4)}〕E${tail}号`;
      const names = [`e2e导入甲股${tail}`, `e2e导入乙股${tail}`];
      const fileName = 'e2e单位.csv';
      const rows = [['单位名称', '上级单位', '机构类别'], ...names.map((n) => [n, UNIT_NAME, '内设机构'])];
      const buffer = Buffer.from(`\ufeff${rows.map((r) => r.join(',')).join('\r\n')}\r\n`);

      await signIn(ctx, 'staff');
      await page.goto('/org/import');
      await expectVisible(
        page,
        page.getByTestId('units-import-page'),
        '单位及编制导入页（data-testid=units-import-page）',
      );
      const input = page.getByTestId('import-upload').locator('input[type=file]');
      try {
        await input.setInputFiles({ name: fileName, mimeType: 'text/csv', buffer });
      } catch (err) {
        throw fail(
          `向导上传文件失败（data-testid=import-upload 内的文件框）：${messageOf(err)} ${await pageState(page)}`,
        );
      }
      await expectText(page, page.getByTestId('import-file-name'), fileName, '上传后显示的当前文件名');

      // 列对应: the file uses the template's titles, so the proposed mapping is confirmed as it is.
      await expectVisible(page, page.getByTestId('import-mapping'), '列对应步骤（data-testid=import-mapping）');
      await expectText(page, page.getByTestId('mapping-select-单位名称'), /单位名称/, '模板列“单位名称”对应的文件列');
      await clickTestId(page, 'import-mapping-save', '“保存对应并继续”按钮');

      // 文件信息与校验: 文号 and 批准机关 (发文日期 defaults to today), then a clean check.
      await expectVisible(page, page.getByTestId('units-import-doc-number'), '文号输入框');
      await page.getByTestId('units-import-doc-number').fill(docNumber);
      await page.getByTestId('units-import-approver').fill('区委编委');
      await clickTestId(page, 'import-validate', '“开始校验”按钮');
      await expectText(
        page,
        page.getByTestId('import-clean'),
        /校验通过[\s\S]*共 2 行，可设立 2 个单位/,
        '校验结果',
        30_000,
      );

      // 仅将无误的行列入草稿 → a draft decision with both units.
      await clickTestId(page, 'import-next', '校验后的“下一步”按钮');
      await clickTestId(page, 'import-apply-clean', '“仅将无误的行列入草稿”按钮');
      const confirm = page.locator('.ant-popconfirm:visible').getByRole('button', { name: /确\s*定/ });
      await expectVisible(page, confirm, '“仅将无误的行列入草稿”确认框的“确定”按钮');
      await confirm.first().click();
      await expectText(page, page.getByTestId('units-import-created'), '2', '生成草稿结果中的设立单位数', 60_000);
      await clickTestId(page, 'units-import-decision-link', '“打开机构编制事项草稿”链接');
      await expectPath(page, /^\/org\/decisions\/[0-9a-f-]{36}$/, '生成的事项页（/org/decisions/<id>）');
      await expectText(page, page.getByTestId('dec-state'), '草稿', '生成的事项的状态');
      const docInput = page.getByTestId('dec-doc-number');
      await poll(
        () => docInput.first().inputValue(),
        (v) => v === docNumber,
        (v) => `生成的事项的文号应为「${docNumber}」，实际为「${v ?? '（未出现）'}」`,
      );
    },
  },
  {
    name: 'performance',
    title:
      '财政审核员按模板新建指标体系并发布；业务员为财政局新建绩效自评、人工评分（未满分须说明原因）看到总分和等级变化后提交；领导审核为已审核',
    async run(ctx) {
      const { page, credentials, shared } = ctx;
      const year = String(Number(shanghaiToday().slice(0, 4)) - 1);
      const fwName = 'e2e部门整体支出绩效评价指标体系';

      // 1. 财政审核员：空白模板（投入20、过程30、产出30、效果20，人工评分）建草稿，结构检查通过后发布。
      await signIn(ctx, 'finance');
      await page.goto('/performance/frameworks');
      await clickTestId(page, 'fw-new', '指标体系库的“新建指标体系”按钮');
      await expectVisible(page, page.getByTestId('fw-new-code'), '新建指标体系对话框的代码输入框');
      await page.getByTestId('fw-new-code').fill('e2e-perf');
      await page.getByTestId('fw-new-name').fill(fwName);
      await submitModal(page, 'fw-new-submit', '新建指标体系');
      await expectPath(page, /^\/performance\/frameworks\/versions\/[0-9a-f-]{36}$/, '新建的指标体系版本页');
      await expectText(page, page.getByTestId('fw-state'), '草稿', '新建版本的状态');
      await expectVisible(page, page.getByTestId('fw-no-problems'), '“结构检查通过”（data-testid=fw-no-problems）');
      // The live rule test answers for the selected leaf (1 投入, 人工评分).
      await expectVisible(page, page.getByTestId('rule-test'), '编辑器中的试算面板（data-testid=rule-test）');
      await clickTestId(page, 'fw-publish', '“发布”按钮');
      await expectText(page, page.getByTestId('fw-state'), '已发布', '发布后版本的状态');

      // 2. 业务员：为财政局新建自评，逐项人工评分。
      const staff = await ctx.openPage('staff');
      const sctx = { page: staff, credentials, shared };
      await signIn(sctx, 'staff');
      await staff.goto('/performance/evaluations');
      await clickTestId(staff, 'eval-new', '绩效自评页的“新建自评”按钮');
      await choose(staff, 'eval-new-unit', '财政', UNIT_NAME, '自评部门');
      await fillInput(staff, 'eval-new-year', year, '自评年度');
      await choose(staff, 'eval-new-framework', 'e2e', `${fwName} 第1版`, '自评所用指标体系');
      await submitModal(staff, 'eval-new-submit', '新建绩效自评');
      await expectPath(staff, /^\/performance\/evaluations\/[0-9a-f-]{36}$/, '新建的绩效自评页');
      const evaluationPath = new URL(staff.url()).pathname;
      await expectText(staff, staff.getByTestId('eval-state'), '填报中', '新建自评的状态');
      await expectText(staff, staff.getByTestId('eval-total'), '—', '尚未评分时的自评总分');
      await expectVisible(staff, staff.getByTestId('eval-missing'), '未评分指标的提示（data-testid=eval-missing）');

      /**
       * @param {string} key
       * @param {string} score
       * @param {string} [reason]
       */
      const enter = async (key, score, reason) => {
        await clickTestId(staff, `entry-open-${key}`, `指标${key}的“填报”按钮`);
        await fillInput(staff, 'entry-score', score, `指标${key}的得分`);
        if (reason) await staff.getByTestId('entry-reason').fill(reason);
        await submitModal(staff, 'entry-submit', `填报指标${key}（${score}分）`);
        await expectText(staff, staff.getByTestId(`ind-score-${key}`), score, `指标${key}保存后的自评得分`);
      };
      await enter('1', '20');
      await enter('2', '30');
      await enter('3', '30');
      await enter('4', '20');
      await expectText(staff, staff.getByTestId('eval-total'), '100', '全部满分时的自评总分');
      await expectText(staff, staff.getByTestId('eval-grade'), '优', '总分100时的等级');
      await enter('3', '15', '部分重点任务未按期完成');
      await expectText(staff, staff.getByTestId('eval-total'), '85', '“产出”扣15分后的自评总分');
      await expectText(staff, staff.getByTestId('eval-grade'), '良', '总分85时的等级');
      await expectText(
        staff,
        staff.getByTestId('ind-explanation-3'),
        /部分重点任务未按期完成/,
        '指标3的计分说明（应含扣分原因）',
      );

      await clickTestId(staff, 'eval-submit', '“提交”按钮');
      await clickTestId(staff, 'eval-submit-confirm', '提交确认框的“确定”');
      await expectText(staff, staff.getByTestId('eval-state'), '已提交', '提交后自评的状态');
      await expectVisible(staff, staff.getByTestId('eval-frozen'), '提交后的“数据已冻结”标记');
      if ((await staff.getByTestId('entry-open-3').count()) > 0)
        throw fail(`提交后仍显示“填报”按钮 ${await pageState(staff)}`);

      // 3. 领导审核。
      const leader = await ctx.openPage('leader');
      await signIn({ page: leader, credentials, shared }, 'leader');
      await leader.goto(evaluationPath);
      await expectText(leader, leader.getByTestId('eval-state'), '已提交', '领导看到的自评状态');
      await expectText(leader, leader.getByTestId('eval-total'), '85', '领导看到的自评总分');
      await clickTestId(leader, 'eval-review', '“审核通过”按钮');
      await expectText(leader, leader.getByTestId('eval-state'), '已审核', '审核后自评的状态');
    },
  },
  {
    name: 'project-sheets',
    title: '业务员打开西区区委编办2021年度项目自评表，为一个预算项目填报产出指标并保存，看到该指标得分和计分说明',
    async run(ctx) {
      const { page } = ctx;
      const office = '中共攀枝花市西区区委机构编制委员会办公室';
      await signIn(ctx, 'staff');
      await page.goto('/performance/project-sheets');
      await choose(page, 'ps-unit', '西区区委机构编制', office, '项目自评表的部门');
      await fillInput(page, 'ps-year', '2021', '项目自评表的年度');
      // The demo budget of 002 has three projects; the first is the archive digitisation.
      await expectText(page, page.getByTestId('ps-open-0'), /档案电子化管理经费/, '2021年度预算中的第一个项目');
      await clickTestId(page, 'ps-open-0', '第一个项目的名称（打开填报）');
      await clickTestId(page, 'ps-add-output', '“产出指标”添加按钮');
      await page.getByTestId('ps-ind-name-0').fill('登记管理档案电子化数量');
      await fillInput(page, 'ps-ind-points-0', '50', '第1行的分值');
      await fillInput(page, 'ps-ind-value-0', '1000', '第1行的目标值');
      await page.getByTestId('ps-ind-unit-0').fill('卷');
      await fillInput(page, 'ps-ind-actual-0', '1000', '第1行的实际完成值');
      await clickTestId(page, 'ps-save', '“保存并计分”按钮');
      await expectText(page, page.getByTestId('ps-ind-score-0'), '50', '第1行保存后的得分');
      await expectText(
        page,
        page.getByTestId('ps-ind-explanation-0'),
        /目标≥1000卷，实际1000卷，得50分/,
        '第1行的计分说明',
      );
      await expectText(page, page.getByTestId('ps-level-score-output'), '50', '产出指标的得分小计');
      // 效益、满意度 not yet entered: the 10号 weights are named as problems.
      await expectText(
        page,
        page.getByTestId('ps-problems'),
        /效益指标分值合计0分，财预〔2020〕10号规定为30分/,
        '存在的问题',
      );
    },
  },
  {
    name: 'budget',
    title:
      '部门预算和决算：业务员打开西区编办2021年度，收入决算表合计141.96万元；改一个收入来源即实时提示勾稽不符，保存后见服务器核对，刷新后仍是保存的值（再改回并定稿）；只读账户无保存按钮',
    async run(ctx) {
      const { page, credentials, shared } = ctx;
      const office = '中共攀枝花市西区区委机构编制委员会办公室';
      const fund = 'budget-income-governmentFund-final';
      const incomeWarning = '本年收入合计（决算数）：填报141.96万元，各收入来源之和为142.04万元，相差-0.08万元';

      /**
       * @param {Page} p
       * @param {string} testId an InputNumber's test id (on its `<input>`)
       * @param {string} value
       * @param {string} what
       */
      const expectValue = async (p, testId, value, what) => {
        const input = p.getByTestId(testId);
        await expectVisible(p, input, `${what}（data-testid=${testId}）`);
        try {
          await poll(
            () => input.first().inputValue(),
            (v) => v === value,
            (v) => `${what}应为「${value}」，实际为「${v ?? '（读不到）'}」`,
          );
        } catch (err) {
          throw fail(`${messageOf(err)} ${await pageState(p)}`);
        }
      };
      /** @param {Page} p */
      const openYear = async (p) => {
        await p.goto('/budget');
        await choose(p, 'budget-unit', '西区区委机构编制', office, '预算和决算的部门');
        await fillInput(p, 'budget-year', '2021', '预算和决算的年度');
        await expectText(p, p.getByTestId('budget-status'), '已定稿', '西区编办2021年度的状态');
        await expectText(p, p.getByTestId('budget-income-total'), '141.96', '页头的本年收入合计（决算，万元）');
        await clickTestId(p, 'budget-tab-income', '“收入决算表”标签');
        await expectValue(p, 'budget-income-total-final', '141.96', '收入决算表的本年收入合计（决算数，万元）');
        await expectText(p, p.getByTestId('budget-income-sum-final'), '141.96', '收入决算表的各收入来源之和（决算数）');
      };
      /**
       * Clicks 保存 and expects the server's answer: saved, with `warning` among its identity warnings or not.
       * @param {string} warning
       * @param {boolean} present
       */
      const save = async (warning, present) => {
        const [res] = await Promise.all([
          page.waitForResponse(
            (r) =>
              /^\/api\/budget\/years\/[^/]+\/2021$/.test(new URL(r.url()).pathname) && r.request().method() === 'PUT',
            { timeout: 20_000 },
          ),
          clickTestId(page, 'budget-save', '“保存”按钮'),
        ]);
        if (!res.ok())
          throw fail(`保存被拒绝：HTTP ${res.status()} ${await res.text().catch(() => '')} ${await pageState(page)}`);
        const saved = page.getByTestId('budget-saved');
        await expectText(page, saved, /已保存.*服务器核对/, '保存后的服务器核对结果（data-testid=budget-saved）');
        const text = await saved.first().innerText();
        if (text.includes(warning) !== present)
          throw fail(
            `保存后服务器核对结果${present ? '应列出' : '不应再有'}「${warning}」，实际为「${text.replace(/\s+/g, ' ')}」`,
          );
      };

      // 1. 业务员：定稿的年度只读，先退回填报。
      await signIn(ctx, 'staff');
      await openYear(page);
      await expectValue(page, fund, '7.92', '政府性基金预算财政拨款收入（决算数）');
      if ((await page.getByTestId('budget-save').count()) > 0)
        throw fail(`已定稿的年度仍显示“保存”按钮 ${await pageState(page)}`);
      await clickTestId(page, 'budget-reopen', '“退回填报”按钮');
      await expectText(page, page.getByTestId('budget-status'), '填报中', '退回填报后的状态');

      // 2. 改政府性基金 7.92 → 8：合计不再等于各来源之和，提示实时出现并写明两边。
      await fillInput(page, fund, '8', '政府性基金预算财政拨款收入（决算数）');
      await expectText(page, page.getByTestId('budget-income-sum-final'), '142.04', '修改后的各收入来源之和（决算数）');
      await expectText(
        page,
        page.getByTestId('budget-warnings'),
        new RegExp(escapeRegExp(incomeWarning)),
        '实时的勾稽关系提示',
      );

      // 3. 保存：服务器照样保存，并列出同一条提示。
      await save(incomeWarning, true);

      // 4. 刷新：部门和年度留在地址里，显示的是保存的值。
      await page.reload();
      await expectText(page, page.getByTestId('budget-status'), '填报中', '刷新后的状态');
      await clickTestId(page, 'budget-tab-income', '刷新后的“收入决算表”标签');
      await expectValue(page, fund, '8', '刷新后的政府性基金预算财政拨款收入（决算数）');
      await expectText(
        page,
        page.getByTestId('budget-warnings'),
        new RegExp(escapeRegExp(incomeWarning)),
        '刷新后的勾稽关系提示',
      );

      // 5. 改回 7.92、保存（提示消失）、再定稿：示例数据恢复原状，后面的流程看到的仍是公开的数字。
      await fillInput(page, fund, '7.92', '改回的政府性基金预算财政拨款收入（决算数）');
      await expectText(page, page.getByTestId('budget-income-sum-final'), '141.96', '改回后的各收入来源之和（决算数）');
      await save('本年收入合计（决算数）', false);
      await clickTestId(page, 'budget-finalise', '“定稿”按钮');
      await expectText(page, page.getByTestId('budget-status'), '已定稿', '定稿后的状态');
      if ((await page.getByTestId('budget-save').count()) > 0)
        throw fail(`定稿后仍显示“保存”按钮 ${await pageState(page)}`);

      // 6. 只读账户。viewer 在 lockout 流程中已被锁定（30分钟），先由安全管理员解锁。
      const sec = await ctx.openPage('secadmin');
      await firstLogin({ page: sec, credentials, shared }, 'secadmin', { totp: true });
      await sec.goto('/admin/users');
      await expectVisible(sec, sec.getByTestId('users-table'), '用户表格（data-testid=users-table）');
      await clickTestId(sec, 'user-unlock-viewer', '账户 viewer 的“解锁”');
      const [unlock] = await Promise.all([
        sec.waitForResponse(
          (r) => /^\/api\/users\/[^/]+\/unlock$/.test(new URL(r.url()).pathname) && r.request().method() === 'POST',
          { timeout: 20_000 },
        ),
        sec.locator('.ant-popconfirm:visible').getByTestId('confirm-ok').click(),
      ]);
      if (!unlock.ok()) throw fail(`解锁 viewer 失败：HTTP ${unlock.status()} ${await unlock.text().catch(() => '')}`);

      const viewer = await ctx.openPage('viewer');
      await signIn({ page: viewer, credentials, shared }, 'viewer');
      await openYear(viewer);
      await expectVisible(viewer, viewer.getByTestId('budget-readonly'), '只读提示（data-testid=budget-readonly）');
      await expectValue(viewer, fund, '7.92', '只读账户看到的政府性基金预算财政拨款收入（决算数）');
      for (const id of ['budget-save', 'budget-reopen', 'budget-finalise', 'budget-import'])
        if ((await viewer.getByTestId(id).count()) > 0)
          throw fail(`只读账户看到了 data-testid=${id} ${await pageState(viewer)}`);
      if (!(await viewer.getByTestId(fund).isDisabled()))
        throw fail(`只读账户的金额输入框可编辑 ${await pageState(viewer)}`);
    },
  },
  {
    name: 'reports',
    title:
      '报告：业务员为西区区委编办生成2021年度部门决算情况说明，段落中的数字绑定事实（141.96万元、94.42%），HTML 预览在 Chromium 中截图并显示中文标题；下载的 PDF 第1页用 pdftoppm 渲染，pdffonts 显示嵌入的 CJK 字体，pdftotext 取出标题；公开页（免登录）列出演示数据中已公开的该报告；公开管理页批量生成2021年全部部门的 PDF，进度条走完后下载 ZIP',
    async run(ctx) {
      const { page } = ctx;
      const office = '中共攀枝花市西区区委机构编制委员会办公室';
      const title = `${office}2021年度部门决算情况说明`;
      await signIn(ctx, 'staff');
      await page.goto('/reports');
      await clickTestId(page, 'report-new', '“新建报告”按钮');
      await choose(page, 'report-unit', '西区区委机构编制', office, '新建报告的部门');
      await fillInput(page, 'report-create-year', '2021', '新建报告的年度');
      const [created] = await Promise.all([
        page.waitForResponse((r) => new URL(r.url()).pathname === '/api/reports' && r.request().method() === 'POST', {
          timeout: 30_000,
        }),
        page.getByTestId('report-create-ok').click(),
      ]);
      if (!created.ok()) throw fail(`生成报告失败：HTTP ${created.status()} ${await created.text().catch(() => '')}`);
      const { id } = await created.json();
      await expectPath(page, `/reports/${id}`, '生成后打开的报告页');
      await expectText(page, page.getByTestId('report-title'), title, '报告标题');
      const bound = page.getByTestId('report-paragraphs').locator('mark.bound-number');
      await expectVisible(page, bound.filter({ hasText: /^141\.96$/ }), '绑定事实的数字 141.96');
      await expectVisible(page, bound.filter({ hasText: /^94\.42$/ }), '绑定事实的数字 94.42');
      const source = await bound
        .filter({ hasText: /^94\.42$/ })
        .first()
        .getAttribute('data-source');
      if (!source?.startsWith('calc:')) throw fail(`94.42 的来源应为计算（calc:…），实际为「${source}」`);

      // The PDF, as downloaded: page 1 to PNG, the CJK font embedded, the title extracted.
      const pdf = await page.request.get(`/api/reports/${id}/render?format=pdf`, { timeout: 120_000 });
      if (!pdf.ok()) throw fail(`下载 PDF 失败：HTTP ${pdf.status()} ${await pdf.text().catch(() => '')}`);
      const { execFileSync } = await import('node:child_process');
      const { mkdtempSync, writeFileSync, statSync } = await import('node:fs');
      const { tmpdir } = await import('node:os');
      const { join } = await import('node:path');
      const dir = mkdtempSync(join(tmpdir(), 'bianban-e2e-report-'));
      const file = join(dir, 'report.pdf');
      writeFileSync(file, await pdf.body());
      execFileSync('pdftoppm', ['-f', '1', '-l', '1', '-png', '-r', '60', file, join(dir, 'page')]);
      const png = join(dir, 'page-1.png');
      if (statSync(png).size < 5_000) throw fail(`pdftoppm 渲染的第1页过小（${statSync(png).size} 字节），疑为空白页`);
      const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
      const cjk = fonts.split('\n').filter((l) => /NotoS(erif|ans)CJK/.test(l));
      if (!cjk.length) throw fail(`pdffonts 未列出 Noto CJK 字体：\n${fonts}`);
      // Columns end with: emb sub uni object ID.
      const notEmbedded = cjk.filter((l) => l.trim().split(/\s+/).at(-5) !== 'yes');
      if (notEmbedded.length) throw fail(`PDF 中有未嵌入的 CJK 字体：\n${fonts}`);
      const text = execFileSync('pdftotext', ['-f', '1', '-l', '1', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
      if (!text.replace(/\s/g, '').includes('2021年度部门决算情况说明'))
        throw fail(`pdftotext 取出的第1页文字不含标题：「${text.slice(0, 200)}」`);
      if (text.includes('\uFFFD')) throw fail('pdftotext 取出的文字含替换字符（缺字）');

      // The HTML preview opened in Chromium (screenshotted at the end of the flow).
      await page.goto(`/api/reports/${id}/preview`);
      await expectVisible(page, page.locator('h1, .title').filter({ hasText: title }), `预览页的中文标题「${title}」`);
      await expectVisible(page, page.locator('img[src^="data:image/svg+xml"]').first(), '预览页中的图表（SVG）');

      // The public portal (no login): the demo office's published 决算说明 and its signed PDF.
      const pub = await ctx.openPage('public');
      await pub.goto('/public');
      const offices = pub.getByTestId('public-offices');
      await expectText(pub, offices, /攀枝花市西区/, '公开页的编办列表');
      await offices
        .getByText(/攀枝花市西区/)
        .first()
        .click();
      await expectText(pub, pub.getByTestId('public-reports'), new RegExp(escapeRegExp(title)), '该编办公开的报告');

      // The year's batch: a background job with a progress bar, then the zip of every department's PDF.
      await page.goto('/publication');
      await fillInput(page, 'publication-year', '2021', '公开管理的年度');
      await clickTestId(page, 'batch-start', '批量生成按钮');
      const progress = page.getByTestId('job-progress');
      await expectVisible(page, progress, '批量生成的进度条');
      await poll(
        () => progress.getAttribute('data-job-state'),
        (v) => v === 'succeeded',
        (v) => `批量生成任务应完成，实际状态为「${v}」`,
        120_000,
      );
      const href = await page.getByTestId('job-download').first().getAttribute('href');
      if (!href) throw fail('批量生成完成后没有下载链接');
      const zipRes = await page.request.get(href, { timeout: 60_000 });
      if (!zipRes.ok()) throw fail(`下载 ZIP 失败：HTTP ${zipRes.status()}`);
      const { default: JSZip } = await import('jszip');
      const zip = await JSZip.loadAsync(await zipRes.body());
      const pdfs = Object.keys(zip.files).filter((n) => n.endsWith('.pdf'));
      if (!pdfs.some((n) => n.includes('西区区委机构编制委员会办公室')))
        throw fail(`ZIP 中没有西区编办的 PDF：${Object.keys(zip.files).join('、')}`);
      for (const [name, entry] of Object.entries(zip.files)) {
        if (!name.endsWith('.pdf')) continue;
        const head = (await entry.async('nodebuffer')).subarray(0, 5).toString('latin1');
        if (head !== '%PDF-') throw fail(`ZIP 中的「${name}」不是 PDF（开头为 ${JSON.stringify(head)}）`);
      }
    },
  },
  {
    name: 'uscc',
    title:
      '统一社会信用代码：校验页粘贴4个代码（含小写、空格、错校验码）逐个看到结果和原因；单位页为区政府申请赋码，得到机关代码并逐位解释',
    async run(ctx) {
      const { page } = ctx;
      await signIn(ctx, 'staff');
      await page.goto('/codes/uscc-check');
      await expectVisible(page, page.getByTestId('uscc-input'), '代码输入框（data-testid=uscc-input）');
      await page
        .getByTestId('uscc-input')
        .fill(['91350100M000100Y43', '913501 00m000100y43', '91350100M000100Y44', 'M000100Y4'].join('\n'));
      await clickTestId(page, 'uscc-check', '“校验”按钮');
      await expectText(
        page,
        page.getByTestId('uscc-summary'),
        /共\s*4\s*个.*有效\s*2\s*个.*无效\s*2\s*个/s,
        '校验结果汇总',
      );
      const results = page.getByTestId('uscc-results');
      await expectText(page, results, /第18位校验码应为3，实际为4/, '错校验码的原因');
      await expectText(page, results, /已规范化为 91350100M000100Y43：空格已去除，小写字母已转为大写/, '规范化说明');
      await expectText(page, results, /9位是组织机构代码/, '9位代码的原因');

      const UNIT = '攀枝花市西区人民政府';
      await page.goto('/org/units');
      await page.getByTestId('org-unit-search').fill(UNIT);
      const node = page
        .getByTestId('org-unit-tree')
        .locator('.ant-tree-node-content-wrapper')
        .filter({ hasText: wholeText(UNIT) });
      await expectVisible(page, node, `单位树中的「${UNIT}」`);
      await node.first().click();
      await clickTestId(page, 'unit-code-request', '赋码面板的“申请赋码”按钮');
      await page
        .locator('.ant-popconfirm')
        .getByRole('button', { name: '赋 码' })
        .or(page.locator('.ant-popconfirm').getByRole('button', { name: '赋码' }))
        .first()
        .click();
      await expectText(page, page.getByTestId('unit-code'), /^11510403MB1[0-9A-HJ-NP-RTUWXY]{7}$/, '赋予的机关代码');
      await expectText(page, page.getByTestId('uscc-explanation'), /机构类别——机关/, '代码的逐位解释');
    },
  },

  {
    name: 'annual-report',
    title:
      '事业单位年度报告：事业单位填报员起草上年度报告（编制数、实有人数取自实名制，只读）并报送（逾期标记），编办业务员审查通过并公示，未登录的公众在公示页面按名称查到该报告',
    async run(ctx) {
      const { page, credentials, shared } = ctx;
      // 1. 事业单位填报员：起草、填写、报送。
      await signIn(ctx, 'institution');
      await page.goto('/registration/annual-reports');
      await clickTestId(page, 'annual-new', '“填报年度报告”按钮');
      await expectText(
        page,
        page.getByTestId('annual-new-unit'),
        /财政投资评审中心/,
        '填报单位（数据范围内唯一的事业单位，自动选定）',
      );
      await clickTestId(page, 'annual-new-submit', '“起草”按钮');
      await expectPath(page, /^\/registration\/annual-reports\/[^/]+$/, '年度报告页');
      const reportPath = new URL(page.url()).pathname;
      await expectText(page, page.getByTestId('annual-state'), '草稿', '新起草的年度报告状态');
      const title = await expectText(
        page,
        page.getByTestId('annual-title'),
        /财政投资评审中心.*年度报告/,
        '年度报告标题',
      );
      await expectText(page, page.getByTestId('annual-staff-approved'), /^\d+$/, '编制数（取自实名制）');
      await expectText(page, page.getByTestId('annual-staff-actual'), /^\d+$/, '实有人数（取自实名制）');
      if (
        (await page
          .locator('input[data-testid=annual-staff-approved], [data-testid=annual-staff-approved] input')
          .count()) > 0
      )
        throw fail(`编制数应只读显示，却是输入框 ${await pageState(page)}`);
      const activities = `e2e年度报告：全年完成评审项目${Date.now() % 1000}个。`;
      await page.getByTestId('annual-activities').fill(activities);
      await fillInput(page, 'annual-totalAssets', '5000000.00', '资产总额（元）');
      await fillInput(page, 'annual-netAssetsStart', '3000000.00', '年初净资产（元）');
      await fillInput(page, 'annual-netAssetsEnd', '3200000.00', '年末净资产（元）');
      await page.getByTestId('annual-auditOpinion').fill('无保留意见');
      await clickTestId(page, 'annual-submit', '“报送”按钮');
      await expectText(page, page.getByTestId('annual-state'), '已报送', '报送后的状态');
      // Filed after 31 March of this year: accepted and flagged.
      await expectText(page, page.getByTestId('annual-late'), /逾期\d+天报送/, '逾期报送标记');
      if ((await page.getByTestId('annual-review').count()) > 0)
        throw fail(`事业单位填报员看到了“审查通过”按钮 ${await pageState(page)}`);

      // 2. 编办业务员：审查通过、公示。
      const staff = await ctx.openPage('staff');
      await signIn({ page: staff, credentials, shared }, 'staff');
      await staff.goto(reportPath);
      await expectText(staff, staff.getByTestId('annual-state'), '已报送', '业务员看到的报告状态');
      await clickTestId(staff, 'annual-review', '“审查通过”按钮');
      await expectText(staff, staff.getByTestId('annual-state'), '已审查', '审查后的状态');
      await clickTestId(staff, 'annual-publish', '“公示”按钮');
      await expectText(staff, staff.getByTestId('annual-state'), '已公示', '公示后的状态');

      // 3. 公众（未登录）：按名称查询，看到已公示的报告，不显示人员信息。
      const name = title.replace(/\s*\d{4}年度报告.*$/s, '').trim();
      const year = (/(\d{4})年度报告/.exec(title) ?? [])[1];
      const pub = await ctx.openPage('public');
      await pub.goto(`/public/registration?q=${encodeURIComponent('财政投资评审中心')}`);
      const result = pub.getByTestId('public-reg-result').filter({ hasText: name });
      await expectVisible(pub, result, `公示页面查询结果中的「${name}」`);
      await result.first().click();
      await expectText(pub, pub.getByTestId('public-reg-name'), name, '公示页面的单位名称');
      const reports = pub.getByTestId('public-reg-reports');
      await expectText(pub, reports, new RegExp(`${year}年度报告`), '已公示的年度报告');
      await expectText(pub, reports, new RegExp(escapeRegExp(activities)), '公示的开展业务活动情况');
      if (new URL(pub.url()).pathname !== '/public/registration')
        throw fail(`公众未登录却离开了公示页面 ${await pageState(pub)}`);
    },
  },
  {
    name: 'report-check',
    title:
      '报告核查：业务员一次上传西区编办2021年度决算说明（文本）和一份扫描件 PDF，列表显示前者错误5个、后者“扫描件，无文字层，无法读取”；打开前者，点击第36行的发现即定位到高亮的“5.43%”',
    async run(ctx) {
      const { page } = ctx;
      const { join } = await import('node:path');
      const { mkdtempSync, writeFileSync } = await import('node:fs');
      const { tmpdir } = await import('node:os');
      const dir = mkdtempSync(join(tmpdir(), 'bianban-e2e-rc-'));
      // A page with drawings only: no text layer.
      const scan = join(dir, '扫描件.pdf');
      writeFileSync(
        scan,
        '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]/Contents 4 0 R>>endobj 4 0 obj<</Length 21>>stream\n0 0 100 100 re f\nendstream endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
      );
      const seed = join(process.cwd(), 'test-data', 'seeds', '002_a6dc4b4ac008ddf4.txt');
      await signIn(ctx, 'staff');
      await page.goto('/report-check');
      await page.locator('input[type=file]').setInputFiles([seed, scan]);
      const rows = page.getByTestId('rc-file-row');
      await expectText(page, rows.filter({ hasText: '002_a6dc4b4ac008ddf4.txt' }), /错误 5/, '西区决算说明的错误数');
      await expectText(page, rows.filter({ hasText: '扫描件.pdf' }), /扫描件，无文字层，无法读取/, '扫描件的说明');
      await rows.filter({ hasText: '002_a6dc4b4ac008ddf4.txt' }).click();
      const finding = page.getByTestId('rc-finding').filter({ hasText: '第36行' });
      await expectVisible(page, finding, '第36行的发现');
      await finding.first().click();
      await expectVisible(
        page,
        page
          .getByTestId('rc-text')
          .locator('mark')
          .filter({ hasText: /^5\.43%$/ }),
        '正文中高亮的“5.43%”',
      );
    },
  },
];
