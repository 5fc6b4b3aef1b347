import { createReadStream, createWriteStream, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import {
  IMPORT_MODES,
  IMPORT_MODE_LABELS,
  isAdminRole,
  ROLES,
  ROLE_LABELS,
  type ImportMode,
  type Role,
  UnitsImportBody,
} from '@bianban/contracts';
import {
  SYSTEM_ACTOR,
  checkCitizenId,
  reportUscc,
  checkReportFiles,
  formatReports,
  createAccountWithRole,
  figures,
  evaluationsForUnits,
  renderEvaluationReport,
  resolveScope,
  createBackup,
  formatCredentials,
  importRosterFile,
  importUnitsFile,
  loadConfig,
  openDatabase,
  readBackupManifest,
  restoreBackup,
  startServer,
  verifyAuditChain,
} from '@bianban/server';

export const USAGE = `用法：bianban <命令>

  start                                   启动服务（默认嵌入式 PostgreSQL，数据目录 ./data）
  migrate                                 执行数据库迁移
  users create --username U --name 姓名 --role 角色 [--scope-unit 单位ID]
                                          新建账户并打印一次性初始密码
                                          角色：${ROLES.map((r) => `${r}(${ROLE_LABELS[r]})`).join(' ')}
  audit verify                            校验审计哈希链，报告第一条异常记录
  figures [--unit 单位ID] [--as-of 日期] [--json]
                                          编制数据（核定/实有/空编/超编，按类型；单位及下属，默认全区、今天）
  evaluation show --department 部门ID --year 年度 [--json]
                                          部门整体支出绩效自评：逐项指标（分值、得分、规则结果、数据及来源）、总分、等级和一致性检查
  report render --evaluation 自评ID --format docx|pdf|html --out 文件
                                          按绩效自评生成部门整体支出绩效自评报告（数字取自事实并逐一检查，报告检查结果）
  citizen-id check 号码… | --file 文件      校验公民身份号码（GB 11643），逐个报告有效或原因
  uscc check 代码… | --file 文件 [--json]  校验统一社会信用代码（GB 32100 / GB 11714 / GB/T 2260），有效的逐位解释，
                                          无效的给出原因；全角、小写、空格自动规范化并注明；有无效代码时退出码为1
  check FILE… [--json]                     核查报告（纯文本、DOCX、带文字层的 PDF）：逐个文件列出提取的年度、部门、表述与数字及发现；
                                          退出码：有文件无法读取为2，发现错误为1，否则为0
  backup FILE                             一致性逻辑备份到 FILE（配置 BIANBAN_BACKUP_KEY 时 SM4 加密）
  restore FILE                            从 FILE 恢复（仅限空数据库；清单不符则拒绝）
  import roster FILE [validate|all|cleanRowsOnly]
                                          导入实名制数据（XLSX 或 UTF-8 CSV，全区范围）：先整体校验，逐行列出错误；
                                          validate 仅校验（默认），all 全部无误才导入，cleanRowsOnly 只导入无误的行
  import units FILE [all|cleanRowsOnly|validate] --doc-number 文号 --date 发文日期 --approver 批准机关
                    [--effective-date 生效日期] [--title 标题]
                                          导入单位及编制（全区范围，沿用本地区保存的列对应）：整体校验并按机构编制规则预演，
                                          生成一份机构编制事项草稿（默认 all 全部无误才生成），须提交、审批后执行
`;

type Flags = {
  username?: string | undefined;
  name?: string | undefined;
  role?: string | undefined;
  'scope-unit'?: string | undefined;
  unit?: string | undefined;
  'as-of'?: string | undefined;
  json?: boolean | undefined;
  file?: string | undefined;
  'doc-number'?: string | undefined;
  date?: string | undefined;
  'effective-date'?: string | undefined;
  approver?: string | undefined;
  title?: string | undefined;
  department?: string | undefined;
  evaluation?: string | undefined;
  format?: string | undefined;
  out?: string | undefined;
  year?: string | undefined;
};

/** Returns the exit code, or null for a long-running command (start). */
export async function run(args: string[], flags: Flags): Promise<number | null> {
  const [cmd, sub, ...rest] = args;
  // Pure commands first: they need no configuration and no database.
  if (cmd === 'citizen-id') {
    if (sub !== 'check') throw new Error(`未知的子命令：citizen-id ${sub ?? ''}\n${USAGE}`);
    const ids = [
      ...rest,
      ...(flags.file
        ? readFileSync(flags.file, 'utf8')
            .split(/\r?\n/)
            .filter((l) => l.trim())
        : []),
    ];
    if (!ids.length) throw new Error('用法：bianban citizen-id check 号码… 或 --file 文件');
    let bad = 0;
    for (const raw of ids) {
      const r = checkCitizenId(raw);
      if (r.ok) console.log(`${raw}\t有效\t出生日期 ${r.birthDate}，${r.sex === 'male' ? '男' : '女'}`);
      else {
        bad++;
        console.log(`${raw}\t无效\t${r.reason}`);
      }
    }
    return bad ? 1 : 0;
  }
  if (cmd === 'uscc') {
    if (sub !== 'check') throw new Error(`未知的子命令：uscc ${sub ?? ''}\n${USAGE}`);
    const codes = [
      ...rest,
      ...(flags.file
        ? readFileSync(flags.file, 'utf8')
            .replace(/^\uFEFF/, '')
            .split(/\r?\n/)
            .filter((l) => l.trim())
        : []),
    ];
    if (!codes.length) throw new Error('用法：bianban uscc check 代码… 或 --file 文件（每行一个代码）');
    const reports = codes.map((c) => reportUscc(c));
    if (flags.json) console.log(JSON.stringify(reports, null, 2));
    else {
      for (const r of reports) {
        const normalised = r.notes.length ? `（已规范化为 ${r.code}：${r.notes.join('，')}）` : '';
        if (r.valid) {
          console.log(`${r.input}\t有效${normalised}`);
          for (const line of r.explanation.filter((l) => !l.startsWith('已规范化输入'))) console.log(`  ${line}`);
        } else console.log(`${r.input}\t无效\t${r.reason ?? ''}${normalised}`);
      }
      const bad = reports.filter((r) => !r.valid).length;
      console.log(`共${reports.length}个：有效${reports.length - bad}个，无效${bad}个`);
    }
    return reports.some((r) => !r.valid) ? 1 : 0;
  }
  if (cmd === 'check') {
    const files = [sub, ...rest].filter((x): x is string => !!x);
    if (!files.length) throw new Error('用法：bianban check 文件… [--json]');
    const { reports, exitCode } = await checkReportFiles(files);
    console.log(flags.json ? JSON.stringify(reports, null, 2) : formatReports(reports));
    return exitCode;
  }
  const config = loadConfig();
  switch (cmd) {
    case 'start': {
      const server = await startServer(config);
      if (server.initialAccounts.length) {
        console.log(
          `\n${formatCredentials(server.initialAccounts)}\n已写入 ${config.dataDir}/initial-credentials.txt（权限 0600）\n`,
        );
      }
      console.log(`编办通已启动：${server.url}（接口文档 ${server.url}/api/docs）`);
      let stopping = false;
      const stop = async (signal: string) => {
        if (stopping) return;
        stopping = true;
        console.log(`收到 ${signal}，正在停止……`);
        await server.stop();
        process.exit(0);
      };
      process.on('SIGINT', () => void stop('SIGINT'));
      process.on('SIGTERM', () => void stop('SIGTERM'));
      return null;
    }
    case 'migrate': {
      const db = await openDatabase(config);
      await db.close();
      console.log('迁移完成');
      return 0;
    }
    case 'users': {
      if (sub !== 'create') throw new Error(`未知的子命令：users ${sub ?? ''}\n${USAGE}`);
      const { username, name, role } = flags;
      if (!username || !name || !role) throw new Error('users create 需要 --username、--name 和 --role');
      if (!(ROLES as readonly string[]).includes(role)) throw new Error(`未知角色：${role}。可选：${ROLES.join(', ')}`);
      const db = await openDatabase(config);
      try {
        const regionCode = config.region.code;
        const password = await db.db.transaction((tx) =>
          createAccountWithRole(
            { db: db.db, keys: config.keys },
            tx,
            { ...SYSTEM_ACTOR, username: 'cli', regionCode },
            { regionCode, username, displayName: name, role: role as Role, scopeUnitId: flags['scope-unit'] ?? null },
          ),
        );
        console.log(
          `已创建账户 ${username}（${ROLE_LABELS[role as Role]}）\n初始密码：${password}\n首次登录须修改密码${isAdminRole(role as Role) ? '并绑定动态口令' : ''}。`,
        );
      } finally {
        await db.close();
      }
      return 0;
    }
    case 'audit': {
      if (sub !== 'verify') throw new Error(`未知的子命令：audit ${sub ?? ''}\n${USAGE}`);
      const db = await openDatabase(config);
      try {
        const res = await verifyAuditChain(db.db, config.keys.audit);
        if (res.ok) {
          console.log(`审计链完好：共校验 ${res.checked} 条记录`);
          return 0;
        }
        console.error(
          `审计链异常：第一条异常记录 seq=${res.firstBadSeq}。${res.reason ?? ''}（此前 ${res.checked} 条完好）`,
        );
        return 1;
      } finally {
        await db.close();
      }
    }
    case 'figures': {
      if (flags['as-of'] && !/^\d{4}-\d{2}-\d{2}$/.test(flags['as-of']))
        throw new Error('--as-of 的格式应为 YYYY-MM-DD');
      const db = await openDatabase(config);
      try {
        const scope = await resolveScope(db.db, config.region.code, null);
        const f = await figures(db.db, scope, { unitId: flags.unit, asOf: flags['as-of'] });
        if (flags.json) console.log(JSON.stringify(f, null, 2));
        else {
          console.log(`${f.unitName}（含下属）截至 ${f.asOf}`);
          console.log(['编制类型', '核定', '实有', '空编', '超编'].join('\t'));
          for (const r of [...f.establishment, f.total])
            console.log([r.label, r.approved, r.actual, r.vacancy, r.over].join('\t'));
        }
        return 0;
      } finally {
        await db.close();
      }
    }
    case 'evaluation': {
      if (sub !== 'show' || rest.length) throw new Error('用法：bianban evaluation show --department 部门ID --year 年度 [--json]');
      if (!flags.department) throw new Error('请用 --department 指定部门编号');
      if (!flags.year || !/^\d{4}$/.test(flags.year)) throw new Error('请用 --year 指定四位年度');
      const db = await openDatabase(config);
      try {
        const scope = await resolveScope(db.db, config.region.code, null);
        const found = await evaluationsForUnits(db.db, { scope }, [flags.department], Number(flags.year));
        if (!found.length) {
          console.error(`该部门${flags.year}年度没有绩效自评`);
          return 1;
        }
        if (flags.json) {
          console.log(JSON.stringify(found.length === 1 ? found[0] : found, null, 2));
          return 0;
        }
        for (const e of found) {
          console.log(`${e.unitName} ${e.year}年度 部门整体支出绩效自评（${e.framework.name} 第${e.framework.version}版，${e.state}）`);
          console.log(['指标', '分值', '得分', '说明'].join('\t'));
          const metrics = new Map(e.metrics.map((m) => [m.key, m]));
          for (const i of e.indicators) {
            const m = i.metricKey ? metrics.get(i.metricKey) : undefined;
            const inputs = m ? `〔${m.formula}；${m.inputs.map((x) => `${x.label}${x.value}`).join('，')}〕` : '';
            console.log(
              [`${'  '.repeat(i.depth - 1)}${i.key} ${i.name}`, i.points, i.adjustedScore ?? i.score ?? '—', `${i.error ?? i.explanation ?? ''}${inputs}`].join('\t'),
            );
          }
          console.log(`总分：${e.total ?? '（未完成）'}  等级：${e.grade ?? '—'}${e.adjustedTotal ? `  财政复核后：${e.adjustedTotal}（${e.adjustedGrade}）` : ''}`);
          for (const f of e.findings) console.log(`一致性检查：${f.message}（表述 ${f.stated}，重算 ${f.recomputed}）`);
          for (const m of e.missing) console.log(`未能评分：${m.key} ${m.name}：${m.error}`);
        }
        return 0;
      } finally {
        await db.close();
      }
    }
    case 'report': {
      const usage = '用法：bianban report render --evaluation 自评ID --format docx|pdf|html --out 文件';
      if (sub !== 'render' || rest.length) throw new Error(usage);
      if (!flags.evaluation) throw new Error(`请用 --evaluation 指定绩效自评编号。${usage}`);
      if (!flags.format || !['docx', 'pdf', 'html'].includes(flags.format)) throw new Error(`--format 须为 docx、pdf 或 html。${usage}`);
      if (!flags.out) throw new Error(`请用 --out 指定输出文件。${usage}`);
      const db = await openDatabase(config);
      try {
        const scope = await resolveScope(db.db, config.region.code, null);
        const f = await renderEvaluationReport(db.db, scope, flags.evaluation, flags.format as 'docx' | 'pdf' | 'html');
        // Write to a temporary name first: a failed render never leaves a file that looks complete.
        writeFileSync(`${flags.out}.partial`, f.content);
        renameSync(`${flags.out}.partial`, flags.out);
        console.log(`已生成：${flags.out}（${f.fileName}，${f.content.length} 字节）`);
        console.log(`检查：${f.findings.numbers} 个数字、${f.findings.checks} 项检查，错误 ${f.findings.errors}，提示 ${f.findings.warnings}`);
        for (const x of f.findings.findings) console.log(`${x.severity === 'error' ? '错误' : '提示'}：${x.message}`);
        return 0;
      } finally {
        await db.close();
      }
    }
    case 'backup': {
      const file = sub;
      if (!file || rest.length) throw new Error('用法：bianban backup FILE');
      const db = await openDatabase(config);
      try {
        // Write to a temporary name first: a failed backup never leaves a file that looks complete.
        const partial = `${file}.partial`;
        const out = createWriteStream(partial, { mode: 0o600 });
        const manifest = await createBackup({ pool: db.pool, key: config.keys.backup, out });
        await new Promise<void>((resolve, reject) => out.close((err) => (err ? reject(err) : resolve())));
        renameSync(partial, file);
        console.log(
          `备份完成：${file}，${manifest.tables.length} 张表，${manifest.totalRows} 行${config.keys.backup ? '（SM4 加密）' : '（未加密：未配置 BIANBAN_BACKUP_KEY）'}`,
        );
        return 0;
      } finally {
        await db.close();
      }
    }
    case 'restore': {
      const file = sub;
      if (!file || rest.length) throw new Error('用法：bianban restore FILE');
      const manifest = await readBackupManifest({ key: config.keys.backup, input: createReadStream(file) });
      const db = await openDatabase(config);
      try {
        await restoreBackup({ pool: db.pool, key: config.keys.backup, input: () => createReadStream(file) });
        console.log(
          `恢复完成：${manifest.tables.length} 张表，${manifest.totalRows} 行（备份时间 ${manifest.createdAt}）`,
        );
        return 0;
      } finally {
        await db.close();
      }
    }
    case 'import': {
      if (sub === 'units') return importUnitsCommand(config, rest, flags);
      if (sub !== 'roster') throw new Error(`未知的子命令：import ${sub ?? ''}\n${USAGE}`);
      const [file, mode = 'validate', ...extra] = rest;
      if (!file || extra.length) throw new Error('用法：bianban import roster FILE [validate|all|cleanRowsOnly]');
      if (!(IMPORT_MODES as readonly string[]).includes(mode))
        throw new Error(`未知的导入方式：${mode}。可选：${IMPORT_MODES.join(', ')}`);
      const content = readFileSync(file);
      const db = await openDatabase(config);
      try {
        const r = await importRosterFile({ db: db.db, keys: config.keys }, config.region.code, {
          fileName: basename(file),
          content,
          mode: mode as ImportMode,
        });
        if (flags.json) console.log(JSON.stringify(r, null, 2));
        else {
          for (const e of r.errors) console.log(`第${e.row}行\t${e.column}\t${e.message}`);
          if (r.errorCount > r.errors.length) console.log(`……另有 ${r.errorCount - r.errors.length} 条错误未列出`);
          console.log(
            `${IMPORT_MODE_LABELS[r.mode]}：共 ${r.rows} 行，无误 ${r.cleanRows} 行，有误 ${r.errorRows} 行；` +
              (r.applied
                ? `已登记 ${r.personsCreated} 人，写入在编记录 ${r.placementsCreated} 条`
                : (r.note ?? '未写入')),
          );
        }
        return r.errorCount ? 1 : 0;
      } finally {
        await db.close();
      }
    }
    default:
      throw new Error(`未知命令：${cmd}\n${USAGE}`);
  }
}

const UNITS_USAGE =
  '用法：bianban import units FILE [all|cleanRowsOnly|validate] --doc-number 文号 --date YYYY-MM-DD --approver 批准机关 [--effective-date YYYY-MM-DD] [--title 标题]';

/** `import units`: one draft establishment decision from a units file; errors by row and column. */
async function importUnitsCommand(
  config: ReturnType<typeof loadConfig>,
  rest: string[],
  flags: Flags,
): Promise<number> {
  const [file, mode = 'all', ...extra] = rest;
  if (!file || extra.length) throw new Error(UNITS_USAGE);
  if (!(IMPORT_MODES as readonly string[]).includes(mode))
    throw new Error(`未知的导入方式：${mode}。可选：${IMPORT_MODES.join(', ')}`);
  const missing = (
    [
      ['doc-number', '文号'],
      ['date', '发文日期'],
      ['approver', '批准机关'],
    ] as const
  ).filter(([k]) => !flags[k]);
  if (missing.length) throw new Error(`缺少${missing.map(([k, l]) => `--${k}（${l}）`).join('、')}\n${UNITS_USAGE}`);
  const meta = UnitsImportBody.omit({ fileId: true, mode: true, mapping: true }).safeParse({
    docNumber: flags['doc-number'],
    docDate: flags.date,
    effectiveDate: flags['effective-date'],
    approvingBody: flags.approver,
    title: flags.title,
  });
  if (!meta.success) throw new Error(meta.error.issues.map((i) => i.message).join('；'));
  const content = readFileSync(file);
  const db = await openDatabase(config);
  try {
    const r = await importUnitsFile({ db: db.db, keys: config.keys }, config.region.code, {
      fileName: basename(file),
      content,
      mode: mode as ImportMode,
      ...meta.data,
    });
    if (flags.json) console.log(JSON.stringify(r, null, 2));
    else {
      for (const e of r.errors) console.log(`${e.row ? `第${e.row}行` : '全文件'}\t${e.column}\t${e.message}`);
      if (r.errorCount > r.errors.length) console.log(`……另有 ${r.errorCount - r.errors.length} 条错误未列出`);
      console.log(
        `${IMPORT_MODE_LABELS[r.mode]}：共 ${r.rows} 行，无误 ${r.cleanRows} 行，有误 ${r.errorRows} 行；` +
          (r.applied
            ? `已生成机构编制事项草稿 ${r.docNumber}（${r.unitsCreated} 个单位，${r.items} 项，编号 ${r.decisionId}），须提交审批后执行`
            : (r.note ?? '未生成')),
      );
    }
    return r.errorCount ? 1 : 0;
  } finally {
    await db.close();
  }
}
