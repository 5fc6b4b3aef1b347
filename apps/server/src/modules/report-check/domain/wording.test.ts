/**
 * The rules about words, each on a hand-made document: the broken version raises the named finding
 * (severity, stated, recomputed, line), the correct version raises nothing.
 */
import { describe, expect, it } from 'vitest';
import { flattenedTable } from '../test/fixtures.js';
import { checkDocument } from './check.js';
import { readPlainText } from './read/index.js';

const run = (text: string) => checkDocument(readPlainText(text));
const title = '中共示例县委机构编制委员会办公室2022年度部门整体支出绩效自评报告\n';

const scoringHeader = ['一级指标', '二级指标', '三级指标', '评分标准', '分值', '自评得分', '扣分原因和其他说明'];
const scoringTable = (...rows: string[][]) => flattenedTable([scoringHeader, ...rows]);
const staffStandard = '以100%为标准。在职人员控制率≤100%，计5分；每超过一个百分点扣0.5分，扣完为止。';
const balanceStandard = '无结余，3分；有结余，但不超过上年结转，2分；结余超过上年结转，不得分。';

interface WordingCase {
  name: string;
  ok: string;
  broken: string;
  finding: { severity: 'error' | 'warning'; label: string; stated: string; recomputed: string; line: number };
}

const CASES: WordingCase[] = [
  {
    name: 'completeness words beside a rate below 100 %',
    ok: `${title}年度预算执行情况（10分）：预算经费应拨付资金175.2万元，实际支出金额175.2万元，全部完成支付，得分10分。`,
    broken: `${title}年度预算执行情况（10分）：预算经费应拨付资金175.2万元，实际支出金额167.96万元，全部完成支付，得分9分。`,
    finding: {
      severity: 'warning',
      label: '完成词与执行率不符',
      stated: '全部完成支付',
      recomputed: '95.87%',
      line: 2,
    },
  },
  {
    name: '“分别” with N subjects and M values',
    ok: `${title}2022年集体经济收入3.08万元，人均34.2元，同比分别增长31%、25%。`,
    broken: `${title}2022年集体经济收入3.08万元，人均34.2元，同比分别增长31%，25%；46%，43%。`,
    finding: {
      severity: 'warning',
      label: '“分别”的对象与数值个数不符',
      stated: '4个数值（31%，25%；46%，43%）',
      recomputed: '2个对象',
      line: 2,
    },
  },
  {
    name: '“分别” after subjects named in words',
    ok: `${title}全年收入和支出分别增长5%、6%。`,
    broken: `${title}全年收入和支出分别增长5%、6%、7%。`,
    finding: {
      severity: 'warning',
      label: '“分别”的对象与数值个数不符',
      stated: '3个数值（5%、6%、7%）',
      recomputed: '2个对象',
      line: 2,
    },
  },
  {
    name: 'a subject named as in an earlier year’s classification',
    ok: `${title}4.卫生健康支出（类）行政事业单位医疗（款）行政单位医疗（项）：支出决算为12.97万元。`,
    broken: `${title}4.医疗卫生与计划生育（类）行政事业单位医疗（款）行政单位医疗（项）：支出决算为12.97万元。`,
    finding: {
      severity: 'warning',
      label: '科目名称已更名',
      stated: '医疗卫生与计划生育（类）',
      recomputed: '卫生健康支出',
      line: 2,
    },
  },
  {
    name: '“未开展” while the document carries such reports',
    ok: `${title}我办组织开展了2022年项目支出绩效评价。\n附件\n办公设备购置项目支出绩效自评报告\n一、项目概况`,
    broken: `${title}我办未组织开展2022年项目支出绩效评价。\n附件\n办公设备购置项目支出绩效自评报告\n一、项目概况`,
    finding: {
      severity: 'warning',
      label: '称未开展却附有报告',
      stated: '未组织开展2022年项目支出绩效评价',
      recomputed: '载有1份项目支出绩效自评（评价）报告',
      line: 2,
    },
  },
  {
    name: 'a category stated as 0 then described as managed',
    ok: `${title}2022年本单位整体支出104.76万元，其中基本支出94.76万元，项目支出10万元。\n3、专项资金管理情况分析：评价小组对项目资金管理情况进行了现场评价，项目资金做到专款专用。`,
    broken: `${title}2022年本单位整体支出104.76万元，其中基本支出104.76万元，项目支出0万元。\n3、专项资金管理情况分析：评价小组对项目资金管理情况进行了现场评价，项目资金做到专款专用。`,
    finding: {
      severity: 'warning',
      label: '为零的类别被描述为已管理',
      stated: '进行了现场评价',
      recomputed: '项目支出0万元',
      line: 3,
    },
  },
  {
    name: 'the year of an activity and of its details',
    ok: `${title}三是顺利完成2021年度事业单位法人年度报告公示。2021年度全县需进行公示的事业单位104家，已公示104家。`,
    broken: `${title}三是顺利完成2022年度事业单位法人年度报告公示。2021年度全县需进行公示的事业单位104家，已公示104家。`,
    finding: {
      severity: 'warning',
      label: '标题年度与正文年度不符',
      stated: '2022年度',
      recomputed: '2021年度',
      line: 2,
    },
  },
  {
    name: 'a 满意度 row without a satisfaction value',
    ok: `${title}${flattenedTable([
      ['一级指标', '二级指标', '三级指标', '指标值', '完成值'],
      ['满意度指标', '满意度指标', '服务对象满意度', '≥90%', '95%'],
    ])}`,
    broken: `${title}${flattenedTable([
      ['一级指标', '二级指标', '三级指标', '指标值', '完成值'],
      ['满意度指标', '满意度指标', '全面反映机构改革的成果。', '落实了总量控制规定', '数据及时准确上报'],
    ])}`,
    finding: {
      severity: 'warning',
      label: '满意度指标无满意度值',
      stated: '全面反映机构改革的成果。',
      recomputed: '无满意度（%或满意程度）',
      line: 10,
    },
  },
  {
    name: 'indicator name against the rate its standard measures',
    ok: `${title}${scoringTable(['投入', '预算配置', '在职人员控制率', staffStandard, '5', '5', ''])}`,
    broken: `${title}${scoringTable(['投入', '预算配置', '财政供养人员控制率', staffStandard, '5', '5', ''])}`,
    finding: {
      severity: 'warning',
      label: '指标名与评分标准不符',
      stated: '财政供养人员控制率',
      recomputed: '在职人员控制率',
      line: 12,
    },
  },
  {
    name: 'a threshold standard applied to the stated staff figures',
    ok: `${title}核定行政编制4名，事业编制2名，截至2022年12月31日，实有6人。\n${scoringTable(['投入', '预算配置', '在职人员控制率', staffStandard, '5', '5', ''])}`,
    broken: `${title}核定行政编制4名，事业编制2名，截至2022年12月31日，实有7人。\n${scoringTable(['投入', '预算配置', '在职人员控制率', staffStandard, '5', '5', ''])}`,
    finding: { severity: 'error', label: '评分标准套用所述数字', stated: '5', recomputed: '0', line: 14 },
  },
  {
    name: 'a categorical standard (结余 against 上年结转) applied to the stated figures',
    ok: `${title}2022年上年结转3万元，当年结余2万元。\n${scoringTable(['过程', '预算执行', '资金结余', balanceStandard, '3', '2', ''])}`,
    broken: `${title}2022年上年结转3万元，当年结余6.05万元。\n${scoringTable(['过程', '预算执行', '资金结余', balanceStandard, '3', '3', ''])}`,
    finding: { severity: 'error', label: '评分标准套用所述数字', stated: '3', recomputed: '0', line: 14 },
  },
  {
    name: '“无此考核指标” with a partial score',
    ok: `${title}${scoringTable(['产出', '职责履行', '重点工程完成情况', '', '2', '2', '无此考核指标'])}`,
    broken: `${title}${scoringTable(['产出', '职责履行', '重点工程完成情况', '', '2', '1', '无此考核指标'])}`,
    finding: {
      severity: 'warning',
      label: '不适用却给部分得分',
      stated: '1分（分值2分）',
      recomputed: '不适用，无评分依据',
      line: 16,
    },
  },
  {
    name: 'a rate of change whose inputs are both zero',
    ok: `${title}结转结余变动率（5分）：本年结转结余2万元，上年结转结余2万元，变动率0%，得分5分。`,
    broken: `${title}结转结余变动率（5分）：我单位无结转结余，得分0分。`,
    finding: {
      severity: 'warning',
      label: '比率的两项均为零',
      stated: '无结转结余，得分0分',
      recomputed: '0 ÷ 0（无定义）',
      line: 2,
    },
  },
  {
    name: 'an indicator name missing a character',
    ok: `${title}结转结余变动率（5分）：本年结转结余2万元，上年结转结余2万元，变动率0%，得分5分。`,
    broken: `${title}转结余变动率（5分）：本年结转结余2万元，上年结转结余2万元，变动率0%，得分5分。`,
    finding: {
      severity: 'warning',
      label: '指标名缺字',
      stated: '转结余变动率',
      recomputed: '结转结余变动率',
      line: 2,
    },
  },
];

describe.each(CASES)('$name', (c) => {
  it('the correct document raises no finding', () => {
    expect(run(c.ok).findings.map((f) => `${f.at.location.line}: ${f.message}`)).toEqual([]);
  });
  it('the broken document raises the named finding at its line', () => {
    const r = run(c.broken);
    const hit = r.findings.find((f) => f.label === c.finding.label);
    expect(hit, r.findings.map((f) => `${f.label} ${f.stated}→${f.recomputed} ${f.message}`).join('\n')).toMatchObject({
      severity: c.finding.severity,
      source: 'text',
      stated: c.finding.stated,
      recomputed: c.finding.recomputed,
    });
    expect(hit!.at.location.line).toBe(c.finding.line);
    expect(hit!.message).toBeTruthy();
    expect(hit!.how).toBeTruthy();
  });
});

describe('rules that need context', () => {
  it('a subject name valid in the report year is not flagged (2018 still used 医疗卫生与计划生育)', () => {
    const r = run(
      '中共示例县委机构编制委员会办公室2018年度部门决算\n4.医疗卫生与计划生育（类）行政事业单位医疗（款）：支出决算为12.97万元。',
    );
    expect(r.findings.filter((f) => f.label === '科目名称已更名')).toEqual([]);
  });

  it('without a classification the rule on renamed subjects is off', () => {
    const r = checkDocument(
      readPlainText(`${title}4.医疗卫生与计划生育（类）行政事业单位医疗（款）：支出决算为12.97万元。`),
      { classification: null },
    );
    expect(r.findings).toEqual([]);
  });

  it('a standard applied to figures that disagree warns, naming both readings', () => {
    const r = run(
      `${title}${flattenedTable([
        ['人员编制', '6', '实有人数', '4'],
      ])}\n\n核定行政编制4名，事业编制2名，截至2022年12月31日，实有7人。\n${scoringTable(['投入', '预算配置', '在职人员控制率', staffStandard, '5', '5', ''])}`,
    );
    const f = r.findings.find((x) => x.label === '评分标准套用所述数字')!;
    expect(f).toMatchObject({ severity: 'warning', stated: '5', recomputed: '0' });
    expect(f.how).toContain('实有4人');
    expect(f.how).toContain('116.67%');
  });

  it('the budget of “全部完成支付” is taken from its parts when the stated one is off by 10⁴', () => {
    const r = run(
      `${title}年度预算执行情况（10分）：编办预算经费应拨付资金1752007.7万元，实际支出金额167.958448万元，全部完成支付，得分9分。\n基本支出预算执行率（5分）：基本支出预算164.20077万元，决算156.958448万元。执行率96%，得分4分。\n项目支出预算执行率（5分）：项目支出预算11万元，决算11万元。执行率100%，得分5分。`,
    );
    expect(r.findings.find((x) => x.label === '完成词与执行率不符')).toMatchObject({ recomputed: '95.87%' });
    expect(r.findings.find((x) => x.severity === 'error')).toMatchObject({
      stated: '1752007.7',
      recomputed: '175.20077',
    });
  });
});
