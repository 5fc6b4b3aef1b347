/**
 * 部门决算情况说明 (disclosure explanation of the final accounts), in the structure of seeds 002 and
 * 003: 部门概况 → 收入支出决算总体情况 → 收入 → 支出 → 财政拨款收支 → 一般公共预算财政拨款支出
 * (总体、结构、具体) → 基本支出 → “三公”经费 → 机关运行经费 → 政府采购 → 国有资产 → 预算绩效管理
 * (each project's budget, execution and rate, 003; the projects together, 002) → 名词解释, with 图1–4.
 * Every amount is bound to the budget facts (the unit counts to the unit tree), every share and
 * growth rate computed exactly and declared as a check.
 */
import { INCOME_SOURCES, INCOME_SOURCE_LABELS, THREE_PUBLIC_LABELS, THREE_PUBLIC_PARTS } from '@bianban/contracts';
import type { ChartSpec } from '../charts.js';
import { Composer, type Built, type Num, type Part } from '../domain/compose.js';
import { decText, wan, type NumberStyle } from '../domain/numbers.js';
import { div, HUNDRED, mul } from '../../performance/domain/decimal.js';
import { wanDec } from '../domain/numbers.js';
import {
  assetSentences,
  CN_NUM,
  finalOf,
  budgetOf,
  joinParts,
  MissingFact,
  needBudget,
  Say,
  type ChartDrawer,
  type ReportFacts,
  workSentences,
} from './common.js';

const GLOSSARY = [
  '财政拨款收入：指单位从同级财政部门取得的财政预算资金。',
  '基本支出：指为保障机构正常运转、完成日常工作任务而发生的人员支出和公用支出。',
  '项目支出：指在基本支出之外为完成特定行政任务和事业发展目标所发生的支出。',
  '经营支出：指事业单位在专业业务活动及其辅助活动之外开展非独立核算经营活动发生的支出。',
  '“三公”经费：指部门用财政拨款安排的因公出国（境）费、公务用车购置及运行费和公务接待费。其中，因公出国（境）费反映单位公务出国（境）的国际旅费、国外城市间交通费、住宿费、伙食费、培训费、公杂费等支出；公务用车购置及运行费反映单位公务用车车辆购置支出（含车辆购置税）及租用费、燃料费、维修费、过路过桥费、保险费等支出；公务接待费反映单位按规定开支的各类公务接待（含外宾接待）支出。',
  '机关运行经费：为保障行政单位（含参照公务员法管理的事业单位）运行用于购买货物和服务的各项资金，包括办公及印刷费、邮电费、差旅费、会议费、福利费、日常维修费、专用材料及一般设备购置费、办公用房水电费、办公用房取暖费、办公用房物业管理费、公务用车运行维护费以及其他费用。',
];

const sumOf = (xs: (number | null)[]): number | null => {
  const v = xs.filter((x): x is number => x !== null);
  return v.length ? v.reduce((a, b) => a + b, 0) : null;
};

export function buildFinalAccounts(
  f: ReportFacts,
  edits: Record<string, string>,
  charts: ChartDrawer,
  title?: string,
  style?: NumberStyle,
): Built {
  const b = needBudget(f);
  const c = new Composer(edits, style);
  const say = new Say(c, f);
  const y = f.year;
  const p = f.previous;
  let figure = 0;
  const chart = (spec: ChartSpec, caption: string) => {
    figure++;
    const alt = `图${figure}：${caption}`;
    // A chart with no data gets a sentence saying so, never an empty picture.
    if (!spec.data.some((d) => d.value > 0)) {
      c.para(`fig${figure}`, [`（${alt}：没有可作图的数据（各项为0或未填报），不作图）`], {
        align: 'center',
        indent: false,
      });
      c.note(`图表“${caption}”没有数据，未作图`);
      return;
    }
    c.image(
      charts
        ? charts(spec, alt)
        : { kind: 'image', format: 'svg', data: new Uint8Array(), widthMm: 150, heightMm: 89, alt },
    );
    c.para(`fig${figure}.caption`, [`（${alt}）`], { align: 'center', indent: false });
  };
  let sec = 0;
  const section = (t: string) => c.heading(1, `${CN_NUM[++sec]}、${t}`);

  // ── 第一部分 部门概况 ──
  c.heading(1, '第一部分 部门概况');
  c.heading(2, '（一）主要职能');
  const fnLines = (f.unit.functionsText ?? '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  if (fnLines.length) fnLines.forEach((l, i) => c.para(`functions.${i + 1}`, [l]));
  else {
    c.para('functions.1', ['（主要职能未录入：请在机构编制事项中登记本部门“三定”职责。）']);
    c.note(`${f.unit.name}的主要职责（三定）未录入（unit:${f.unit.id}:functionsText）`);
  }
  // 002:L15 "二、2021年重点工作完成情况", 003:L14 "（二）2020年重点工作完成情况": the work the platform
  // records (the staffing office's own report only), before the 机构设置.
  const work = workSentences(c, f);
  if (work) {
    c.heading(2, `（二）${y}年重点工作完成情况`);
    c.para('work', work);
  }
  c.heading(2, work ? '（三）机构设置' : '（二）机构设置');
  // 002:L29 "内设股室2个，下属二级单位1个，其中参照公务员法管理的事业单位1个"; 003:L21 "…其中参照公务员法
  // 事业单位1个，其他事业单位1个". The counts are the unit tree's as of the year end.
  const unitSrc = (k: string) => `unit:${f.unit.id}:${y}-12-31:${k}`;
  const subs = f.unit.subordinates;
  const csm = (f.unit.civilServantManaged ?? []).filter((n) => subs.includes(n));
  const subParts: Part[] = [];
  if (subs.length) {
    const total = c.num('org.subordinates', String(subs.length), '个', '下属单位数', unitSrc('subordinates'));
    subParts.push('，下属单位', total, `（${subs.join('、')}）`);
    if (csm.length) {
      const a = c.num('org.csm', String(csm.length), '个', '参照公务员法管理的事业单位数', unitSrc('category'));
      const others = subs.length - csm.length;
      subParts.push('，其中参照公务员法管理的事业单位', a);
      if (others) {
        const o = c.num('org.other', String(others), '个', '其他事业单位数', unitSrc('category'));
        subParts.push('、其他事业单位', o);
        c.check({
          kind: 'sum',
          label: '下属单位 = 参照公务员法管理的事业单位 + 其他',
          total: total.id,
          parts: [a.id, o.id],
        });
      }
    }
    subParts.push(`。纳入${y}年度部门决算编制范围的二级预算单位包括：${subs.join('、')}。`);
  } else subParts.push('，无下属单位。');
  c.para('org', [
    `${f.unit.name}`,
    ...(f.unit.internalOffices.length
      ? [
          '内设机构',
          c.num('org.offices', String(f.unit.internalOffices.length), '个', '内设机构数', unitSrc('internalOffices')),
          `（${f.unit.internalOffices.join('、')}）`,
        ]
      : ['未设内设机构']),
    ...subParts,
  ]);

  // ── 第二部分 决算情况说明 ──
  c.heading(1, `第二部分 ${y}年度部门决算情况说明`);

  // 一、收入支出决算总体情况
  section('收入支出决算总体情况说明');
  const grandFen = b.stated.grandTotal ?? b.stated.incomeTotal.final;
  const grandPrev = p ? (p.stated.grandTotal ?? p.stated.incomeTotal.final) : null;
  if (grandFen === null) {
    c.para('overall', [`${y}年度收、支总计未填报。`]);
    c.note(`${y}年度部门决算的“收、支总计”和“本年收入合计”未填报（${`budget:${f.unit.id}:${y}:stated.grandTotal`}）`);
  } else {
    const grand = say.money('grandTotal', grandFen, '收、支总计', 'stated.grandTotal');
    const cmp = say.compare(
      'grandTotal',
      { id: grand.id, fen: grandFen },
      grandPrev,
      '收、支总计',
      'stated.grandTotal',
    );
    c.para('overall', [`${y}年度收、支总计`, grand, cmp.length ? '。' : '', ...cmp, '。']);
    chart(
      {
        kind: 'bar',
        title: '收、支决算总计变动情况',
        unit: '万元',
        data: [
          ...(grandPrev !== null
            ? [{ name: `${y - 1}年`, value: Number(wan(grandPrev)), label: c.fmt(wan(grandPrev), '万元') }]
            : []),
          { name: `${y}年`, value: Number(wan(grandFen)), label: c.fmt(wan(grandFen), '万元') },
        ],
      },
      '收、支决算总计变动情况图',
    );
  }

  // 二、收入决算
  section('收入决算情况说明');
  const sources = INCOME_SOURCES.map((s) => ({ s, fen: finalOf(b.income[s]) })).filter(
    (x): x is { s: typeof x.s; fen: number } => x.fen !== null,
  );
  const incomeFen = b.stated.incomeTotal.final ?? sumOf(sources.map((x) => x.fen));
  if (incomeFen === null) {
    c.para('income', [`${y}年度本年收入未填报。`]);
    c.note(`${y}年度部门决算的本年收入（合计及各来源的决算数）未填报（budget:${f.unit.id}:${y}:income）`);
  } else {
    const income = say.money('income.total', incomeFen, '本年收入合计', 'stated.incomeTotal.final');
    const incomeParts = sources.map((x) => {
      const n = say.money(`income.${x.s}`, x.fen, INCOME_SOURCE_LABELS[x.s], `income.${x.s}.final`);
      const sh = say.shareOf(
        `income.${x.s}.share`,
        { id: n.id, fen: x.fen },
        { id: income.id, fen: incomeFen },
        `${INCOME_SOURCE_LABELS[x.s]}占本年收入合计的比重`,
      );
      return [INCOME_SOURCE_LABELS[x.s], n, ...(sh ? ['，占', sh] : [])] as Part[];
    });
    if (sources.length)
      c.check({
        kind: 'sum',
        label: '本年收入合计 = 各来源之和',
        total: income.id,
        parts: sources.map((x) => `income.${x.s}`),
      });
    const incVsBudget = say.vsBudget(
      'income.total',
      { id: income.id, fen: incomeFen },
      b.stated.incomeTotal.initial,
      '本年收入合计',
      'stated.incomeTotal.initial',
    );
    c.para('income', [
      `${y}年本年收入合计`,
      income,
      ...(incVsBudget.length ? ['，', ...incVsBudget] : []),
      ...(incomeParts.length ? ['，其中：', ...joinParts(incomeParts, '；')] : []),
      '。',
    ]);
    chart(
      {
        kind: 'pie',
        title: '收入决算结构',
        data: sources.map((x) => ({
          name: INCOME_SOURCE_LABELS[x.s],
          value: Number(wan(x.fen)),
          label: `${c.fmt(decText(div(mul(wanDec(x.fen), HUNDRED), wanDec(incomeFen || 1))), '%')}%`,
        })),
      },
      '收入决算结构图',
    );
  }

  // 三、支出决算
  section('支出决算情况说明');
  const expFen = b.stated.expenditureTotal.final;
  if (expFen === null)
    throw new MissingFact(
      `budget:${f.unit.id}:${y}:stated.expenditureTotal.final`,
      `${y}年度部门决算的“本年支出合计”未填报，无法生成支出决算情况说明`,
    );
  const exp = say.money('exp.total', expFen, '本年支出合计', 'stated.expenditureTotal.final');
  const basicFen = b.stated.basicTotal.final ?? sumOf([b.basic.personnel.final, b.basic.operating.final]);
  const projFen = b.stated.projectTotal.final ?? sumOf(b.projects.map((x) => x.amount.final));
  const expParts: Part[][] = [];
  const expIds: string[] = [];
  for (const [id, fen, label, path] of [
    ['exp.basic', basicFen, '基本支出', 'stated.basicTotal.final'],
    ['exp.project', projFen, '项目支出', 'stated.projectTotal.final'],
  ] as const) {
    if (fen === null) {
      c.note(`${y}年度“${label}”决算数未填报（${path}），支出决算情况只列出已填报的部分`);
      continue;
    }
    const n = say.money(id, fen, label, path);
    const sh = say.shareOf(
      `${id}.share`,
      { id: n.id, fen },
      { id: exp.id, fen: expFen },
      `${label}占本年支出合计的比重`,
    );
    expParts.push([label, n, ...(sh ? ['，占', sh] : [])]);
    expIds.push(n.id);
  }
  if (expIds.length === 2)
    c.check({ kind: 'sum', label: '本年支出合计 = 基本支出 + 项目支出', total: exp.id, parts: expIds });
  c.para('expenditure', [
    `${y}年本年支出合计`,
    exp,
    ...(expParts.length ? ['，其中：', ...joinParts(expParts, '；')] : []),
    '。',
  ]);
  // The budget beside the final: 预算数 = 基本支出预算 + 项目支出预算, and the execution rate.
  const expBudget = budgetOf(b.stated.expenditureTotal);
  if (expBudget !== null && expBudget !== 0) {
    const bn = say.money('exp.budget', expBudget, '本年支出预算数', 'stated.expenditureTotal.budget');
    const parts: Part[][] = [];
    const ids: string[] = [];
    for (const [id, v, label, path] of [
      ['exp.basic.budget', budgetOf(b.stated.basicTotal), '基本支出预算', 'stated.basicTotal.budget'],
      ['exp.project.budget', budgetOf(b.stated.projectTotal), '项目支出预算', 'stated.projectTotal.budget'],
    ] as const) {
      if (v === null) continue;
      const n = say.money(id, v, label, path);
      parts.push([label, n]);
      ids.push(n.id);
    }
    if (ids.length === 2)
      c.check({ kind: 'sum', label: '支出预算数 = 基本支出预算 + 项目支出预算', total: bn.id, parts: ids });
    const expAgain = say.money('exp.total', expFen, '本年支出合计', 'stated.expenditureTotal.final');
    const r = c.num(
      'exp.rate',
      decText(div(mul(wanDec(expFen), HUNDRED), wanDec(expBudget))),
      '%',
      '预算执行率',
      'calc:exp.total÷exp.budget',
    );
    c.check({
      kind: 'ratio',
      label: '预算执行率 = 支出决算数 ÷ 支出预算数',
      rate: r.id,
      numerator: expAgain.id,
      denominator: bn.id,
    });
    c.para('expenditure.budget', [
      `${y}年支出预算数`,
      bn,
      ...(parts.length ? ['（', ...joinParts(parts, '，'), '）'] : []),
      '，支出决算数',
      expAgain,
      '，预算执行率',
      r,
      '。',
    ]);
  }
  chart(
    {
      kind: 'pie',
      title: '支出决算结构',
      data: [
        ...(basicFen !== null
          ? [
              {
                name: '基本支出',
                value: Number(wan(basicFen)),
                label: expFen ? `${c.fmt(decText(div(mul(wanDec(basicFen), HUNDRED), wanDec(expFen))), '%')}%` : '',
              },
            ]
          : []),
        ...(projFen !== null
          ? [
              {
                name: '项目支出',
                value: Number(wan(projFen)),
                label: expFen ? `${c.fmt(decText(div(mul(wanDec(projFen), HUNDRED), wanDec(expFen))), '%')}%` : '',
              },
            ]
          : []),
      ],
    },
    '支出决算结构图',
  );

  // 四、财政拨款收入支出
  section('财政拨款收入支出决算总体情况说明');
  const fiscal = (['generalBudget', 'governmentFund', 'stateCapital'] as const)
    .map((s) => ({ s, fen: finalOf(b.income[s]) }))
    .filter((x): x is { s: typeof x.s; fen: number } => x.fen !== null);
  const fiscalPrevParts = p
    ? (['generalBudget', 'governmentFund', 'stateCapital'] as const).map((s) => finalOf(p.income[s]))
    : [];
  if (fiscal.length) {
    const fiscalFen = fiscal.reduce((a, x) => a + x.fen, 0);
    const total = say.money('fiscal.total', fiscalFen, '财政拨款收入合计', 'income.fiscal.final');
    const parts = fiscal.map(
      (x) =>
        [
          INCOME_SOURCE_LABELS[x.s].replace('收入', ''),
          say.money(`income.${x.s}`, x.fen, INCOME_SOURCE_LABELS[x.s], `income.${x.s}.final`),
        ] as Part[],
    );
    c.check({
      kind: 'sum',
      label: '财政拨款收入合计 = 各项财政拨款之和',
      total: total.id,
      parts: fiscal.map((x, i) => (parts[i]![1] as Num).id),
    });
    const prevFiscal = sumOf(fiscalPrevParts);
    const cmpF = say.compare(
      'fiscal.total',
      { id: total.id, fen: fiscalFen },
      prevFiscal,
      '财政拨款收入',
      'income.fiscal.final',
    );
    c.para('fiscal', [
      `${y}年财政拨款收入`,
      total,
      '，其中：',
      ...joinParts(parts, '，'),
      '。',
      ...cmpF,
      cmpF.length ? '。' : '',
    ]);
  } else {
    c.para('fiscal', [`${y}年度财政拨款收入未填报。`]);
    c.note(`${y}年度财政拨款收入（一般公共预算、政府性基金预算、国有资本经营预算财政拨款的决算数）未填报`);
  }

  // 五、一般公共预算财政拨款支出
  section('一般公共预算财政拨款支出决算情况说明');
  const classes = b.byFunction.filter((l) => l.functionCode.length === 3 && l.amount.final !== null);
  const items = b.byFunction.filter((l) => l.functionCode.length === 7 && l.amount.final !== null);
  c.heading(2, '（一）一般公共预算财政拨款支出决算总体情况');
  if (classes.length) {
    const gbFen = classes.reduce((a, l) => a + l.amount.final!, 0);
    const gb = say.money('gb.total', gbFen, '一般公共预算财政拨款支出', 'byFunction.final');
    const expAgain = say.money('exp.total', expFen, '本年支出合计', 'stated.expenditureTotal.final');
    const sh = say.shareOf(
      'gb.total.share',
      { id: gb.id, fen: gbFen },
      { id: expAgain.id, fen: expFen },
      '一般公共预算财政拨款支出占本年支出合计的比重',
    );
    const prevClasses = p?.byFunction.filter((l) => l.functionCode.length === 3 && l.amount.final !== null) ?? [];
    const gbPrev = prevClasses.length ? prevClasses.reduce((a, l) => a + l.amount.final!, 0) : null;
    const cmpG = say.compare(
      'gb.total',
      { id: gb.id, fen: gbFen },
      gbPrev,
      '一般公共预算财政拨款支出',
      'byFunction.final',
    );
    c.para('gb.overall', [
      `${y}年一般公共预算财政拨款支出`,
      gb,
      ...(sh ? ['，占本年支出合计的', sh] : []),
      '（本年支出合计',
      expAgain,
      '）。',
      ...cmpG,
      cmpG.length ? '。' : '',
    ]);
    c.heading(2, '（二）一般公共预算财政拨款支出决算结构情况');
    const gb2 = say.money('gb.total', gbFen, '一般公共预算财政拨款支出', 'byFunction.final');
    const parts = classes.map((l) => {
      const n = say.money(
        `gb.${l.functionCode}`,
        l.amount.final!,
        `${l.functionName}（类）`,
        `byFunction.${l.functionCode}.final`,
      );
      const s2 = say.shareOf(
        `gb.${l.functionCode}.share`,
        { id: n.id, fen: l.amount.final! },
        { id: gb2.id, fen: gbFen },
        `${l.functionName}（类）占一般公共预算财政拨款支出的比重`,
      );
      const vb = say.vsBudget(
        `gb.${l.functionCode}`,
        { id: n.id, fen: l.amount.final! },
        l.amount.initial,
        `${l.functionName}（类）`,
        `byFunction.${l.functionCode}.initial`,
      );
      return [`${l.functionName}（类）`, n, ...(s2 ? ['，占', s2] : []), ...(vb.length ? ['，', ...vb] : [])] as Part[];
    });
    const classBudgets = classes.map((l) => l.amount.initial);
    if (classBudgets.every((x) => x !== null)) {
      const tb = say.money(
        'gb.budget',
        classBudgets.reduce((acc, x) => acc + x!, 0),
        '一般公共预算财政拨款支出年初预算数',
        'byFunction.initial',
      );
      const parts = classes.map(
        (l) =>
          [
            `${l.functionName}（类）`,
            say.money(
              `gb.${l.functionCode}.initial`,
              l.amount.initial!,
              `${l.functionName}（类）年初预算数`,
              `byFunction.${l.functionCode}.initial`,
            ),
          ] as Part[],
      );
      c.check({
        kind: 'sum',
        label: '年初预算数 = 各类年初预算之和',
        total: tb.id,
        parts: classes.map((l) => `gb.${l.functionCode}.initial`),
      });
      c.para('gb.budget', [
        `${y}年一般公共预算财政拨款支出年初预算数`,
        tb,
        '，其中：',
        ...joinParts(parts, '，'),
        '。',
      ]);
    }
    c.check({
      kind: 'sum',
      label: '一般公共预算财政拨款支出 = 各类支出之和',
      total: gb2.id,
      parts: classes.map((l) => `gb.${l.functionCode}`),
    });
    c.para('gb.structure', [
      `${y}年一般公共预算财政拨款支出`,
      gb2,
      '，主要用于以下方面：',
      ...joinParts(parts, '；'),
      '。',
    ]);
    chart(
      {
        kind: 'pie',
        title: '一般公共预算财政拨款支出决算结构',
        data: classes.map((l) => ({
          name: l.functionName,
          value: Number(wan(l.amount.final!)),
          label: gbFen ? `${c.fmt(decText(div(mul(wanDec(l.amount.final!), HUNDRED), wanDec(gbFen))), '%')}%` : '',
        })),
      },
      '一般公共预算财政拨款支出决算结构',
    );
    c.heading(2, '（三）一般公共预算财政拨款支出决算具体情况');
    items.forEach((l, i) => {
      const n = say.money(
        `gb.${l.functionCode}`,
        l.amount.final!,
        `${l.functionName}（项）`,
        `byFunction.${l.functionCode}.final`,
      );
      const budget = budgetOf(l.amount);
      const rate: Part[] = [];
      if (budget !== null && budget !== 0) {
        const bn = say.money(
          `gb.${l.functionCode}.budget`,
          budget,
          `${l.functionName}（项）预算数`,
          `byFunction.${l.functionCode}.budget`,
        );
        const r = c.num(
          `gb.${l.functionCode}.rate`,
          decText(div(mul(wanDec(l.amount.final!), HUNDRED), wanDec(budget))),
          '%',
          `${l.functionName}（项）完成预算比例`,
          `calc:gb.${l.functionCode}÷预算`,
        );
        c.check({
          kind: 'ratio',
          label: `${l.functionName}（项）完成预算比例`,
          rate: r.id,
          numerator: n.id,
          denominator: bn.id,
        });
        rate.push('，预算数', bn, '，完成预算', r);
      }
      c.para(`gb.item.${l.functionCode}`, [
        `${i + 1}.${l.functionName}（项）（${l.functionCode}）：支出决算为`,
        n,
        ...rate,
        '。',
      ]);
    });
    if (!items.length) c.para('gb.items', ['（支出功能分类未细化到“项”级科目。）']);
  } else {
    c.para('gb.overall', [`${y}年度一般公共预算财政拨款支出按功能分类的决算数未填报。`]);
    c.note(`${y}年度一般公共预算财政拨款支出按功能分类（类级科目）的决算数未填报（byFunction）`);
  }

  // 六、基本支出
  section('一般公共预算财政拨款基本支出决算情况说明');
  const pers = b.basic.personnel.final;
  const oper = b.basic.operating.final;
  if (basicFen !== null && pers !== null && oper !== null) {
    const bt = say.money('exp.basic', basicFen, '基本支出', 'stated.basicTotal.final');
    const pn = say.money('basic.personnel', pers, '人员经费', 'basic.personnel.final');
    const on = say.money('basic.operating', oper, '公用经费', 'basic.operating.final');
    c.check({ kind: 'sum', label: '基本支出 = 人员经费 + 公用经费', total: bt.id, parts: [pn.id, on.id] });
    c.para('basic', [
      `${y}年基本支出`,
      bt,
      '，其中：人员经费',
      pn,
      '，主要包括基本工资、津贴补贴、奖金、机关事业单位基本养老保险缴费、医疗费补助、住房公积金等；公用经费',
      on,
      '，主要包括办公费、邮电费、差旅费、工会经费、福利费、其他交通费、其他商品和服务支出等。',
    ]);
  } else {
    c.para('basic', [`${y}年度基本支出的人员经费、公用经费决算数未填报。`]);
    c.note(`${y}年度基本支出的人员经费或公用经费决算数未填报（basic.personnel.final / basic.operating.final）`);
  }

  // 七、三公经费
  section('“三公”经费财政拨款支出决算情况说明');
  const partsFen = THREE_PUBLIC_PARTS.map((k) => ({ k, fen: b.threePublic[k].final })).filter(
    (x): x is { k: typeof x.k; fen: number } => x.fen !== null,
  );
  const tpFen = partsFen.length ? partsFen.reduce((a, x) => a + x.fen, 0) : b.stated.threePublicTotal.final;
  if (tpFen === null) {
    c.para('threePublic', [`${y}年度“三公”经费决算数未填报。`]);
    c.note(`${y}年度“三公”经费决算数未填报（threePublic）`);
  } else {
    const tp = say.money('tp.total', tpFen, '“三公”经费财政拨款支出', 'threePublic.final');
    const tpBudget = sumOf(THREE_PUBLIC_PARTS.map((k) => b.threePublic[k].budget)) ?? b.stated.threePublicTotal.budget;
    const rate: Part[] = [];
    if (tpBudget !== null && tpBudget !== 0) {
      const bn = say.money('tp.budget', tpBudget, '“三公”经费预算数', 'threePublic.budget');
      const r = c.num(
        'tp.rate',
        decText(div(mul(wanDec(tpFen), HUNDRED), wanDec(tpBudget))),
        '%',
        '“三公”经费完成预算比例',
        'calc:tp.total÷tp.budget',
      );
      c.check({ kind: 'ratio', label: '“三公”经费完成预算比例', rate: r.id, numerator: tp.id, denominator: bn.id });
      rate.push('，预算数', bn, '，完成预算', r);
    } else if (tpBudget === 0) rate.push('，预算数为0');
    c.para('threePublic', [`${y}年“三公”经费财政拨款支出决算为`, tp, ...rate, '。']);
    if (partsFen.length) {
      const parts = partsFen.map((x) => {
        const n = say.money(`tp.${x.k}`, x.fen, THREE_PUBLIC_LABELS[x.k], `threePublic.${x.k}.final`);
        const sh = say.shareOf(
          `tp.${x.k}.share`,
          { id: n.id, fen: x.fen },
          { id: 'tp.total', fen: tpFen },
          `${THREE_PUBLIC_LABELS[x.k]}占“三公”经费的比重`,
        );
        return [`${THREE_PUBLIC_LABELS[x.k]}支出决算`, n, ...(sh ? ['，占', sh] : [])] as Part[];
      });
      c.check({
        kind: 'sum',
        label: '“三公”经费 = 因公出国（境）费 + 公务用车购置费 + 公务用车运行维护费 + 公务接待费',
        total: 'tp.total',
        parts: partsFen.map((x) => `tp.${x.k}`),
      });
      c.para('threePublic.parts', [`${y}年“三公”经费财政拨款支出决算中，`, ...joinParts(parts, '；'), '。']);
      partsFen.forEach((x, i) => {
        const prev = b.threePublicPrevious[x.k] ?? p?.threePublic[x.k].final ?? null;
        const n = say.money(`tp.${x.k}`, x.fen, THREE_PUBLIC_LABELS[x.k], `threePublic.${x.k}.final`);
        const cm = say.compare(
          `tp.${x.k}`,
          { id: n.id, fen: x.fen },
          prev,
          THREE_PUBLIC_LABELS[x.k],
          `threePublic.${x.k}.final`,
        );
        const counts: Part[] = [];
        const k = b.threePublicCounts;
        if (x.k === 'abroad' && k.abroadGroups !== null)
          counts.push(`全年安排因公出国（境）团组${k.abroadGroups}次，出国（境）${k.abroadPersons ?? 0}人。`);
        if (x.k === 'vehiclePurchase' && k.vehiclesPurchased !== null)
          counts.push(`全年按规定更新购置公务用车${k.vehiclesPurchased}辆。`);
        if (x.k === 'vehicleOperation' && k.vehicles !== null)
          counts.push(`截至${y}年12月底，单位共有公务用车${k.vehicles}辆。`);
        if (x.k === 'reception' && k.receptionBatches !== null)
          counts.push(`国内公务接待${k.receptionBatches}批次，${k.receptionPersons ?? 0}人次（不包括陪同人员）。`);
        c.para(`threePublic.${x.k}`, [
          `${i + 1}.${THREE_PUBLIC_LABELS[x.k]}支出`,
          n,
          '。',
          ...cm,
          cm.length ? '。' : '',
          ...counts,
        ]);
      });
    }
  }

  // 八、机关运行经费
  section('机关运行经费支出情况说明');
  const rc = b.runningCost.final;
  if (rc !== null) {
    const n = say.money('rc.total', rc, '机关运行经费', 'runningCost.final');
    const prev = b.runningCostPrevious ?? p?.runningCost.final ?? null;
    const cm = say.compare('rc.total', { id: n.id, fen: rc }, prev, '机关运行经费', 'runningCost.final');
    c.para('runningCost', [
      `${y}年，${f.unit.name}机关运行经费支出`,
      n,
      cm.length ? '，' : '。',
      ...(cm.length
        ? [...cm.map((x) => (typeof x === 'string' ? x.replace(`与${y - 1}年相比，`, `比${y - 1}年`) : x)), '。']
        : []),
    ]);
  } else {
    c.para('runningCost', [`${y}年度机关运行经费决算数未填报。`]);
    c.note(`${y}年度机关运行经费决算数未填报（runningCost.final）`);
  }

  // 九、政府采购
  section('政府采购支出情况说明');
  const pr = b.procurement;
  const prParts = (
    [
      ['goods', '政府采购货物支出'],
      ['works', '政府采购工程支出'],
      ['services', '政府采购服务支出'],
    ] as const
  ).filter(([k]) => pr[k] !== null);
  if (prParts.length) {
    const totalFen = prParts.reduce((a, [k]) => a + pr[k]!, 0);
    const tn = say.money('proc.total', totalFen, '政府采购支出总额', 'procurement.total');
    const parts = prParts.map(
      ([k, label]) => [label, say.money(`proc.${k}`, pr[k]!, label, `procurement.${k}`)] as Part[],
    );
    c.check({
      kind: 'sum',
      label: '政府采购支出总额 = 货物 + 工程 + 服务',
      total: tn.id,
      parts: prParts.map(([k]) => `proc.${k}`),
    });
    const sme: Part[] = [];
    if (pr.smeAwarded !== null) {
      const sn = say.money('proc.sme', pr.smeAwarded, '授予中小企业合同金额', 'procurement.smeAwarded');
      const sh = say.shareOf(
        'proc.sme.share',
        { id: sn.id, fen: pr.smeAwarded },
        { id: tn.id, fen: totalFen },
        '授予中小企业合同金额占政府采购支出总额的比重',
      );
      sme.push('授予中小企业合同金额', sn, ...(sh ? ['，占政府采购支出总额的', sh] : []), '。');
    }
    c.para('procurement', [
      `${y}年，${f.unit.name}政府采购支出总额`,
      tn,
      '，其中：',
      ...joinParts(parts, '、'),
      '。',
      ...sme,
    ]);
  } else {
    c.para('procurement', [`${y}年度政府采购支出未填报。`]);
    c.note(`${y}年度政府采购支出（货物、工程、服务）未填报（procurement）`);
  }

  // 十、国有资产
  section('国有资产占有使用情况说明');
  const a = b.assets;
  const money = assetSentences(say, b, p);
  const bits: Part[][] = [];
  if (a.vehicles !== null) bits.push([`共有车辆${a.vehicles}辆`]);
  if (a.largeEquipment !== null)
    bits.push([`单价50万元以上通用设备及单价100万元以上专用设备${a.largeEquipment}台（套）`]);
  if (money || bits.length)
    c.para('assets', [
      `截至${y}年12月31日，${f.unit.name}`,
      ...(money ?? []),
      ...(money && bits.length ? ['；'] : []),
      ...joinParts(bits, '，'),
      '。',
    ]);
  else {
    c.para('assets', [`${y}年度国有资产占有使用情况未填报。`]);
    c.note(`${y}年度国有资产（资产总额、车辆、大型设备）未填报（assets）`);
  }

  // 十一、预算绩效管理: each project's budget and execution (003:L84–88 "项目全年预算数18万元，执行数为18万元，
  // 完成预算的100%"), and the projects together (002:L106 "共有…三个项目。本年度共计支出7.92万元").
  if (b.projects.length) {
    section('预算绩效管理情况说明');
    const executed: string[] = [];
    b.projects.forEach((pr, i) => {
      const src = (k: string) => `projects.${pr.projectId}.${k}`;
      const budget = budgetOf(pr.amount);
      const fin = pr.amount.final;
      const parts: Part[] = [`（${i + 1}）${pr.name}：`];
      const bn =
        budget !== null ? say.money(`project.${i + 1}.budget`, budget, `${pr.name}全年预算数`, src('budget')) : null;
      const en = fin !== null ? say.money(`project.${i + 1}.final`, fin, `${pr.name}执行数`, src('final')) : null;
      if (en) executed.push(en.id);
      if (bn) parts.push('项目全年预算数', bn);
      if (en) parts.push(bn ? '，执行数为' : '项目执行数为', en);
      if (bn && en && budget) {
        const r = c.num(
          `project.${i + 1}.rate`,
          decText(div(mul(wanDec(fin!), HUNDRED), wanDec(budget))),
          '%',
          `${pr.name}完成预算比例`,
          `calc:project.${i + 1}.final÷project.${i + 1}.budget`,
        );
        c.check({ kind: 'ratio', label: `${pr.name}完成预算比例`, rate: r.id, numerator: en.id, denominator: bn.id });
        parts.push('，完成预算的', r);
      }
      if (!bn && !en) parts.push('预算数和执行数未填报');
      c.para(`project.${i + 1}`, [...parts, '。']);
    });
    const projFinal = b.stated.projectTotal.final;
    if (projFinal !== null) {
      const t = say.money('exp.project', projFinal, '项目支出', 'stated.projectTotal.final');
      if (executed.length === b.projects.length)
        c.check({ kind: 'sum', label: '项目支出 = 各项目执行数之和', total: t.id, parts: executed });
      c.para('projects', [
        `本部门在${y}年度部门决算中共有${b.projects.map((x) => `“${x.name}”`).join('')}等`,
        c.num('projects.count', String(b.projects.length), '个', '项目个数', `budget:${f.unit.id}:${y}:projects`),
        '项目，本年度共计支出',
        t,
        '。',
      ]);
    }
  }

  // ── 第三部分 名词解释 ──
  c.heading(1, '第三部分 名词解释');
  GLOSSARY.forEach((g, i) => c.para(`glossary.${i + 1}`, [`${i + 1}.${g}`]));

  return c.build(title ?? `${f.unit.name}${y}年度部门决算情况说明`, {
    subject: '部门决算情况说明',
    keywords: ['部门决算', String(y)],
  });
}
