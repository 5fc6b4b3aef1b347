/**
 * Checking one read document: units of text (paragraphs and table cells) → figures → statement
 * patterns (prose, scores) and document-wide identities → the library's checks → findings, with
 * the producers that are not arithmetic (years, departments, wording). Pure.
 *
 * Document-wide identities:
 *  - the same figure stated twice must agree (labels of the totals a report states in several
 *    sections: 收入合计, 支出合计, 基本支出, 实有人数 …; where all income is 一般公共预算财政拨款
 *    (stated as 100%), its 支出 and 基本支出 are the document's 支出合计 and 基本支出);
 *  - 预算经费（应拨付） = 基本支出预算 + 项目支出预算;
 *  - 净资产 = 资产 − 负债, and its growth against last year's assets and liabilities implied by
 *    their own growth rates;
 *  - an item's "完成预算x%" that equals its share of the total is checked against its budget
 *    implied by the total's and the other items' execution rates;
 *  - in a project's self-evaluation, every "预算x万元" equals the project's 资金分配 total.
 */
import type { StatedNumber } from '../../reports/domain/claims.js';
import { ex, runChecks, type AnyCheck, type DerivedNumber } from '../../reports/domain/checks.js';
import type { Block, ReadDocument } from './read/document.js';
import { departmentFindings, documentMeta, textFindings, yearFindings, type DocumentMeta } from './extract/meta.js';
import { dimOf, isComparison, ProseExtractor, type Statement } from './extract/prose.js';
import { resetIds, scanUnit, type TextUnit, type Token } from './extract/scan.js';
import { ScoreExtractor } from './extract/scores.js';
import { wordingFindings } from './extract/wording.js';
import { classification } from '../../budget/classification.js';
import type { Classification } from '../../budget/domain/classification.js';
import type { ReportFinding } from './findings.js';

export interface CheckedDocument {
  meta: DocumentMeta;
  blocks: Block[];
  numbers: StatedNumber[];
  checks: AnyCheck[];
  derived: DerivedNumber[];
  statements: Statement[];
  findings: ReportFinding[];
}

const SAME_FIGURE =
  /^(收入合计|支出合计|收支总计|财政拨款收支总计|基本支出|项目支出|人员经费|日常公用经费|一般公共预算财政拨款(收入|支出|基本支出)|政府性基金预算(财政)?拨款(收入|支出)|三公经费财政拨款支出决算|机关运行经费支出|实有人数|人员编制|政府采购支出总额)$/;

export function unitsOf(blocks: readonly Block[]): TextUnit[] {
  const units: TextUnit[] = [];
  for (const [i, b] of blocks.entries()) {
    if (b.kind === 'paragraph') units.push({ block: i, kind: 'paragraph', text: b.text, line: b.line });
    else {
      for (const [r, row] of b.rows.entries()) {
        for (const [c, cell] of row.cells.entries()) {
          units.push({ block: i, kind: 'table', text: cell.text, line: cell.line, row: r, col: c });
        }
      }
    }
  }
  return units;
}

export interface CheckOptions {
  /** Subject names per year for the rule on renamed subjects; default the shipped classification. */
  classification?: Classification | null;
}

export function checkDocument(doc: ReadDocument, options: CheckOptions = {}): CheckedDocument {
  resetIds();
  const units = unitsOf(doc.blocks);
  const tokens = new Map<TextUnit, Token[]>();
  for (const u of units) tokens.set(u, scanUnit(u));
  const meta = documentMeta(units);

  // Scores first (they settle the unit of bare score cells and the labels of key–value cells).
  const scores = new ScoreExtractor();
  for (const [i, b] of doc.blocks.entries()) {
    if (b.kind === 'paragraph') {
      const u = units.find((x) => x.block === i)!;
      scores.paragraph(u, tokens.get(u)!);
    } else {
      const cellUnits = units.filter((x) => x.block === i);
      const at = (r: number, c: number) => cellUnits.find((x) => x.row === r && x.col === c)!;
      scores.table(b, (r, c) => tokens.get(at(r, c)) ?? [], at);
    }
  }
  scores.finish();

  const prose = new ProseExtractor();
  for (const [k, u] of units.entries()) {
    const ts = tokens.get(u)!;
    if (u.kind === 'table' && (ts.length === 0 || u.text.length < 12)) {
      prose.registerFigures(ts);
      continue;
    }
    const following: { unit: TextUnit; tokens: Token[] }[] = [];
    for (const f of units.slice(k + 1, k + 14)) {
      if (f.kind !== 'paragraph') break;
      following.push({ unit: f, tokens: tokens.get(f)! });
    }
    prose.paragraph(u, ts, following);
  }

  const all = units.flatMap((u) => tokens.get(u)!);
  const checks: AnyCheck[] = [...scores.out.checks, ...prose.out.checks];
  const derived: DerivedNumber[] = [...scores.out.derived, ...prose.out.derived];
  const before = checks.length;
  documentIdentities(all, prose, units, checks, derived);
  const byId = new Map(all.map((t) => [t.n.id, t]));
  const statements: Statement[] = [...scores.out.statements, ...prose.out.statements];
  for (const c of checks.slice(before)) {
    const ids =
      JSON.stringify(c)
        .match(/"n\d+"/g)
        ?.map((x) => x.slice(1, -1)) ?? [];
    const first = ids.map((id) => byId.get(id)).find((t) => t !== undefined);
    if (first)
      statements.push({
        kind: c.kind === 'equal' ? 'figure' : 'sum',
        line: first.n.location.line ?? first.unit.line,
        sentence: first.n.sentence,
        ids,
      });
  }

  const numbers = all.map((t) => t.n);
  const findings: ReportFinding[] = [];
  const seen = new Set<string>();
  for (const c of checks) {
    let fs;
    try {
      fs = runChecks(numbers, [c], { derived });
    } catch (e) {
      if (process.env.REPORT_CHECK_DEBUG) console.error('check failed', c, e);
      continue;
    }
    for (const f of fs) {
      const key = `${f.at.id}|${f.severity}|${f.recomputed}|${f.check === 'sum' || f.check === 'equal' ? 'x' : f.check}`;
      if (seen.has(key)) continue;
      seen.add(key);
      findings.push({ ...f, source: 'check' });
    }
  }
  for (const n of scores.out.numbering) {
    const at: StatedNumber = {
      id: `num${n.unit.block}`,
      text: n.text,
      value: '0',
      decimals: 0,
      unit: '',
      location: { block: n.unit.block, kind: n.unit.kind, start: 0, end: n.text.length, line: n.unit.line },
      sentence: n.unit.text.slice(0, 80),
      label: '编号',
    };
    findings.push({
      severity: 'warning',
      check: 'sum',
      source: 'numbering',
      label: '编号层级混排',
      at,
      message: n.message,
      stated: n.text,
      recomputed: '',
      how: n.message,
    });
  }
  for (const f of [
    ...yearFindings(units, meta.year),
    ...departmentFindings(units, meta),
    ...textFindings(units, tokens),
    ...wordingFindings({
      blocks: doc.blocks,
      units,
      tokens,
      meta,
      checks,
      classification: options.classification === undefined ? classification() : options.classification,
    }),
  ]) {
    const key = `${f.source}|${f.at.location.line}|${f.stated}`;
    if (seen.has(key)) continue;
    seen.add(key);
    findings.push(f);
  }
  findings.sort(
    (a, b) =>
      (a.at.location.line ?? 0) - (b.at.location.line ?? 0) || (a.at.location.start ?? 0) - (b.at.location.start ?? 0),
  );
  return {
    meta,
    blocks: doc.blocks,
    numbers,
    checks,
    derived,
    statements,
    findings,
  };
}

function documentIdentities(
  all: Token[],
  prose: ProseExtractor,
  units: TextUnit[],
  checks: AnyCheck[],
  derived: DerivedNumber[],
): void {
  // ── the same figure stated twice ──
  const hundred = prose.shares.some(
    (s) => s.share.n.value === '100' && /^一般公共预算财政拨款收入$/.test(s.part.label),
  );
  const alias = (label: string): { label: string; aliased: boolean } => {
    if (hundred) {
      if (label === '一般公共预算财政拨款支出') return { label: '支出合计', aliased: true };
      if (label === '一般公共预算财政拨款基本支出') return { label: '基本支出', aliased: true };
    }
    return { label, aliased: false };
  };
  const groups = new Map<string, { t: Token; aliased: boolean }[]>();
  for (const t of all) {
    if (t.paren || isComparison(t) || dimOf(t) === 'percent' || !SAME_FIGURE.test(t.label)) continue;
    if (/主要(变动)?原因|主要是/.test(t.unit.text.slice(0, t.start).split(/[。]/).pop() ?? '')) continue;
    const a = alias(t.label);
    const g = groups.get(a.label) ?? [];
    g.push({ t, aliased: a.aliased });
    groups.set(a.label, g);
  }
  for (const [label, g] of groups) {
    if (g.length < 2) continue;
    const ref = g.find((x) => !x.aliased) ?? g[0]!;
    for (const x of g) {
      const kinds = new Set([dimOf(x.t), dimOf(ref.t)].filter((d) => d !== 'none'));
      if (x === ref || kinds.size > 1) continue;
      checks.push({ kind: 'equal', label: `${label}（多处表述）`, a: ref.t.n.id, b: x.t.n.id });
    }
  }

  // ── 预算经费（应拨付） = 基本支出预算 + 项目支出预算 ──
  const money = all.filter((t) => dimOf(t) === 'money' && !t.paren && !isComparison(t));
  const budgetTotal = money.find(
    (t) => /(应拨付|预算经费|预算总额|全年预算)/.test(t.label) && !/(基本|项目)/.test(t.label),
  );
  const basic = money.find((t) => /^基本支出预算(数)?$/.test(t.label));
  const project = money.find((t) => /^项目支出预算(数)?$/.test(t.label));
  if (budgetTotal && basic && project) {
    checks.push({
      kind: 'sum',
      label: '预算总额（基本支出预算 + 项目支出预算）',
      total: budgetTotal.n.id,
      parts: [basic.n.id, project.n.id],
    });
  }

  // ── 净资产 = 资产 − 负债, and its growth ──
  const rateOf = (t: Token | undefined) => (t ? prose.rateOnly.find((r) => r.subject === t) : undefined);
  const assets = money.find((t) => /^资产总额/.test(t.label));
  const liabilities = all.find((t) => /^负债总额/.test(t.label) && dimOf(t) === 'money');
  const net = money.find((t) => /^净资产/.test(t.label));
  if (assets && liabilities && net && assets.unit === net.unit) {
    checks.push({
      kind: 'identity',
      label: '净资产（资产 − 负债）',
      plus: [assets.n.id],
      minus: [liabilities.n.id],
      result: net.n.id,
    });
    const ra = rateOf(assets);
    const rl = rateOf(liabilities);
    const rn = rateOf(net);
    if (ra && rl && rn) {
      const prev = (t: Token, r: Token) => {
        const down = /(减少|下降|降低)(了|达|为)?$/.test(r.rawLabel.trim());
        return ex.div(
          ex.ref(t.n.id),
          down ? ex.sub(ex.num('1'), ex.pct(ex.ref(r.n.id))) : ex.add(ex.num('1'), ex.pct(ex.ref(r.n.id))),
        );
      };
      const id = `d_net_prev`;
      derived.push({
        id,
        label: '上年净资产（按资产、负债的增减率推算）',
        unit: '万元',
        expr: ex.sub(prev(assets, ra.rate), prev(liabilities, rl.rate)),
      });
      const down = /(减少|下降|降低)(了|达|为)?$/.test(rn.rate.rawLabel.trim());
      checks.push({
        kind: 'growth',
        label: '净资产增减率（按上年资产、负债推算）',
        rate: rn.rate.n.id,
        current: net.n.id,
        previous: id,
        direction: down ? 'down' : 'up',
      });
    }
  }

  // ── an execution rate that is the item's share ──
  for (const er of prose.executionRates) {
    if (!er.actual || er.budget) continue;
    const share = prose.shares.find(
      (s) => s.share.n.value === er.rate.n.value && s.part.n.value === er.actual!.n.value,
    );
    if (!share) continue;
    const list = prose.sums.find((s) => s.total === share.whole);
    const wholeRate = prose.executionRates.find(
      (x) => x.actual && x.actual.n.value === share.whole.n.value && x !== er && !x.budget,
    );
    if (!list || !wholeRate) continue;
    const others: { actual: Token; rate: Token }[] = [];
    let ok = true;
    for (const p of list.parts) {
      if (p === share.part) continue;
      const r = prose.executionRates.find(
        (x) =>
          x.actual &&
          x.actual.n.value === p.n.value &&
          x.rate !== er.rate &&
          (x.actual.label.startsWith(p.label.slice(0, 4)) || p.label.startsWith(x.actual.label.slice(0, 4))),
      );
      if (r) others.push({ actual: r.actual!, rate: r.rate });
      else if (p.n.value !== '0') ok = false;
    }
    if (!ok) continue;
    const id = `d_budget_${er.rate.n.id}`;
    derived.push({
      id,
      label: `${er.actual.label}预算（按合计与其他各项的完成率推算）`,
      unit: '万元',
      expr: ex.sub(
        ex.div(ex.ref(wholeRate.actual!.n.id), ex.pct(ex.ref(wholeRate.rate.n.id))),
        ex.add(ex.num('0'), ...others.map((o) => ex.div(ex.ref(o.actual.n.id), ex.pct(ex.ref(o.rate.n.id))))),
      ),
    });
    checks.push({
      kind: 'ratio',
      label: `${er.actual.label}的预算完成率`,
      rate: er.rate.n.id,
      numerator: er.actual.n.id,
      denominator: id,
    });
  }

  // ── counts of one kind of unit with digitised archives, stated in two sections ──
  const digitised = new Map<string, Token[]>();
  for (const t of all) {
    if (dimOf(t) !== 'count' || !/[家个]/.test(t.unitText) || !/(数字化|电子化)/.test(t.n.sentence)) continue;
    const sentenceStart = t.unit.text.lastIndexOf('。', t.start) + 1;
    if (/其中/.test(t.unit.text.slice(sentenceStart, t.start))) continue;
    const m = /^([\u4e00-\u9fa5、]{2,8}?)(的|和|与|及|，|。)/.exec(t.unit.text.slice(t.end, t.end + 16));
    if (!m) continue;
    const entity = m[1]!.replace(/、/g, '');
    digitised.set(entity, [...(digitised.get(entity) ?? []), t]);
  }
  for (const [entity, g] of digitised) {
    for (const t of g.slice(1)) {
      if (t.unit.block === g[0]!.unit.block) continue;
      checks.push({ kind: 'equal', label: `档案数字化的${entity}数（两处表述）`, a: g[0]!.n.id, b: t.n.id });
    }
  }

  // ── a project's self-evaluation: every 预算 equals its 资金分配 total ──
  const starts = units
    .filter(
      (u) =>
        u.kind === 'paragraph' &&
        /(项目)?支出绩效(自评|评价)报\s*告$/.test(u.text.replace(/\s+/g, '')) &&
        u.text.length < 40,
    )
    .map((u) => u.block);
  for (const [k, from] of starts.entries()) {
    const to = starts[k + 1] ?? Infinity;
    const inSection = (t: Token) => t.unit.block > from && t.unit.block < to;
    const ref = prose.sums.find((s) => inSection(s.total) && /(共计|合计)/.test(s.total.rawLabel));
    if (!ref) continue;
    for (const t of money) {
      if (!inSection(t) || t === ref.total || !/预算(数)?$/.test(t.rawLabel.trim())) continue;
      checks.push({ kind: 'equal', label: '项目预算（与资金分配合计）', a: ref.total.n.id, b: t.n.id });
    }
  }
}
