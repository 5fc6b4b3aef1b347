import { describe, expect, it } from 'vitest';
import { scoreIndicator, scoreProject, type ProjectIndicator, type ProjectSheet } from './project.js';
import { toText } from './decimal.js';

const ind = (over: Partial<ProjectIndicator>): ProjectIndicator => ({
  level: 'output',
  level2: '数量指标',
  name: '完成档案电子化',
  points: 20,
  target: { op: '>=', value: 100, unit: '卷' },
  actual: { value: 100 },
  ...over,
});
const s = (i: ProjectIndicator) => {
  const r = scoreIndicator(i, 0);
  return { score: r.score === null ? null : toText(r.score, 2), error: r.error, explanation: r.explanation };
};

describe('project indicators (财预〔2020〕10号)', () => {
  it('≥ targets earn in proportion, capped at the points', () => {
    expect(s(ind({ actual: { value: 120 } })).score).toBe('20');
    expect(s(ind({ actual: { value: 90 }, deviationReason: '部分档案待移交' }))).toMatchObject({
      score: '18',
      error: null,
      explanation: '目标≥100卷，实际90卷，得18分',
    });
  });
  it('below full points a deviation reason is required', () => {
    expect(s(ind({ actual: { value: 90 } })).error).toBe('“完成档案电子化”未完成目标，须说明偏差原因');
  });
  it('≤ targets are full within the target and proportional above it', () => {
    const cost = ind({ level2: '成本指标', name: '单位成本', target: { op: '<=', value: 5, unit: '万元' } });
    expect(s({ ...cost, actual: { value: 4.5 } }).score).toBe('20');
    expect(s({ ...cost, actual: { value: 8 }, deviationReason: '超支' }).score).toBe('12.5');
  });
  it('qualitative targets are met or not; missing values are named', () => {
    const q = ind({ target: { op: 'text', text: '系统稳定运行' }, actual: { met: true } });
    expect(s(q).score).toBe('20');
    expect(s({ ...q, actual: {} }).error).toBe('请判断“完成档案电子化”是否达到目标');
    expect(s(ind({ actual: {} })).error).toBe('“完成档案电子化”缺少实际完成值');
  });
});

describe('project score', () => {
  const sheet = (over: Partial<ProjectSheet> = {}): ProjectSheet => ({
    projectName: '机构编制核查及实名制系统维护',
    annualTarget: '',
    actualOutcome: '',
    budget: 1_000_000,
    executed: 950_000,
    indicators: [
      ind({ points: 50 }),
      ind({
        level: 'outcome',
        level2: '社会效益指标',
        name: '服务保障',
        points: 30,
        target: { op: 'text', text: '有效' },
        actual: { met: true },
      }),
      ind({
        level: 'satisfaction',
        level2: '服务对象满意度指标',
        name: '满意度',
        points: 10,
        target: { op: '>=', value: 90, unit: '%' },
        actual: { value: 95 },
      }),
    ],
    ...over,
  });
  it('adds budget execution (10 × rate) and the three levels; grades the total', () => {
    const r = scoreProject(sheet());
    expect(toText(r.execution.rate!)).toBe('95');
    expect(toText(r.execution.score!)).toBe('9.5');
    expect(toText(r.total!)).toBe('99.5');
    expect(r.grade).toBe('优');
    expect(r.problems).toEqual([]);
  });
  it('flags levels whose points differ from the 10号 weights and refuses a zero budget', () => {
    const r = scoreProject(sheet({ budget: 0, indicators: [ind({ points: 40 })] }));
    expect(r.execution.error).toBe('项目预算数为0，无法计算预算执行率');
    expect(r.total).toBeNull();
    expect(r.problems).toEqual([
      '产出指标分值合计40分，财预〔2020〕10号规定为50分',
      '效益指标分值合计0分，财预〔2020〕10号规定为30分',
      '满意度指标分值合计0分，财预〔2020〕10号规定为10分',
    ]);
  });
});
