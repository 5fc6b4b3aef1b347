/**
 * 项目绩效目标完成情况表 (seed 003, 财预〔2020〕10号 form): one table per project of the year —
 * budget, execution and execution rate bound to the budget facts, the annual target and outcome,
 * and the indicator rows of the project sheet with their scores.
 */
import { cell } from '../../../platform/documents/index.js';
import { Composer, type Built, type Part } from '../domain/compose.js';
import { decText, trimZeros, wanDec, type NumberStyle } from '../domain/numbers.js';
import { div, HUNDRED, mul } from '../../performance/domain/decimal.js';
import { MissingFact, needBudget, type ReportFacts } from './common.js';

const LEVEL_LABELS = { output: '产出指标', outcome: '效益指标', satisfaction: '满意度指标' } as const;
const OPS = { '>=': '≥', '<=': '≤', '=': '=', text: '' } as const;

export function buildProjectTable(
  f: ReportFacts,
  edits: Record<string, string>,
  title?: string,
  style?: NumberStyle,
): Built {
  const b = needBudget(f);
  const sheets = f.projects ?? [];
  if (!b.projects.length)
    throw new MissingFact(
      `budget:${f.unit.id}:${f.year}:projects`,
      `${f.unit.name}${f.year}年度部门预算中没有项目，无法生成项目绩效目标完成情况表`,
    );
  const c = new Composer(edits, style);
  const y = f.year;
  c.para('intro', [`${f.unit.name}${y}年度共有项目${b.projects.length}个，各项目绩效目标完成情况如下。`]);
  b.projects.forEach((p, i) => {
    const k = `p${i + 1}`;
    const sheet = sheets.find((s) => s.projectName === p.name);
    c.heading(2, `（${['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'][i] ?? i + 1}）${p.name}`);
    const budget = p.amount.adjusted ?? p.amount.initial;
    const executed = p.amount.final;
    const src = (path: string) => `budget:${f.unit.id}:${y}:projects.${p.projectId}.${path}`;
    const cells: Part[] = [];
    const bn =
      budget !== null
        ? c.num(`${k}.budget`, decText(wanDec(budget), 6), '万元', `${p.name}全年预算数`, src('budget'))
        : null;
    const en =
      executed !== null
        ? c.num(`${k}.executed`, decText(wanDec(executed), 6), '万元', `${p.name}全年执行数`, src('final'))
        : null;
    let rn = null;
    if (bn && en && budget) {
      rn = c.num(
        `${k}.rate`,
        decText(div(mul(wanDec(executed!), HUNDRED), wanDec(budget))),
        '%',
        `${p.name}执行率`,
        `calc:${k}.executed÷${k}.budget`,
      );
      c.check({ kind: 'ratio', label: `${p.name}预算执行率`, rate: rn.id, numerator: en.id, denominator: bn.id });
    }
    if (!bn) c.note(`项目“${p.name}”的预算数未填报（${src('budget')}）`);
    if (!en) c.note(`项目“${p.name}”的执行数未填报（${src('final')}）`);
    cells.push(bn ?? '—', en ?? '—', rn ?? '—');
    const rows: (Part | ReturnType<typeof cell>)[][] = [
      [cell('项目名称', { bold: true }), cell(p.name, { colSpan: 5 })],
      [
        cell('项目资金（万元）', { bold: true }),
        cell('全年预算数'),
        cells[0]!,
        cell('全年执行数'),
        cells[1]!,
        cell(''),
      ],
      [
        cell('执行率（%）', { bold: true }),
        cells[2]!,
        cell('分值'),
        cell('10'),
        cell('得分'),
        cell(sheet?.execution.score ?? '—'),
      ],
      [cell('年度总体目标', { bold: true }), cell(sheet?.annualTarget || '（未填报）', { colSpan: 5, align: 'left' })],
      [cell('实际完成情况', { bold: true }), cell(sheet?.actualOutcome || '（未填报）', { colSpan: 5, align: 'left' })],
      ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '得分'].map((h) => cell(h, { bold: true })),
    ];
    const inds = sheet?.indicators ?? [];
    if (!inds.length) {
      rows.push([cell('（绩效指标未填报）', { colSpan: 6 })]);
      c.note(`项目“${p.name}”的绩效指标未填报（项目绩效自评表）`);
    }
    inds.forEach((ind, j) => {
      const target =
        ind.target.op === 'text'
          ? (ind.target.text ?? '')
          : `${OPS[ind.target.op]}${ind.target.value ?? ''}${ind.target.unit ?? ''}`;
      const actual =
        ind.actual.text ?? (ind.actual.value !== undefined ? `${ind.actual.value}${ind.target.unit ?? ''}` : '');
      const pts = c.num(
        `${k}.i${j + 1}.points`,
        String(ind.points),
        '分',
        `${ind.name}分值`,
        `project:${p.projectId}:${j + 1}.points`,
      );
      const sc =
        ind.score !== null
          ? c.num(
              `${k}.i${j + 1}.score`,
              trimZeros(ind.score),
              '分',
              `${ind.name}得分`,
              `project:${p.projectId}:${j + 1}.score`,
            )
          : null;
      if (sc) c.check({ kind: 'scoreCap', label: `${ind.name}得分不超过分值`, score: sc.id, points: pts.id });
      rows.push([
        cell(LEVEL_LABELS[ind.level]),
        cell(ind.level2),
        cell(`${ind.name}（${ind.points}分）`),
        cell(target),
        cell(actual),
        sc ?? '—',
      ]);
    });
    rows.push([
      cell('总分', { bold: true, colSpan: 5 }),
      sheet?.total
        ? c.num(`${k}.total`, trimZeros(sheet.total), '分', `${p.name}总分`, `project:${p.projectId}:total`)
        : '—',
    ]);
    c.table([{ width: 2 }, { width: 2 }, { width: 3 }, { width: 2 }, { width: 2 }, { width: 1.5 }], [], rows, {
      caption: `项目支出绩效自评表（${y}年度）`,
      fontSizePt: 10.5,
    });
  });
  if (b.stated.projectTotal.final !== null && b.projects.every((p) => p.amount.final !== null)) {
    const t = c.num(
      'projects.total',
      decText(wanDec(b.stated.projectTotal.final), 6),
      '万元',
      '项目支出合计',
      `budget:${f.unit.id}:${y}:stated.projectTotal.final`,
    );
    c.check({
      kind: 'sum',
      label: '项目支出 = 各项目执行数之和',
      total: t.id,
      parts: b.projects.map((_, i) => `p${i + 1}.executed`),
    });
    c.para('total', [`${y}年项目支出合计`, t, `（${b.projects.length}个项目）。`]);
  }
  return c.build(title ?? `${f.unit.name}${y}年度项目绩效目标完成情况表`, {
    subject: '项目绩效目标完成情况表',
    keywords: ['项目绩效', String(y)],
  });
}
