/**
 * 部门整体支出绩效自评报告, in the structure the seeds share (seed 001 shows the full form):
 * 部门概况 (职能、机构、人员、资产) → 收支情况 → 绩效管理情况 → 绩效目标完成情况 and the scores in
 * the report's layout (score-layouts.ts: the scoring table of 001, the scored sections of 000 or the
 * indicator paragraphs of 004) → 问题及原因 → 改进措施 → 结果应用
 * 和公开, then the evaluators' table and the signature lines. Staff figures are the roster's as of
 * the year end (each with an `expected` check, so an edited head count is compared with the
 * roster) and their change over the year (a year earlier, the movements between: 000, 004); scores
 * come from the evaluation. The 收支情况 follows seed 000's 当年部门预算及执行情况 — 年初预算 by source
 * and by class, 收入 and 支出 against the previous year and the initial budget, the classes' shares,
 * execution rates (004), 结转和结余 — and ends with seed 001's tables (收入, 支出和结余, “三公”,
 * 固定资产), the same figures bound again; the assets in 000's sentence (资产、负债、净资产, 固定资产占比).
 */
import {
  DEFAULT_SCORE_LAYOUT,
  INCOME_SOURCES,
  INCOME_SOURCE_LABELS,
  THREE_PUBLIC_LABELS,
  THREE_PUBLIC_PARTS,
  type BudgetYearFactsExtended,
  type ScoreLayout,
} from '@bianban/contracts';
import { cell, chineseDate, text } from '../../../platform/documents/index.js';
import { div, HUNDRED, mul } from '../../performance/domain/decimal.js';
import { Composer, type Built, type Num, type Part } from '../domain/compose.js';
import { decText, wanDec, type NumberStyle } from '../domain/numbers.js';
import {
  assetSentences,
  budgetOf,
  CN_NUM,
  joinParts,
  MissingFact,
  needBudget,
  Say,
  type ReportFacts,
  type StaffFacts,
  workSentences,
} from './common.js';
import { scoreSection } from './score-layouts.js';

export function buildSelfEvaluation(
  f: ReportFacts,
  edits: Record<string, string>,
  title?: string,
  style?: NumberStyle,
  layout: ScoreLayout = DEFAULT_SCORE_LAYOUT,
): Built {
  const ev = f.evaluation;
  if (!ev)
    throw new MissingFact(
      `evaluation:${f.unit.id}:${f.year}`,
      `${f.unit.name}${f.year}年度没有绩效自评，无法生成部门整体支出绩效自评报告`,
    );
  const b = needBudget(f);
  const c = new Composer(edits, style);
  const say = new Say(c, f);
  const y = f.year;
  const narrative = ev.narrative;
  const prose = (key: string, label: string): string => {
    const t = (narrative[key] ?? '').trim();
    if (t) return t;
    c.note(`绩效自评的“${label}”未填写（evaluation:${ev.id}:narrative.${key}）`);
    return `（${label}：待填写）`;
  };
  const paras = (key: string, label: string) =>
    prose(key, label)
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean)
      .forEach((l, i) => c.para(`${key}.${i + 1}`, [l]));
  let sec = 0;
  const section = (t: string) => c.heading(1, `${CN_NUM[++sec]}、${t}`);

  c.para('opening', [
    `为全面推进部门整体绩效目标的实现，提升财政资金的使用效率，强化预算支出的责任和效率，我单位按照“${ev.framework.name}”对${y}年部门整体支出开展了绩效自评。现将具体情况报告如下：`,
  ]);

  // 一、部门概况
  section('部门（单位）概况');
  c.heading(2, '（一）职能职责');
  const fnLines = (f.unit.functionsText ?? '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  if (fnLines.length) fnLines.forEach((l, i) => c.para(`functions.${i + 1}`, [l]));
  else {
    c.para('functions.1', ['（主要职责未录入：请在机构编制事项中登记本部门“三定”职责。）']);
    c.note(`${f.unit.name}的主要职责（三定）未录入（unit:${f.unit.id}:functionsText）`);
  }
  c.heading(2, '（二）机构设置');
  c.para('org', [
    `${f.unit.name}`,
    f.unit.internalOffices.length
      ? `设${f.unit.internalOffices.length}个内设机构（${f.unit.internalOffices.join('、')}）`
      : '未设内设机构',
    f.unit.subordinates.length
      ? `，下属${f.unit.subordinates.length}个单位（${f.unit.subordinates.join('、')}）。`
      : '，无下属单位。',
  ]);
  c.heading(2, '（三）人员情况');
  const st = f.staff;
  if (!st)
    throw new MissingFact(`figures:${f.unit.id}:${y}-12-31`, `${f.unit.name}${y}年12月31日的编制和实有人数无法取得`);
  const rows = st.rows.filter((r) => r.approved > 0 || r.actual > 0);
  const src = (k: string) => `figures:${f.unit.id}:${st.asOf}:${k}`;
  const staffNum = (id: string, v: number, label: string, k: string, unit: '名' | '人'): Num => {
    const n = c.num(id, String(v), unit, label, src(k));
    c.check({
      kind: 'expected',
      label: `${label}（实名制，截至${chineseDate(st.asOf)}）`,
      stated: n.id,
      expected: String(v),
      expectedDecimals: 0,
      source: src(k),
    });
    return n;
  };
  const approvedParts = rows.map(
    (r) =>
      [
        r.label,
        staffNum(`staff.${r.type}.approved`, r.approved, `核定${r.label}`, `${r.type}.approved`, '名'),
      ] as Part[],
  );
  const actualParts = rows.map(
    (r) =>
      [r.label, staffNum(`staff.${r.type}.actual`, r.actual, `${r.label}实有人数`, `${r.type}.actual`, '人')] as Part[],
  );
  const ta = staffNum('staff.total.approved', st.total.approved, '核定编制合计', 'total.approved', '名');
  const tr = staffNum('staff.total.actual', st.total.actual, '实有人数合计', 'total.actual', '人');
  if (rows.length) {
    c.check({
      kind: 'sum',
      label: '核定编制合计 = 各类编制之和',
      total: ta.id,
      parts: rows.map((r) => `staff.${r.type}.approved`),
    });
    c.check({
      kind: 'sum',
      label: '实有人数合计 = 各类实有人数之和',
      total: tr.id,
      parts: rows.map((r) => `staff.${r.type}.actual`),
    });
  }
  c.para('staff', [
    '核定编制',
    ta,
    ...(rows.length ? ['（', ...joinParts(approvedParts, '、'), '）'] : []),
    `，截至${chineseDate(st.asOf)}，实有`,
    tr,
    ...(rows.length ? ['（', ...joinParts(actualParts, '、'), '）'] : []),
    '。',
  ]);
  staffChange(c, f, st, y);
  c.heading(2, '（四）资产情况');
  const assetParts = assetSentences(say, b, f.previous);
  const vehicles: Part[] = b.assets.vehicles !== null ? [`公务车辆${b.assets.vehicles}辆`] : [];
  if (assetParts || vehicles.length)
    c.para('assets', [
      `截至${y}年12月31日，`,
      ...(assetParts ?? []),
      ...(assetParts && vehicles.length ? ['；'] : []),
      ...vehicles,
      '。',
    ]);
  else {
    c.para('assets', [`${y}年末资产情况未填报。`]);
    c.note(`${y}年度国有资产（资产总额、固定资产）未填报（assets）`);
  }

  // 二、收支情况 (seed 000's 当年部门预算及执行情况: 预算安排, then 收入, 支出, 结转和结余)
  section('部门（单位）收支情况');
  const p = f.previous;
  const lastYear = (lead: string, what: string, key = 'change') => ({ year: y - 1, lead, what, key });
  let sub = 0;
  const subsection = (t: string) => c.heading(2, `（${CN_NUM[++sub]}）${t}`);
  const classes = b.byFunction.filter((l) => l.functionCode.length === 3);
  const incomeInitial = INCOME_SOURCES.map((s) => ({ s, fen: b.income[s].initial })).filter(
    (x): x is { s: typeof x.s; fen: number } => x.fen !== null,
  );
  const classInitial = classes.filter((l) => l.amount.initial !== null);
  const incomeBudget = b.stated.incomeTotal.initial ?? (incomeInitial.length ? sumFen(incomeInitial) : null);
  const expBudget = b.stated.expenditureTotal.initial;
  if (incomeBudget !== null || expBudget !== null) {
    subsection('预算安排情况');
    if (incomeBudget !== null) {
      const t = say.money('budget.income', incomeBudget, '收入年初预算数', 'stated.incomeTotal.initial');
      const parts = incomeInitial.map(
        (x) =>
          [
            INCOME_SOURCE_LABELS[x.s],
            say.money(`budget.income.${x.s}`, x.fen, `${INCOME_SOURCE_LABELS[x.s]}年初预算数`, `income.${x.s}.initial`),
          ] as Part[],
      );
      if (parts.length)
        c.check({
          kind: 'sum',
          label: '收入年初预算数 = 各来源年初预算数之和',
          total: t.id,
          parts: incomeInitial.map((x) => `budget.income.${x.s}`),
        });
      const cmp = say.compare(
        'budget.income',
        { id: t.id, fen: incomeBudget },
        p?.stated.incomeTotal.initial ?? null,
        '收入年初预算数',
        'stated.incomeTotal.initial',
        lastYear('较上年年初预算数', '上年年初预算数'),
      );
      c.para('budget.income', [
        `${y}年收入年初预算数`,
        t,
        ...(parts.length ? ['，其中：', ...joinParts(parts, '，')] : []),
        ...(cmp.length ? ['；', ...cmp] : []),
        '。',
      ]);
    }
    if (expBudget !== null) {
      const t = say.money('budget.exp', expBudget, '支出年初预算数', 'stated.expenditureTotal.initial');
      const parts = classInitial.map(
        (l) =>
          [
            l.functionName,
            say.money(
              `budget.gb.${l.functionCode}`,
              l.amount.initial!,
              `${l.functionName}年初预算数`,
              `byFunction.${l.functionCode}.initial`,
            ),
          ] as Part[],
      );
      // The classes are of the whole budget when they add up to it (000); else (002's 政府性基金 has
      // no class) their own sum is stated as the whole they make up.
      const classSum = sumFen(classInitial.map((l) => ({ fen: l.amount.initial! })));
      const whole =
        !parts.length || classSum === expBudget
          ? t
          : say.money('budget.function', classSum, '按功能分类的年初预算合计', 'byFunction.initial');
      if (parts.length)
        c.check({
          kind: 'sum',
          label: '支出年初预算数 = 各功能分类年初预算数之和',
          total: whole.id,
          parts: classInitial.map((l) => `budget.gb.${l.functionCode}`),
        });
      const cmp = say.compare(
        'budget.exp',
        { id: t.id, fen: expBudget },
        p?.stated.expenditureTotal.initial ?? null,
        '支出年初预算数',
        'stated.expenditureTotal.initial',
        lastYear('较上年年初预算数', '上年年初预算数'),
      );
      c.para('budget.expenditure', [
        `${y}年支出年初预算数`,
        t,
        ...(whole !== t ? ['，按功能分类的年初预算合计', whole] : []),
        ...(parts.length ? ['，其中：', ...joinParts(parts, '，')] : []),
        ...(cmp.length ? ['；', ...cmp] : []),
        '。',
      ]);
    }
  }

  subsection('收入情况');
  const sources = INCOME_SOURCES.map((s) => ({ s, fen: b.income[s].final })).filter(
    (x): x is { s: typeof x.s; fen: number } => x.fen !== null && x.fen !== 0,
  );
  const incomeFen = sources.reduce((acc, x) => acc + x.fen, 0);
  const carryIn = b.carryIn;
  // 收入合计 as the seed's table has it: the carry-in included (001), else 本年收入合计 (000).
  const grandStated = b.stated.grandTotal;
  const grandFen = grandStated ?? (sources.length ? incomeFen + (carryIn ?? 0) : b.stated.incomeTotal.final);
  const grandPath =
    grandStated !== null ? 'stated.grandTotal' : sources.length ? 'income.final' : 'stated.incomeTotal.final';
  const incIds: string[] = [];
  /** The income of the year alone (no carry-in), for 当年结余. */
  const yearIncomeIds: string[] = [];
  if (grandFen === null) {
    // 004 states no income at all: the section says so and the report goes on.
    c.para('income', [`${y}年度部门决算的收入情况未填报。`]);
    c.note(`${y}年度部门决算的收入（合计及各来源的决算数）未填报（budget:${f.unit.id}:${y}:income）`);
  } else {
    const grand = say.money('income.grand', grandFen, '收入合计', grandPath);
    const incParts: Part[][] = [];
    if (carryIn !== null && carryIn !== 0) {
      const n = say.money('carryIn', carryIn, '上年结转', 'carryIn');
      incParts.push(['上年结转', n]);
      incIds.push(n.id);
    }
    for (const x of sources) {
      const n = say.money(`income.${x.s}`, x.fen, INCOME_SOURCE_LABELS[x.s], `income.${x.s}.final`);
      incParts.push([INCOME_SOURCE_LABELS[x.s], n]);
      incIds.push(n.id);
      yearIncomeIds.push(n.id);
    }
    if (incIds.length)
      c.check({ kind: 'sum', label: '收入合计 = 上年结转 + 本年各项收入', total: grand.id, parts: incIds });
    const prevGrand =
      grandPath === 'stated.grandTotal'
        ? (p?.stated.grandTotal ?? null)
        : grandPath === 'stated.incomeTotal.final'
          ? (p?.stated.incomeTotal.final ?? null)
          : null;
    const cmp = say.compare(
      'income.grand',
      { id: grand.id, fen: grandFen },
      prevGrand,
      '收入合计',
      grandPath,
      lastYear('较上年决算数', '上年决算数'),
    );
    const vb =
      grandPath === 'stated.incomeTotal.final'
        ? say.vsBudget(
            'income.grand',
            { id: grand.id, fen: grandFen },
            b.stated.incomeTotal.initial,
            '收入合计',
            'stated.incomeTotal.initial',
          )
        : [];
    c.para('income', [
      `${y}年收入合计`,
      grand,
      ...(cmp.length ? ['，', ...cmp] : []),
      ...(vb.length ? ['；', ...vb] : []),
      ...(incParts.length ? ['，其中：', ...joinParts(incParts, '，')] : []),
      '。',
    ]);
  }

  subsection('支出情况');
  const expFen = b.stated.expenditureTotal.final;
  if (expFen === null)
    throw new MissingFact(
      `budget:${f.unit.id}:${y}:stated.expenditureTotal.final`,
      `${y}年度部门决算的“本年支出合计”未填报，无法生成支出情况`,
    );
  const exp = say.money('exp.total', expFen, '整体支出', 'stated.expenditureTotal.final');
  const basicFen = b.stated.basicTotal.final;
  const projFen = b.stated.projectTotal.final;
  const pers = b.basic.personnel.final;
  const oper = b.basic.operating.final;
  const expCmp = say.compare(
    'exp.total',
    { id: exp.id, fen: expFen },
    p?.stated.expenditureTotal.final ?? null,
    '整体支出',
    'stated.expenditureTotal.final',
    lastYear('较上年决算数', '上年决算数'),
  );
  const ep: Part[] = [`${y}年本单位整体支出`, exp, ...(expCmp.length ? ['，', ...expCmp] : [])];
  if (basicFen !== null) {
    const bn = say.money('exp.basic', basicFen, '基本支出', 'stated.basicTotal.final');
    const sh = say.shareOf(
      'exp.basic.share',
      { id: bn.id, fen: basicFen },
      { id: exp.id, fen: expFen },
      '基本支出占总支出的比重',
    );
    ep.push('，其中基本支出', bn, ...(sh ? ['，占总支出的', sh] : []));
    if (pers !== null && oper !== null) {
      const pn = say.money('basic.personnel', pers, '人员支出', 'basic.personnel.final');
      const on = say.money('basic.operating', oper, '公用支出', 'basic.operating.final');
      c.check({ kind: 'sum', label: '基本支出 = 人员支出 + 公用支出', total: bn.id, parts: [pn.id, on.id] });
      ep.push('，基本支出中人员支出', pn, '，公用支出', on);
    }
  }
  if (projFen !== null) {
    const pn = say.money('exp.project', projFen, '项目支出', 'stated.projectTotal.final');
    ep.push('；项目支出', pn);
    if (basicFen !== null)
      c.check({ kind: 'sum', label: '整体支出 = 基本支出 + 项目支出', total: exp.id, parts: ['exp.basic', pn.id] });
  }
  ep.push('。');
  c.para('expenditure', ep);

  // By function class (000:L32): each class, its share and its change against the initial budget.
  const classFinal = classes.filter((l) => l.amount.final !== null);
  if (classFinal.length) {
    const sum = sumFen(classFinal.map((l) => ({ fen: l.amount.final! })));
    // The share is of the whole expenditure when the classes make it up (000), else of their sum.
    const whole =
      sum === expFen
        ? { id: exp.id, fen: expFen, lead: [] as Part[] }
        : (() => {
            const n = say.money('exp.function', sum, '按功能分类的支出合计', 'byFunction.final');
            return { id: n.id, fen: sum, lead: ['按功能分类的支出合计', n, '，'] as Part[] };
          })();
    const parts = classFinal.map((l) => {
      const n = say.money(
        `exp.gb.${l.functionCode}`,
        l.amount.final!,
        l.functionName,
        `byFunction.${l.functionCode}.final`,
      );
      const sh = say.shareOf(
        `exp.gb.${l.functionCode}.share`,
        { id: n.id, fen: l.amount.final! },
        { id: whole.id, fen: whole.fen },
        `${l.functionName}占${whole.id === exp.id ? '整体支出' : '按功能分类的支出合计'}的比重`,
      );
      const vb = say.vsBudget(
        `exp.gb.${l.functionCode}`,
        { id: n.id, fen: l.amount.final! },
        l.amount.initial,
        l.functionName,
        `byFunction.${l.functionCode}.initial`,
      );
      return [l.functionName, n, ...(sh ? ['，占', sh] : []), ...(vb.length ? ['，', ...vb] : [])] as Part[];
    });
    c.check({
      kind: 'sum',
      label: '按功能分类的支出 = 各类支出之和',
      total: whole.id,
      parts: classFinal.map((l) => `exp.gb.${l.functionCode}`),
    });
    c.para('expenditure.function', [`${y}年支出按功能分类：`, ...whole.lead, ...joinParts(parts, '；'), '。']);
  }
  const econ = b.byEconomic.filter((l) => l.economicCode.length === 3 && l.final !== null);
  if (econ.length && basicFen !== null) {
    const bn = say.money('exp.basic', basicFen, '基本支出', 'stated.basicTotal.final');
    const parts = econ.map((l) => {
      const n = say.money(`econ.${l.economicCode}`, l.final!, l.economicName, `byEconomic.${l.economicCode}.final`);
      const sh = say.shareOf(
        `econ.${l.economicCode}.share`,
        { id: n.id, fen: l.final! },
        { id: bn.id, fen: basicFen },
        `${l.economicName}占基本支出的比重`,
      );
      return [l.economicName, n, ...(sh ? ['，占基本支出的', sh] : [])] as Part[];
    });
    c.check({
      kind: 'sum',
      label: '基本支出 = 各经济分类支出之和',
      total: bn.id,
      parts: econ.map((l) => `econ.${l.economicCode}`),
    });
    c.para('economic', [`${y}年基本支出`, bn, '，其中：', ...joinParts(parts, '；'), '。']);
  }
  execution(c, say, b, y);
  const tpParts = THREE_PUBLIC_PARTS.map((k) => ({ k, fen: b.threePublic[k].final })).filter(
    (x): x is { k: typeof x.k; fen: number } => x.fen !== null,
  );
  const tpFen = tpParts.length ? tpParts.reduce((acc, x) => acc + x.fen, 0) : b.stated.threePublicTotal.final;
  if (tpFen !== null) {
    const tp = say.money('tp.total', tpFen, '“三公”经费支出', 'threePublic.final');
    const parts = tpParts.map(
      (x) =>
        [
          THREE_PUBLIC_LABELS[x.k],
          say.money(`tp.${x.k}`, x.fen, THREE_PUBLIC_LABELS[x.k], `threePublic.${x.k}.final`),
        ] as Part[],
    );
    if (tpParts.length)
      c.check({ kind: 'sum', label: '“三公”经费 = 其四项之和', total: tp.id, parts: tpParts.map((x) => `tp.${x.k}`) });
    const budget = b.stated.threePublicTotal.budget;
    const ctl: Part[] = [];
    if (budget !== null) {
      const bn = say.money('tp.budget', budget, '“三公”经费控制数', 'threePublic.budget');
      ctl.push('，财政下达控制数', bn);
      if (budget !== 0) {
        // 004:L54 "控制率100%", 001:L400 "完成财政下达控制数的100%".
        const r = c.num(
          'tp.rate',
          decText(div(mul(wanDec(tpFen), HUNDRED), wanDec(budget))),
          '%',
          '“三公”经费控制率',
          'calc:tp.total÷tp.budget',
        );
        c.check({ kind: 'ratio', label: '“三公”经费控制率', rate: r.id, numerator: tp.id, denominator: bn.id });
        ctl.push('，控制率', r);
      }
    }
    c.para('threePublic', [
      `${y}年“三公”经费支出`,
      tp,
      ...ctl,
      ...(parts.length ? ['，其中：', ...joinParts(parts, '，')] : []),
      '。',
    ]);
  }

  // 结转和结余 (000:L33; 001's 当年结余 and 累计结余, L112–113).
  const balance: Part[] = [];
  if (yearIncomeIds.length) {
    const yb = say.money('balance.year', incomeFen - expFen, '当年结余', 'calc:income−expenditure');
    c.check({
      kind: 'identity',
      label: '当年结余 = 本年收入 − 本年支出',
      plus: yearIncomeIds,
      minus: [exp.id],
      result: yb.id,
    });
    balance.push(`${y}年当年结余`, yb);
  }
  if (b.carryOut !== null) {
    const co = say.money('carryOut', b.carryOut, '年末结转和结余', 'carryOut');
    // incIds: the carry-in (when not 0) and the year's income by source.
    if (carryIn !== null && yearIncomeIds.length)
      c.check({
        kind: 'identity',
        label: '年末结转和结余 = 上年结转 + 本年收入 − 本年支出',
        plus: incIds,
        minus: [exp.id],
        result: co.id,
      });
    balance.push(balance.length ? '，' : '', `${y}年末结转和结余（累计结余）`, co);
  }
  if (balance.length) {
    subsection('结转和结余情况');
    c.para('carryOut', [...balance, '。']);
  }
  statementTables(c, say, b, {
    grand: grandFen === null ? null : { fen: grandFen, path: grandPath },
    sources,
    expFen,
    yearBalance: yearIncomeIds.length ? incomeFen - expFen : null,
    tpFen,
  });

  // 三、绩效管理情况
  section('部门（单位）绩效管理情况');
  c.para('framework', [
    `本次自评采用“${ev.framework.name}”（第${ev.framework.version}版）${ev.framework.basis ? `，依据${ev.framework.basis}` : ''}。`,
  ]);
  paras('goals', '部门整体绩效目标');

  // 四、绩效目标完成情况
  section('绩效目标完成情况及评分');
  paras('achievement', '绩效目标完成情况');
  // The year's work the platform records (the staffing office's own report only).
  const work = workSentences(c, f);
  if (work) c.para('work', work);
  scoreSection(c, ev, layout, { year: y });

  section('存在的主要问题及原因');
  paras('problems', '存在的问题及原因');
  section('改进措施和有关建议');
  paras('improvements', '改进措施及有关建议');
  section('绩效自评结果应用和公开情况');
  paras('application', '结果应用和公开情况');

  // 评价人员 and signatures.
  section('评价人员');
  const evaluators = ev.evaluators.length ? ev.evaluators : [];
  if (!evaluators.length) c.note(`绩效自评未填写评价人员（evaluation:${ev.id}:evaluators）`);
  c.table(
    [{ width: 2 }, { width: 2.5 }, { width: 3 }, { width: 2 }],
    [['姓  名', '职务/职称', '单  位', '签  字'].map((h) => cell(h, { bold: true, align: 'center' }))],
    (evaluators.length ? evaluators : [{ name: '', title: '', role: '' }]).map((e) => [
      cell(e.name, { align: 'center' }),
      cell(e.title, { align: 'center' }),
      cell(e.role || f.unit.name, { align: 'center' }),
      cell(''),
    ]),
  );
  c.block({
    kind: 'signature',
    entries: [
      { label: '评价组组长（签字）', value: [] },
      { label: '部门（单位）负责人（签章）', value: [] },
      { label: '财政部门归口业务科室负责人（签章）', value: [] },
      { label: '填报人（签名）', value: [] },
    ],
    seal: '（单位印章）',
    date: [text('    年    月    日')],
  });

  return c.build(title ?? `${f.unit.name}${y}年部门整体支出绩效评价报告`, {
    subject: '部门整体支出绩效自评报告',
    keywords: ['绩效自评', String(y)],
  });
}

const sumFen = (xs: readonly { fen: number }[]): number => xs.reduce((a, x) => a + x.fen, 0);

/**
 * The head count's change over the year (000:L8 "2020年末编办实有在职人员11人，较上年减少1人（2020年4月
 * 调出1人）", 004:L24 with the change per establishment type and "年初实有人员为12人，年末为13人"): the
 * roster as of the year end and a year earlier, the enrolments and disenrolments between (month,
 * reason). Declared: end − start = the change; start + in − out = end; each type's change against
 * the roster a year earlier.
 */
function staffChange(c: Composer, f: ReportFacts, st: StaffFacts, y: number): void {
  const prev = st.previous;
  if (!prev) {
    c.note(`未与上年比较实有人数：${y - 1}年12月31日的编制和实有人数无法取得（figures:${f.unit.id}:${y - 1}-12-31）`);
    return;
  }
  const src = (asOf: string, k: string) => `figures:${f.unit.id}:${asOf}:${k}`;
  const roster = (id: string, v: number, label: string, asOf: string, k: string): Num => {
    const n = c.num(id, String(v), '人', label, src(asOf, k));
    c.check({
      kind: 'expected',
      label: `${label}（实名制，截至${chineseDate(asOf)}）`,
      stated: n.id,
      expected: String(v),
      expectedDecimals: 0,
      source: src(asOf, k),
    });
    return n;
  };
  const end = roster('staff.end', st.total.actual, '年末实有人数', st.asOf, 'total.actual');
  const startFen = prev.total.actual;
  const d = st.total.actual - startFen;
  const parts: Part[] = [`${y}年末实有在职人员`, end];
  const start = c.num('staff.start', String(startFen), '人', '年初实有人数', src(prev.asOf, 'total.actual'));
  c.check({
    kind: 'expected',
    label: `年初实有人数（实名制，截至${chineseDate(prev.asOf)}）`,
    stated: start.id,
    expected: String(startFen),
    expectedDecimals: 0,
    source: src(prev.asOf, 'total.actual'),
  });
  if (d === 0) parts.push('，与上年持平');
  else {
    const dn = c.num('staff.change', String(Math.abs(d)), '人', '实有人数较上年变动', 'calc:staff.end−staff.start');
    c.check({
      kind: 'change',
      label: '实有人数较上年变动 = 年末 − 年初',
      change: dn.id,
      current: end.id,
      previous: start.id,
      direction: d > 0 ? 'up' : 'down',
    });
    parts.push(`，较上年${d > 0 ? '增加' : '减少'}`, dn);
  }
  // The movements by month, direction and reason ("2020年4月调出1人").
  const groups = new Map<string, { month: number; direction: 'in' | 'out'; reason: string; n: number }>();
  for (const m of st.movements ?? []) {
    const month = Number(m.date.slice(5, 7));
    const k = `${month}|${m.direction}|${m.reason}`;
    const g = groups.get(k) ?? { month, direction: m.direction, reason: m.reason, n: 0 };
    g.n++;
    groups.set(k, g);
  }
  if (groups.size) {
    const plus: string[] = [start.id];
    const minus: string[] = [];
    const moves = [...groups.values()].map((g, i) => {
      const n = c.num(
        `staff.move.${i + 1}`,
        String(g.n),
        '人',
        `${y}年${g.month}月${g.reason}人数`,
        `roster:${f.unit.id}:${y}:movements`,
      );
      (g.direction === 'in' ? plus : minus).push(n.id);
      return [`${y}年${g.month}月${g.reason}`, n] as Part[];
    });
    c.check({ kind: 'identity', label: '年末实有人数 = 年初 + 增加 − 减少', plus, minus, result: end.id });
    parts.push('（', ...joinParts(moves, '，'), '）');
  }
  // Per establishment type, when there are several (004: 行政人员6人，较上年度无变化；事业人员7名，较上年度增加1人).
  const types = st.rows.filter((r) => r.actual > 0 || prev.rows.some((x) => x.type === r.type && x.actual > 0));
  if (types.length > 1) {
    const typeParts = types.map((r) => {
      const before = prev.rows.find((x) => x.type === r.type)?.actual ?? 0;
      const n = c.num(
        `staff.${r.type}.actual`,
        String(r.actual),
        '人',
        `${r.label}实有人数`,
        src(st.asOf, `${r.type}.actual`),
      );
      const dt = r.actual - before;
      if (dt === 0) return [r.label, n, '，较上年无变化'] as Part[];
      const dn = c.num(
        `staff.${r.type}.change`,
        String(Math.abs(dt)),
        '人',
        `${r.label}实有人数较上年变动`,
        `calc:staff.${r.type}.actual−${src(prev.asOf, `${r.type}.actual`)}`,
      );
      c.check({
        kind: 'expected',
        label: `${r.label}实有人数较上年变动（实名制，${chineseDate(prev.asOf)}至${chineseDate(st.asOf)}）`,
        stated: dn.id,
        expected: String(Math.abs(dt)),
        expectedDecimals: 0,
        source: src(prev.asOf, `${r.type}.actual`),
      });
      return [r.label, n, `，较上年${dt > 0 ? '增加' : '减少'}`, dn] as Part[];
    });
    parts.push('，其中：', ...joinParts(typeParts, '；'));
  }
  parts.push(
    '。年初实有',
    start,
    '，年末实有',
    c.num('staff.end', String(st.total.actual), '人', '年末实有人数', src(st.asOf, 'total.actual')),
    '。',
  );
  c.para('staff.change', parts);
}

/**
 * Budget execution (004:L52–53 "基本支出预算…决算…执行率"; the whole year's as finalAccounts states it):
 * 预算数 = 基本支出预算 + 项目支出预算, and each rate = 决算 ÷ 预算.
 */
function execution(c: Composer, say: Say, b: BudgetYearFactsExtended, y: number): void {
  const rate = (id: string, finalId: string, budgetId: string, final: number, budget: number, label: string): Num => {
    const r = c.num(
      id,
      decText(div(mul(wanDec(final), HUNDRED), wanDec(budget))),
      '%',
      label,
      `calc:${finalId}÷${budgetId}`,
    );
    c.check({ kind: 'ratio', label, rate: r.id, numerator: finalId, denominator: budgetId });
    return r;
  };
  const out: Part[] = [];
  const expBudget = budgetOf(b.stated.expenditureTotal);
  const expFinal = b.stated.expenditureTotal.final;
  const partsOf = [
    ['basic', '基本支出', b.stated.basicTotal, 'stated.basicTotal'],
    ['project', '项目支出', b.stated.projectTotal, 'stated.projectTotal'],
  ] as const;
  if (expBudget !== null && expBudget !== 0 && expFinal !== null) {
    const bn = say.money('exp.budget', expBudget, '支出预算数', 'stated.expenditureTotal.budget');
    const inner: Part[][] = [];
    const ids: string[] = [];
    for (const [k, label, s, path] of partsOf) {
      const v = budgetOf(s);
      if (v === null) continue;
      const n = say.money(`exp.${k}.budget`, v, `${label}预算`, `${path}.budget`);
      inner.push([`${label}预算`, n]);
      ids.push(n.id);
    }
    if (ids.length === 2)
      c.check({ kind: 'sum', label: '支出预算数 = 基本支出预算 + 项目支出预算', total: bn.id, parts: ids });
    const fn = say.money('exp.total', expFinal, '整体支出', 'stated.expenditureTotal.final');
    out.push(
      `${y}年支出预算数`,
      bn,
      ...(inner.length ? ['（', ...joinParts(inner, '，'), '）'] : []),
      '，支出决算数',
      fn,
      '，预算执行率',
      rate('exp.rate', fn.id, bn.id, expFinal, expBudget, '预算执行率 = 支出决算数 ÷ 支出预算数'),
      '。',
    );
  }
  const each: Part[][] = [];
  for (const [k, label, s, path] of partsOf) {
    const v = budgetOf(s);
    if (v === null || s.final === null) continue;
    if (v === 0) {
      // 001:L403–404: no 项目 (专项) budget, nothing spent — no rate (0 ÷ 0).
      each.push([
        `${label}预算`,
        say.money(`exp.${k}.budget`, v, `${label}预算`, `${path}.budget`),
        '，决算',
        say.money(`exp.${k}`, s.final, label, `${path}.final`),
      ]);
      continue;
    }
    const bn = say.money(`exp.${k}.budget`, v, `${label}预算`, `${path}.budget`);
    const fn = say.money(`exp.${k}`, s.final, label, `${path}.final`);
    each.push([
      `${label}预算`,
      bn,
      '，决算',
      fn,
      '，执行率',
      rate(`exp.${k}.rate`, fn.id, bn.id, s.final, v, `${label}预算执行率`),
    ]);
  }
  if (each.length) out.push(out.length ? '其中：' : `${y}年`, ...joinParts(each, '；'), '。');
  if (out.length) c.para('execution', out);
}

/**
 * The statements as seed 001's form tables them (年度收入情况, 年度支出和结余情况, “三公”经费, 固定资产; 万元):
 * one row for the department, the same figures as the prose (each bound again, so a table cell edited
 * away from the prose is caught by the equal check the composer declares).
 */
function statementTables(
  c: Composer,
  say: Say,
  b: BudgetYearFactsExtended,
  v: {
    grand: { fen: number; path: string } | null;
    sources: { s: (typeof INCOME_SOURCES)[number]; fen: number }[];
    expFen: number;
    yearBalance: number | null;
    tpFen: number | null;
  },
): void {
  const table = (caption: string, cols: [string, Num | null][]) => {
    const present = cols.filter((x): x is [string, Num] => x[1] !== null);
    if (present.length < 2) return;
    c.table(
      [{ width: 2.2 }, ...present.map(() => ({ width: 1.4 }))],
      [
        [
          cell('机构名称', { bold: true, align: 'center' }),
          ...present.map(([h]) => cell(h, { bold: true, align: 'center' })),
        ],
      ],
      [[cell('合计', { align: 'center' }), ...present.map(([, n]) => n)]],
      { caption, fontSizePt: 10.5 },
    );
  };
  const m = (id: string, fen: number | null, label: string, path: string) =>
    fen === null ? null : say.money(id, fen, label, path);
  table('年度收入情况（万元）', [
    ['收入合计', v.grand ? say.money('income.grand', v.grand.fen, '收入合计', v.grand.path) : null],
    ['上年结转', b.carryIn !== null && b.carryIn !== 0 ? say.money('carryIn', b.carryIn, '上年结转', 'carryIn') : null],
    ...v.sources.map(
      (x) =>
        [
          INCOME_SOURCE_LABELS[x.s],
          say.money(`income.${x.s}`, x.fen, INCOME_SOURCE_LABELS[x.s], `income.${x.s}.final`),
        ] as [string, Num],
    ),
  ]);
  table('年度支出和结余情况（万元）', [
    ['支出合计', say.money('exp.total', v.expFen, '整体支出', 'stated.expenditureTotal.final')],
    ['基本支出', m('exp.basic', b.stated.basicTotal.final, '基本支出', 'stated.basicTotal.final')],
    ['人员支出', m('basic.personnel', b.basic.personnel.final, '人员支出', 'basic.personnel.final')],
    ['公用支出', m('basic.operating', b.basic.operating.final, '公用支出', 'basic.operating.final')],
    ['项目支出', m('exp.project', b.stated.projectTotal.final, '项目支出', 'stated.projectTotal.final')],
    ['当年结余', m('balance.year', v.yearBalance, '当年结余', 'calc:income−expenditure')],
    ['累计结余', m('carryOut', b.carryOut, '年末结转和结余', 'carryOut')],
  ]);
  table('“三公”经费支出情况（万元）', [
    ['“三公”经费合计', m('tp.total', v.tpFen, '“三公”经费支出', 'threePublic.final')],
    ...THREE_PUBLIC_PARTS.map(
      (k) =>
        [
          THREE_PUBLIC_LABELS[k],
          m(`tp.${k}`, b.threePublic[k].final, THREE_PUBLIC_LABELS[k], `threePublic.${k}.final`),
        ] as [string, Num | null],
    ),
  ]);
  table('固定资产情况（万元）', [
    ['固定资产合计', m('assets.fixed', b.assets.fixedAssets, '固定资产', 'assets.fixedAssets')],
    ['在用固定资产', m('assets.fixedInUse', b.assets.fixedAssetsInUse, '在用固定资产', 'assets.fixedAssetsInUse')],
  ]);
}
