/**
 * Seed coverage (issue 5's acceptance: "regenerate each of the five seeds' reports from the
 * fixtures: every number the seed states correctly appears identically"), measured:
 *
 * 1. The report-check extractor reads the seed text and lists every figure it states (text, unit,
 *    label, line). Figures inside the excerpt of a SEED_INCONSISTENCIES entry on their line are
 *    dropped (the seed states them wrongly, or they are part of the wrong statement).
 * 2. The seed's report is regenerated from the demo facts and the fixtures, in the office's number
 *    style (ADR 0013): 000, 001 and 004 are self-evaluations (selfEvaluation, with the published
 *    scores of the fixtures — 000 and 004 have no evaluation in the demo data, their frameworks are
 *    drafts as printed), 002 and 003 are 决算说明 (finalAccounts); 003's project tables are the
 *    project table (projectTable, with the fixtures' project sheets). No user prose is put in: no
 *    narrative beyond the demo's, no reasons — every figure found is written by a template from facts.
 * 3. The same extractor reads the regenerated text (tables flattened as the seeds are). Each seed
 *    figure, in line order, takes one report figure with the same text and unit (a bare table cell
 *    matches any unit), the one whose label is nearest; a report figure is taken once, so a figure
 *    the seed states five times needs five statements.
 *
 * What is not found is classified in seed-coverage.fixture.ts (reviewed): a fact the template does
 * not state yet (a), outside the platform's facts (b), a form no style reproduces (c), out of the
 * report's scope (d), or no figure at all (x: a list number the extractor read).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { and, eq } from 'drizzle-orm';
import {
  FrameworkBodySchema,
  type FrameworkBodyInput,
  type IndicatorNode,
  type ProjectSheetView,
  type ReportKind,
} from '@bianban/contracts';
import type { z } from 'zod';
import { SEED_NUMBER_STYLES, type SeedKey } from '../../db/demo/report-styles.js';
import type { Db } from '../../db/client.js';
import { unit } from '../../db/schema.js';
import { resolveScope } from '../../platform/auth/scope.js';
import { runsText, type Document } from '../../platform/documents/index.js';
import { walk } from '../performance/domain/framework.js';
import { heshui2023Framework } from '../performance/fixtures/framework-heshui-2023.js';
import { wanzhou2020Framework } from '../performance/fixtures/framework-wanzhou-2020.js';
import { yueyang2020Framework } from '../performance/fixtures/framework-yueyang-2020.js';
import { GUANGYUAN_2020_PROJECTS } from '../performance/fixtures/project-tables.js';
import { heshui2023Scores, wanzhou2020Scores, yueyang2020Scores } from '../performance/fixtures/published-scores.js';
import { SEED_INCONSISTENCIES } from '../performance/fixtures/seed-inconsistencies.js';
import { SEED_FILES, type PublishedScores } from '../performance/fixtures/types.js';
import { evaluation } from '../performance/performance.schema.js';
import { checkDocument } from '../report-check/domain/check.js';
import { readPlainText } from '../report-check/domain/read/index.js';
import type { NumberUnit } from './domain/claims.js';
import type { Built } from './domain/compose.js';
import { buildReport } from './reports.build.js';
import { loadReportFacts } from './reports.facts.js';
import type { CoverageClass, UnmatchedFigures } from './seed-coverage.fixture.js';
import type { ReportFacts } from './templates/common.js';

export const SEEDS: readonly SeedKey[] = ['000', '001', '002', '003', '004'];

/** Each seed's office, year and the templates that regenerate it. */
export const SEED_REPORTS: Record<SeedKey, { region: string; office: string; year: number; kinds: ReportKind[] }> = {
  '000': { region: '500101', office: '中共重庆市万州区委机构编制委员会办公室', year: 2020, kinds: ['selfEvaluation'] },
  '001': { region: '430611', office: '中共岳阳市君山区委机构编制委员会办公室', year: 2020, kinds: ['selfEvaluation'] },
  '002': { region: '510403', office: '中共攀枝花市西区区委机构编制委员会办公室', year: 2021, kinds: ['finalAccounts'] },
  '003': {
    region: '510800',
    office: '中共广元市委机构编制委员会办公室',
    year: 2020,
    kinds: ['finalAccounts', 'projectTable'],
  },
  '004': { region: '621024', office: '中共合水县委机构编制委员会办公室', year: 2023, kinds: ['selfEvaluation'] },
};

const SCORED: Partial<Record<SeedKey, { framework: FrameworkBodyInput; scores: PublishedScores }>> = {
  '000': { framework: wanzhou2020Framework, scores: wanzhou2020Scores },
  '001': { framework: yueyang2020Framework, scores: yueyang2020Scores },
  '004': { framework: heshui2023Framework, scores: heshui2023Scores },
};

/** One figure: as written (text), its unit, label and sentence, and the seed line (or 0 in a report). */
export interface Figure {
  line: number;
  text: string;
  unit: NumberUnit;
  label: string;
  sentence: string;
}

/** How a figure is named in the fixture: text and unit as the extractor reads them ("682个", "18万元", "6"). */
export const figureName = (f: { text: string; unit: NumberUnit }): string => `${f.text}${f.unit}`;

const SEED_DIR = fileURLToPath(new URL('../../../../../test-data/seeds/', import.meta.url));

export function seedText(seed: SeedKey): string {
  return readFileSync(SEED_DIR + SEED_FILES[seed], 'utf8');
}

function figuresOf(text: string): (Figure & { before: string })[] {
  const doc = readPlainText(text);
  return checkDocument(doc).numbers.map((n) => {
    const b = doc.blocks[n.location.block];
    const t =
      b?.kind === 'paragraph' ? b.text : (b?.rows[n.location.row ?? -1]?.cells[n.location.col ?? -1]?.text ?? '');
    const at = n.location.start ?? 0;
    return {
      line: n.location.line ?? 0,
      text: n.text,
      unit: n.unit,
      label: n.label ?? '',
      sentence: n.sentence,
      before: t.slice(Math.max(0, at - 3), at),
    };
  });
}

/** Lines a computation names: "第97、98、101行", "第40–44行". */
function namedLines(how: string): Set<number> {
  const out = new Set<number>();
  for (const m of how.matchAll(/第([\d、，和及–-]+)行/g))
    for (const part of m[1]!.split(/[、，和及]/)) {
      const [a, b] = part.split(/[–-]/).map(Number);
      if (a === undefined || Number.isNaN(a)) continue;
      for (let k = a; k <= (b && !Number.isNaN(b) ? b : a); k++) out.add(k);
    }
  return out;
}

/**
 * The seed's figures, less the ones inside the excerpt of a SEED_INCONSISTENCIES entry on their
 * line (`dropped`, with the entry's kind and excerpt).
 */
export function seedFigures(seed: SeedKey): { figures: Figure[]; dropped: (Figure & { entry: string })[] } {
  const all = figuresOf(seedText(seed));
  const entries = SEED_INCONSISTENCIES.filter((e) => e.seed === seed);
  const figures: Figure[] = [];
  const dropped: (Figure & { entry: string })[] = [];
  for (const { before, ...f } of all) {
    // In the excerpt: the figure with the (up to) three characters before it ("机构10"), on the
    // entry's line or on a line its computation names as the same statement ("第97、98、101行同样…").
    const entry = entries.find(
      (e) =>
        (e.line === f.line || (before !== '' && namedLines(e.how).has(f.line))) &&
        e.sentence.split('……').some((frag) => frag.includes(before + f.text)),
    );
    if (entry) dropped.push({ ...f, entry: `${entry.kind}：${entry.sentence}` });
    else figures.push(f);
  }
  return { figures, dropped };
}

/** The document's text as the seeds are exported: paragraphs one a line, a table one cell a line after a tab. */
export function documentText(doc: Document): string {
  const out: string[] = [doc.title];
  for (const b of doc.blocks) {
    if (b.kind === 'heading' || b.kind === 'paragraph') out.push(runsText(b.runs));
    else if (b.kind === 'table') {
      out.push('');
      if (b.caption) out.push(b.caption, '');
      for (const row of [...b.header, ...b.rows]) {
        for (const c of row) out.push(`\t${runsText(c.runs).replace(/\n/g, ' ')}`);
        out.push('');
      }
    }
  }
  return out.join('\n');
}

/** Every figure the regenerated reports state (read back by the extractor). */
export function reportFigures(built: readonly Built[]): Figure[] {
  return built.flatMap((b) => figuresOf(documentText(b.document)).map(({ before: _, ...f }) => ({ ...f, line: 0 })));
}

const bigrams = (s: string): Set<string> => {
  const t = s.replace(/[^\u4e00-\u9fa5]/g, '');
  const out = new Set<string>();
  for (let i = 0; i + 1 < t.length; i++) out.add(t.slice(i, i + 2));
  return out;
};
const overlap = (a: Set<string>, b: Set<string>) => [...a].filter((x) => b.has(x)).length;

/**
 * Seed figures → the report figure each takes (or null): a greedy assignment over all pairs with
 * the same text and a compatible unit, best pair first — the same unit, then the nearest label,
 * then the nearest sentence, then the earlier seed line. A bare table cell is compatible with any
 * unit; a bare number inside words only with a bare number after the same words ("变动率≦0"), so a
 * list number ("6.贯彻…", "目标2：") is never matched by chance.
 */
export function matchFigures(seed: readonly Figure[], report: readonly Figure[]): (Figure | null)[] {
  const rb = report.map((r) => ({ label: bigrams(r.label), sentence: bigrams(r.sentence) }));
  const byText = new Map<string, number[]>();
  report.forEach((r, j) => byText.set(r.text, [...(byText.get(r.text) ?? []), j]));
  const pairs: { i: number; j: number; score: number }[] = [];
  seed.forEach((s, i) => {
    // A bare number inside words ("变动率≦0", "6.贯彻…", "目标2：") only matches the same words.
    const inWords = s.unit === '' && s.sentence.trim() !== s.text;
    const sl = bigrams(s.label);
    const ss = bigrams(s.sentence);
    for (const j of byText.get(s.text) ?? []) {
      const r = report[j]!;
      if (inWords && (r.unit !== '' || s.label === '' || r.label !== s.label)) continue;
      if (s.unit !== '' && r.unit !== '' && r.unit !== s.unit) continue;
      const score =
        (r.unit === s.unit ? 1_000_000 : 0) + overlap(sl, rb[j]!.label) * 1000 + overlap(ss, rb[j]!.sentence);
      pairs.push({ i, j, score });
    }
  });
  pairs.sort((a, b) => b.score - a.score || a.i - b.i || a.j - b.j);
  const out: (Figure | null)[] = seed.map(() => null);
  const used = new Set<number>();
  for (const p of pairs) {
    if (out[p.i] || used.has(p.j)) continue;
    out[p.i] = report[p.j]!;
    used.add(p.j);
  }
  return out;
}

type Evaluation = NonNullable<ReportFacts['evaluation']>;

/**
 * The evaluation with the seed's published scores (fixtures): the demo evaluation where there is one
 * (its metrics, staff and surveys kept), else one made from the fixture framework (000 and 004: the
 * frameworks as printed do not pass the structure check, so the demo keeps them as drafts and
 * evaluates nothing). Parents take the printed subtotal, else the sum of their children. No reasons:
 * they are the evaluator's prose.
 */
export function withPublishedScores(
  facts: ReportFacts,
  framework: FrameworkBodyInput,
  scores: PublishedScores,
): Evaluation {
  const body = FrameworkBodySchema.parse(framework);
  const printed = new Map([...scores.leaves, ...scores.subtotals].map((s) => [s.key, s.score]));
  const nodes = [...walk(body.indicators)];
  const parentOf = new Map<string, string | null>();
  const depthOf = new Map<string, number>();
  const visit = (list: IndicatorNode[], parent: string | null, depth: number) => {
    for (const n of list) {
      parentOf.set(n.key, parent);
      depthOf.set(n.key, depth);
      visit(n.children ?? [], n.key, depth + 1);
    }
  };
  visit(body.indicators, null, 1);
  const scoreOf = (n: IndicatorNode): number =>
    printed.get(n.key) ?? (n.children ?? []).reduce((a, c) => a + scoreOf(c), 0);
  const base: Evaluation = facts.evaluation ?? {
    id: '00000000-0000-4000-8000-000000000000',
    unitId: facts.unit.id,
    unitName: facts.unit.name,
    year: facts.year,
    state: 'draft',
    framework: {
      versionId: '00000000-0000-4000-8000-000000000001',
      frameworkId: '00000000-0000-4000-8000-000000000002',
      name: body.name,
      version: 1,
      kind: body.kind,
      basis: body.basis,
      grades: body.grades,
    },
    indicators: [],
    metrics: [],
    total: null,
    grade: null,
    adjustedTotal: null,
    adjustedGrade: null,
    missing: [],
    findings: [],
    narrative: {},
    evaluators: [],
    surveys: [],
    staff: null,
    frozen: false,
    history: [],
  };
  return {
    ...base,
    indicators: nodes.map(({ node }) => ({
      key: node.key,
      parentKey: parentOf.get(node.key) ?? null,
      depth: depthOf.get(node.key) ?? 1,
      name: node.name,
      points: String(node.points),
      guidance: node.guidance ?? null,
      rule: node.rule ?? null,
      ruleKind: node.rule?.kind ?? null,
      metricKey: node.source?.kind === 'metric' ? node.source.metric : null,
      score: String(scoreOf(node)),
      explanation: null,
      error: null,
      adjustedScore: null,
      adjustmentReason: null,
      entry: null,
      evidenceFileIds: [],
    })),
    total: String(scores.total.score),
    grade: scores.grade.grade,
    adjustedTotal: null,
    adjustedGrade: null,
    missing: [],
  };
}

type Sheet = z.infer<typeof ProjectSheetView>;
const LEVELS = { 项目完成指标: 'output', 产出指标: 'output', 效益指标: 'outcome', 满意度指标: 'satisfaction' } as const;

/** 003's project sheets as the fixtures hold them (the demo stores the budget of each project, not its sheet). */
export function withProjectSheets(facts: ReportFacts): Sheet[] {
  return (facts.projects ?? []).map((s) => {
    const t = GUANGYUAN_2020_PROJECTS.find((p) => p.name === s.projectName);
    if (!t) return s;
    return {
      ...s,
      annualTarget: t.annualTarget ?? '',
      actualOutcome: t.annualActual ?? '',
      indicators: t.targets.map((r) => ({
        level: LEVELS[(r.level1 ?? '产出指标') as keyof typeof LEVELS] ?? 'output',
        level2: r.level2 ?? '',
        name: r.level3,
        points: 0,
        target: { op: 'text' as const, text: r.expectedText },
        actual: { text: r.actualText },
        score: null,
        explanation: '',
        error: null,
      })),
    };
  });
}

export interface SeedRun {
  seed: SeedKey;
  built: Built[];
  figures: Figure[];
  dropped: (Figure & { entry: string })[];
  /** Per seed figure, the report figure it matched, or null. */
  matched: (Figure | null)[];
}

/** Regenerates a seed's reports from the facts (as read by `loadReportFacts`) and the fixtures. */
export function regenerate(seed: SeedKey, facts: Partial<Record<ReportKind, ReportFacts>>): Built[] {
  const style = SEED_NUMBER_STYLES[seed].style;
  return SEED_REPORTS[seed].kinds.map((kind) => {
    let f = facts[kind];
    if (!f) throw new Error(`${seed}: ${kind} 的事实未读取`);
    const scored = SCORED[seed];
    if (kind === 'selfEvaluation' && scored)
      f = { ...f, evaluation: withPublishedScores(f, scored.framework, scored.scores) };
    if (kind === 'projectTable') f = { ...f, projects: withProjectSheets(f) };
    // The framework's 评分版式 (000: scored sections, 004: indicator paragraphs; 001: the table).
    const scoreLayout = scored ? FrameworkBodySchema.parse(scored.framework).scoreLayout : undefined;
    return buildReport(kind, f, { numberStyle: style, scoreLayout });
  });
}

export function coverage(seed: SeedKey, built: Built[]): SeedRun {
  const { figures, dropped } = seedFigures(seed);
  return { seed, built, figures, dropped, matched: matchFigures(figures, reportFigures(built)) };
}

/** The facts each seed's templates read, from a database holding the demo data. */
export async function seedFacts(db: Db, seed: SeedKey): Promise<Partial<Record<ReportKind, ReportFacts>>> {
  const { region, office, year, kinds } = SEED_REPORTS[seed];
  const scope = await resolveScope(db, region, null);
  const u = (
    await db
      .select()
      .from(unit)
      .where(and(eq(unit.regionCode, region), eq(unit.name, office)))
  )[0];
  if (!u) throw new Error(`${seed}: ${office} 不在演示数据中`);
  const ev = (
    await db
      .select()
      .from(evaluation)
      .where(and(eq(evaluation.unitId, u.id), eq(evaluation.year, year)))
  )[0];
  const out: Partial<Record<ReportKind, ReportFacts>> = {};
  for (const kind of kinds)
    out[kind] = await loadReportFacts(db, scope, {
      kind,
      unitId: u.id,
      year,
      evaluationId: kind === 'selfEvaluation' ? (ev?.id ?? null) : null,
    });
  return out;
}

export interface CoverageSummary {
  seed: SeedKey;
  /** Every figure the extractor reads in the seed. */
  figures: number;
  /** Inside a SEED_INCONSISTENCIES excerpt. */
  dropped: number;
  /** The rest: what the regenerated report must state. */
  counted: number;
  /** Stated identically in the regenerated report. */
  found: number;
  /** The unmatched ones by their reviewed class. */
  byClass: Record<CoverageClass, number>;
  /** Unmatched but not in the reviewed list ("line figure"). */
  unlisted: string[];
  /** In the reviewed list but matched now. */
  stale: string[];
}

/** The run against the reviewed list: counts, and what the list misses or lists in vain. */
export function summarise(run: SeedRun, listed: readonly UnmatchedFigures[]): CoverageSummary {
  const key = (line: number, figure: string) => `${line} ${figure}`;
  const left = new Map<string, CoverageClass[]>();
  for (const g of listed)
    for (const fig of g.figures) left.set(key(g.line, fig), [...(left.get(key(g.line, fig)) ?? []), g.class]);
  const byClass: Record<CoverageClass, number> = { a: 0, b: 0, c: 0, d: 0, e: 0, x: 0 };
  const unlisted: string[] = [];
  run.figures.forEach((f, i) => {
    if (run.matched[i]) return;
    const k = key(f.line, figureName(f));
    const classes = left.get(k);
    const cls = classes?.shift();
    if (cls) byClass[cls]++;
    else unlisted.push(k);
  });
  const stale = [...left].flatMap(([k, classes]) => classes.map(() => k));
  return {
    seed: run.seed,
    figures: run.figures.length + run.dropped.length,
    dropped: run.dropped.length,
    counted: run.figures.length,
    found: run.matched.filter(Boolean).length,
    byClass,
    unlisted,
    stale,
  };
}

/** The table of docs/reports.md ("Regenerating the seeds"). */
export function coverageTable(rows: readonly CoverageSummary[]): string {
  const pct = (a: number, b: number) => `${((a / b) * 100).toFixed(1)}%`;
  return [
    '| seed | figures | in an inconsistency | counted | found identically | (a) | (b) | (c) | (d) | (e) | (x) |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map(
      (r) =>
        `| ${r.seed} | ${r.figures} | ${r.dropped} | ${r.counted} | ${r.found} (${pct(r.found, r.counted)}) | ${r.byClass.a} | ${r.byClass.b} | ${r.byClass.c} | ${r.byClass.d} | ${r.byClass.e} | ${r.byClass.x} |`,
    ),
  ].join('\n');
}
