/**
 * 部门整体支出绩效自评报告, in the structure the seeds share (seed 001 shows the full form):
 * 部门概况 (职能、机构、人员、资产) → 收支情况 → 绩效管理情况 → 绩效目标完成情况 and the scoring
 * table (一级/二级/三级指标, 评分标准, 分值, 自评得分, 扣分原因) → 问题及原因 → 改进措施 → 结果应用
 * 和公开, then the evaluators' table and the signature lines. Staff figures are the roster's as of
 * the year end (each with an `expected` check, so an edited head count is compared with the
 * roster); scores come from the evaluation.
 */
import { INCOME_SOURCES, INCOME_SOURCE_LABELS, THREE_PUBLIC_LABELS, THREE_PUBLIC_PARTS } from '@bianban/contracts';
import { cell, chineseDate, text } from '../../../platform/documents/index.js';
import { Composer, type Built, type Num, type Part } from '../domain/compose.js';
import { trimZeros, type NumberStyle } from '../domain/numbers.js';
import { CN_NUM, joinParts, MissingFact, needBudget, Say, type ReportFacts } from './common.js';

export function buildSelfEvaluation(
  f: ReportFacts,
  edits: Record<string, string>,
  title?: string,
  style?: NumberStyle,
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
  c.heading(2, '（四）资产情况');
  const a = b.assets;
  const assetBits: Part[][] = [];
  if (a.total !== null) assetBits.push(['资产总额', say.money('assets.total', a.total, '资产总额', 'assets.total')]);
  if (a.fixedAssets !== null)
    assetBits.push(['固定资产', say.money('assets.fixed', a.fixedAssets, '固定资产', 'assets.fixedAssets')]);
  if (a.fixedAssetsInUse !== null)
    assetBits.push([
      '其中在用固定资产',
      say.money('assets.fixedInUse', a.fixedAssetsInUse, '在用固定资产', 'assets.fixedAssetsInUse'),
    ]);
  if (a.vehicles !== null) assetBits.push([`公务车辆${a.vehicles}辆`]);
  if (assetBits.length) c.para('assets', [`截至${y}年12月31日，`, ...joinParts(assetBits, '，'), '。']);
  else {
    c.para('assets', [`${y}年末资产情况未填报。`]);
    c.note(`${y}年度国有资产（资产总额、固定资产）未填报（assets）`);
  }

  // 二、收支情况
  section('部门（单位）收支情况');
  c.heading(2, '（一）收入情况');
  const sources = INCOME_SOURCES.map((s) => ({ s, fen: b.income[s].final })).filter(
    (x): x is { s: typeof x.s; fen: number } => x.fen !== null && x.fen !== 0,
  );
  const incomeFen = sources.reduce((acc, x) => acc + x.fen, 0);
  const carryIn = b.carryIn;
  const grandFen = b.stated.grandTotal ?? (sources.length ? incomeFen + (carryIn ?? 0) : b.stated.incomeTotal.final);
  if (grandFen === null)
    throw new MissingFact(
      `budget:${f.unit.id}:${y}:income`,
      `${y}年度部门决算的收入（合计及各来源的决算数）未填报，无法生成收入情况`,
    );
  const grand = say.money('income.grand', grandFen, '收入合计', 'stated.grandTotal');
  const incParts: Part[][] = [];
  const incIds: string[] = [];
  if (carryIn !== null && carryIn !== 0) {
    const n = say.money('carryIn', carryIn, '上年结转', 'carryIn');
    incParts.push(['上年结转', n]);
    incIds.push(n.id);
  }
  for (const x of sources) {
    const n = say.money(`income.${x.s}`, x.fen, INCOME_SOURCE_LABELS[x.s], `income.${x.s}.final`);
    incParts.push([INCOME_SOURCE_LABELS[x.s], n]);
    incIds.push(n.id);
  }
  if (incIds.length)
    c.check({ kind: 'sum', label: '收入合计 = 上年结转 + 本年各项收入', total: grand.id, parts: incIds });
  c.para('income', [
    `${y}年收入合计`,
    grand,
    ...(incParts.length ? ['，其中：', ...joinParts(incParts, '，')] : []),
    '。',
  ]);

  c.heading(2, '（二）支出情况');
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
  const ep: Part[] = [`${y}年本单位整体支出`, exp];
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
  if (b.carryOut !== null && carryIn !== null && sources.length) {
    const co = say.money('carryOut', b.carryOut, '年末结转和结余', 'carryOut');
    c.check({
      kind: 'identity',
      label: '年末结转和结余 = 上年结转 + 本年收入 − 本年支出',
      plus: incIds,
      minus: [exp.id],
      result: co.id,
    });
    c.para('carryOut', [`${y}年末结转和结余`, co, '。']);
  }
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
    if (budget !== null)
      ctl.push('，财政下达控制数', say.money('tp.budget', budget, '“三公”经费控制数', 'threePublic.budget'));
    c.para('threePublic', [
      `${y}年“三公”经费支出`,
      tp,
      ...ctl,
      ...(parts.length ? ['，其中：', ...joinParts(parts, '，')] : []),
      '。',
    ]);
  }

  // 三、绩效管理情况
  section('部门（单位）绩效管理情况');
  c.para('framework', [
    `本次自评采用“${ev.framework.name}”（第${ev.framework.version}版）${ev.framework.basis ? `，依据${ev.framework.basis}` : ''}。`,
  ]);
  paras('goals', '部门整体绩效目标');

  // 四、绩效目标完成情况
  section('绩效目标完成情况及评分');
  paras('achievement', '绩效目标完成情况');
  const byKey = new Map(ev.indicators.map((i) => [i.key, i]));
  const children = new Map<string | null, typeof ev.indicators>();
  for (const i of ev.indicators) children.set(i.parentKey, [...(children.get(i.parentKey) ?? []), i]);
  const leaves = ev.indicators.filter((i) => !children.get(i.key)?.length);
  const scoreOf = (i: (typeof ev.indicators)[number]) => i.adjustedScore ?? i.score;
  const tops = children.get(null) ?? [];
  const leavesUnder = (key: string): typeof leaves => {
    const out: typeof leaves = [];
    const go = (k: string) => {
      const kids = children.get(k) ?? [];
      if (!kids.length) out.push(byKey.get(k)!);
      kids.forEach((x) => go(x.key));
    };
    go(key);
    return out;
  };
  // Subtotals per 一级指标 and the total, stated in a sentence; the table states the leaves.
  const total = ev.adjustedTotal ?? ev.total;
  const grade = ev.adjustedGrade ?? ev.grade;
  if (total !== null && grade !== null) {
    const tn = c.num('score.total', trimZeros(total), '分', '绩效自评综合得分', `evaluation:${ev.id}:total`);
    const subs = tops.map((t) => {
      const s = scoreOf(t);
      return s === null
        ? null
        : ([
            t.name,
            c.num(`score.${t.key}`, trimZeros(s), '分', `${t.name}得分`, `evaluation:${ev.id}:${t.key}`),
          ] as Part[]);
    });
    const gn = c.num('score.grade', grade, '', '评价等次', `evaluation:${ev.id}:grade`);
    c.check({ kind: 'grade', label: '评价等次与综合得分相符', total: tn.id, grade: gn.id, bands: ev.framework.grades });
    if (subs.every((x) => x !== null))
      c.check({
        kind: 'sum',
        label: '综合得分 = 各一级指标得分之和',
        total: tn.id,
        parts: tops.map((t) => `score.${t.key}`),
      });
    c.para('score', [
      '经自评，部门整体支出绩效自评综合得分',
      tn,
      ...(subs.every((x) => x !== null) ? ['（', ...joinParts(subs as Part[][], '、'), '）'] : []),
      '，评价等次为“',
      gn,
      '”。',
    ]);
  } else {
    const missing = ev.missing.map((m) => `${m.name}：${m.error}`).join('；');
    c.para('score', [`绩效自评尚未完成，综合得分暂缺${missing ? `（${missing}）` : ''}。`]);
    c.note(`绩效自评综合得分未能计算：${missing || '有指标尚未评分'}`);
  }
  // Scoring table.
  const header = [
    ['一级指标', '二级指标', '三级指标', '评分标准', '分值', '自评得分', '扣分原因和其他说明'].map((h) =>
      cell(h, { bold: true, align: 'center' }),
    ),
  ];
  const body: (Part | ReturnType<typeof cell>)[][] = [];
  const seen = new Set<string>();
  for (const leaf of leaves) {
    const path: typeof leaves = [];
    for (let k: string | null = leaf.parentKey; k; k = byKey.get(k)?.parentKey ?? null) path.unshift(byKey.get(k)!);
    const row: (Part | ReturnType<typeof cell>)[] = [];
    const names = [...path, leaf];
    // Columns 1–3: ancestors with row spans; a shallow leaf spans the remaining name columns.
    for (let lvl = 0; lvl < Math.min(names.length, 3); lvl++) {
      const n =
        lvl === 2
          ? {
              ...leaf,
              name: names
                .slice(2)
                .map((x) => x.name)
                .join('—'),
            }
          : names[lvl]!;
      const isLeafCol = n.key === leaf.key || lvl === 2;
      if (!isLeafCol) {
        if (seen.has(n.key)) continue;
        seen.add(n.key);
        row.push(
          cell(`${n.name}（${trimZeros(n.points)}分）`, { rowSpan: leavesUnder(n.key).length, align: 'center' }),
        );
      } else {
        row.push(cell(n.name, { colSpan: 3 - lvl, align: 'left' }));
        break;
      }
    }
    row.push(cell(leaf.guidance ?? leaf.explanation ?? '', { align: 'left' }));
    row.push(
      c.num(
        `points.${leaf.key}`,
        trimZeros(leaf.points),
        '分',
        `${leaf.name}分值`,
        `framework:${ev.framework.versionId}:${leaf.key}.points`,
      ),
    );
    const s = scoreOf(leaf);
    if (s === null) {
      row.push('—');
      c.note(`指标“${leaf.name}”未能评分：${leaf.error ?? '缺少数据'}`);
    } else {
      const sn = c.num(
        `score.${leaf.key}`,
        trimZeros(s),
        '分',
        `${leaf.name}自评得分`,
        `evaluation:${ev.id}:${leaf.key}`,
      );
      c.check({ kind: 'scoreCap', label: `${leaf.name}得分不超过分值`, score: sn.id, points: `points.${leaf.key}` });
      row.push(sn);
    }
    const reason =
      leaf.adjustmentReason ??
      (leaf.entry && 'reason' in leaf.entry ? String((leaf.entry as { reason?: string }).reason ?? '') : '') ??
      '';
    row.push(
      cell(reason || (s !== null && Number(s) < Number(leaf.points) ? (leaf.explanation ?? '') : ''), {
        align: 'left',
      }),
    );
    body.push(row);
  }
  // Subtotal checks: each 一级指标's stated score = its leaves' scores.
  for (const t of tops) {
    const ls = leavesUnder(t.key).filter((l) => scoreOf(l) !== null);
    if (ls.length === leavesUnder(t.key).length && scoreOf(t) !== null)
      c.check({
        kind: 'sum',
        label: `${t.name}得分 = 其各项指标得分之和`,
        total: `score.${t.key}`,
        parts: ls.map((l) => `score.${l.key}`),
      });
  }
  const totalPoints = tops.reduce((acc, t) => acc + Number(t.points), 0);
  body.push([
    cell('总分', { colSpan: 4, bold: true, align: 'center' }),
    c.num('points.total', trimZeros(String(totalPoints)), '分', '总分值', `framework:${ev.framework.versionId}:points`),
    total !== null
      ? c.num('score.total', trimZeros(total), '分', '绩效自评综合得分', `evaluation:${ev.id}:total`)
      : '—',
    cell(grade ? `评价等次：${grade}` : ''),
  ]);
  c.check({
    kind: 'sum',
    label: '总分值 = 各项指标分值之和',
    total: 'points.total',
    parts: leaves.map((l) => `points.${l.key}`),
  });
  if (total !== null && leaves.every((l) => scoreOf(l) !== null))
    c.check({
      kind: 'sum',
      label: '总分 = 各项指标自评得分之和（评分表）',
      total: 'score.total~2',
      parts: leaves.map((l) => `score.${l.key}`),
    });
  c.table(
    [{ width: 1.3 }, { width: 1.3 }, { width: 1.8 }, { width: 4 }, { width: 0.8 }, { width: 0.9 }, { width: 1.8 }],
    header,
    body,
    { caption: '部门整体支出绩效评价评分表', fontSizePt: 10.5 },
  );
  if (ev.findings.length) c.note(`评分一致性提示：${ev.findings.map((x) => x.message).join('；')}`);

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
