/**
 * What the document is about (year, department, region) and the finding producers that are not
 * arithmetic: years or dates that do not belong to the report's year, another department's name
 * where the report speaks of its own management, figures written wrongly ("00%"), an execution
 * rate that contradicts the words beside it. Pure.
 */
import type { StatedNumber } from '../../../reports/domain/claims.js';
import type { ReportFinding } from '../findings.js';
import { sentenceAround, wordSpan, type TextUnit, type Token } from './scan.js';

export interface DocumentMeta {
  year: number | null;
  department: string | null;
  region: string | null;
}

const NOT_REGION = new Set([
  '全区',
  '我区',
  '本区',
  '城区',
  '辖区',
  '市区',
  '县区',
  '地区',
  '园区',
  '社区',
  '片区',
  '山区',
  '景区',
  '小区',
  '全县',
  '我县',
  '本县',
  '全市',
  '我市',
  '本市',
  '城市',
  '各区',
  '各县',
  '两区',
  '发区',
  '新区',
  '省市',
  '县市',
  '在市',
  '到市',
  '州市',
  '区县',
  '城县',
]);

export function documentMeta(units: readonly TextUnit[]): DocumentMeta {
  const text = units.map((u) => u.text).join('\n');
  let year: number | null = null;
  for (const u of units.slice(0, 400)) {
    const m = /((?:19|20)\d\d)\s*年度?[^。，,；\n]{0,24}?(决算|部门整体|整体支出|绩效(自评|评价)|绩效报告)/.exec(
      u.text,
    );
    if (m && !/〔|\[/.test(u.text.slice(Math.max(0, m.index - 1), m.index))) {
      year = Number(m[1]);
      break;
    }
  }
  if (year === null) {
    const counts = new Map<number, number>();
    for (const m of text.matchAll(/((?:19|20)\d\d)年/g)) counts.set(Number(m[1]), (counts.get(Number(m[1])) ?? 0) + 1);
    year = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
  }
  let department: string | null = null;
  let region: string | null = null;
  const full = /中共([\u4e00-\u9fa5]{2,20}?)(区委|县委|市委|州委|旗委)机构编制委员会办公室/.exec(text);
  if (full) {
    department = full[0];
    const base = full[1]!.replace(/^[\u4e00-\u9fa5]{2,3}省/, '');
    const level = full[2]!.slice(0, 1);
    region = base.endsWith(level) ? base : base + level;
  } else {
    const short = /(区|县|市)委编办/.exec(text);
    if (short) department = short[0];
  }
  if (!region) {
    const counts = new Map<string, number>();
    for (const m of text.matchAll(/([\u4e00-\u9fa5]{2})(区|县)(?![委政])/g)) {
      const name = m[1]! + m[2]!;
      if (NOT_REGION.has(name) || NOT_REGION.has(name.slice(-2))) continue;
      counts.set(name, (counts.get(name) ?? 0) + 1);
    }
    region = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
  }
  return { year, department, region };
}

function pseudo(unit: TextUnit, start: number, end: number, label: string): StatedNumber {
  return wordSpan(unit, start, end, label, 'x');
}

function finding(
  source: ReportFinding['source'],
  at: StatedNumber,
  label: string,
  message: string,
  stated: string,
  recomputed: string,
  how: string,
): ReportFinding {
  return { severity: 'warning', check: 'expected', source, label, at, message, stated, recomputed, how };
}

/** Years and as-of dates that do not belong to the report's year. */
export function yearFindings(units: readonly TextUnit[], year: number | null): ReportFinding[] {
  if (year === null) return [];
  const out: ReportFinding[] = [];
  for (const u of units) {
    for (const m of u.text.matchAll(/(截止|截至|截止到|截至到)\s*((?:19|20)\d\d)年(\d{1,2})月(\d{1,2})?日?/g)) {
      const y = Number(m[2]);
      if (y === year || (y === year + 1 && Number(m[3]) <= 6)) continue;
      const start = m.index + m[1]!.length;
      const at = pseudo(u, start, start + 4, '时点');
      out.push(
        finding(
          'year',
          at,
          '时点不属于报告年度',
          `“${at.sentence.slice(0, 60)}”中的时点${m[0].slice(m[1]!.length)}不属于报告年度${year}年`,
          `${y}年`,
          `${year}年`,
          `报告年度为${year}年，时点为${y}年`,
        ),
      );
    }
    for (const m of u.text.matchAll(/对((?:19|20)\d\d)年度?(部门整体支出|部门整体|项目支出)[^。]{0,12}?(自评|评价)/g)) {
      const y = Number(m[1]);
      if (y === year) continue;
      const at = pseudo(u, m.index + 1, m.index + 5, '评价年度');
      out.push(
        finding(
          'year',
          at,
          '评价年度不是报告年度',
          `“${at.sentence.slice(0, 60)}”称对${y}年开展评价，报告年度为${year}年`,
          `${y}年`,
          `${year}年`,
          `报告年度为${year}年`,
        ),
      );
    }
    for (const m of u.text.matchAll(/((?:19|20)\d\d)年度?/g)) {
      const y = Number(m[1]);
      if (y >= year - 1 || /[〔[（(]$/.test(u.text.slice(0, m.index))) continue;
      if (/(截止|截至)$/.test(u.text.slice(0, m.index))) continue;
      const sentence = sentenceAround(u.text, m.index);
      if (/(以来|重新|历年|曾|此前|自\d|始于|成立|组建于|创建)/.test(sentence)) continue;
      const at = pseudo(u, m.index, m.index + 4, '年份');
      out.push(
        finding(
          'year',
          at,
          '年份早于报告年度',
          `“${sentence.slice(0, 60)}”提到${y}年，报告年度为${year}年，请确认所引依据或数据的年度`,
          `${y}年`,
          `${year}年`,
          `${y} < ${year - 1}`,
        ),
      );
    }
  }
  return out;
}

/** Another department named where the report speaks of its own management. */
export function departmentFindings(units: readonly TextUnit[], meta: DocumentMeta): ReportFinding[] {
  const out: ReportFinding[] = [];
  const own = meta.department ?? '';
  for (const u of units) {
    for (const m of u.text.matchAll(
      /((?:区|县|市)[\u4e00-\u9fa5]{1,8}?(?:局|委员会|办公室|中心))(资产管理|财务管理|整体支出|部门决算|绩效自评|固定资产)/g,
    )) {
      const name = m[1]!;
      if (/编/.test(name) || own.includes(name)) continue;
      const at = pseudo(u, m.index, m.index + name.length, '部门名称');
      out.push(
        finding(
          'department',
          at,
          '报告中出现其他部门',
          `“${at.sentence.slice(0, 60)}”写的是${name}的${m[2]}，本报告为${own || '本部门'}`,
          name,
          own || '本部门',
          '部门名称与报告部门不符',
        ),
      );
    }
    if (/编/.test(own)) {
      for (const m of u.text.matchAll(/(我局|本局)/g)) {
        const at = pseudo(u, m.index, m.index + 2, '部门名称');
        out.push(
          finding(
            'department',
            at,
            '报告中出现其他部门',
            `“${at.sentence.slice(0, 60)}”自称“${m[1]}”，本报告为${own}`,
            m[1]!,
            own,
            '部门自称与报告部门不符',
          ),
        );
      }
    }
  }
  return out;
}

/** Figures written wrongly, and execution rates that contradict the words beside them. */
export function textFindings(units: readonly TextUnit[], tokens: ReadonlyMap<TextUnit, Token[]>): ReportFinding[] {
  const out: ReportFinding[] = [];
  for (const u of units) {
    for (const t of tokens.get(u) ?? []) {
      if (/^0\d/.test(t.n.text)) {
        out.push(
          finding(
            'text',
            t.n,
            '数字书写有误',
            `“${t.n.sentence.slice(0, 60)}”中的“${t.n.text}${t.n.unit}”书写有误`,
            t.n.text,
            t.n.value,
            `“${t.n.text}”按${t.n.value}理解`,
          ),
        );
      }
      if (t.n.unit !== '%' || !/完成(年初)?预算(数)?(的)?$/.test(t.rawLabel.trim())) continue;
      const rest = u.text.slice(t.end, t.end + 40);
      const v = Number(t.n.value);
      if (v === 100 && /决算数(大于|小于|超过)预算数/.test(rest)) {
        out.push(
          finding(
            'text',
            t.n,
            '完成率与说明矛盾',
            `“${t.n.sentence.slice(0, 60)}”：完成预算100%即决算等于预算，却说${/决算数(大于|小于|超过)预算数/.exec(rest)![0]}`,
            '100%',
            '≠100%',
            '决算 ÷ 预算 = 100% ⇔ 决算 = 预算',
          ),
        );
      }
      if (v === 0 && /持平|无变化/.test(rest.slice(0, 20))) {
        out.push(
          finding(
            'text',
            t.n,
            '完成率无定义',
            `“${t.n.sentence.slice(0, 60)}”：预算与决算均为0时完成率无法计算，写作0%又称持平`,
            '0%',
            '0 ÷ 0',
            '分母为零',
          ),
        );
      }
    }
  }
  return out;
}
