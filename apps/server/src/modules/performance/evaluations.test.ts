import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FrameworkBodyInput } from '@bianban/contracts';
import { createTestApp, type Session, type TestApp } from '../../test/app.js';

let ta: TestApp;
let staff: Session;
let leader: Session;
let finance: Session;
let seq = 1;

const body = (over: Partial<FrameworkBodyInput> = {}): FrameworkBodyInput => ({
  name: '测试部门整体支出绩效评价指标体系',
  kind: 'department',
  basis: '测试',
  indicators: [
    {
      key: '1',
      name: '投入',
      points: 30,
      children: [
        {
          key: '1.1',
          name: '在职人员控制率',
          points: 10,
          guidance: '在职人员控制率≦100%，计10分；每超过一个百分点扣0.5分，扣完为止。',
          source: { kind: 'metric', metric: 'staffControlRate' },
          rule: { kind: 'linear', full: { op: '<=', value: 100 }, deductPer: 0.5 },
        },
        {
          key: '1.2',
          name: '管理制度健全性',
          points: 20,
          rule: {
            kind: 'checklist',
            items: [
              { key: 'a', label: '已制定管理制度', points: 10 },
              { key: 'b', label: '制度有效执行', points: 10 },
            ],
          },
        },
      ],
    },
    { key: '2', name: '产出', points: 70, rule: { kind: 'manual' } },
  ],
  ...over,
});

async function decision(items: unknown[], date: string) {
  const d = (
    await ta.call(staff, 'POST', '/api/decisions', {
      docNumber: `西编〔2025〕绩${seq++}号`,
      docDate: date,
      effectiveDate: date,
      approvingBody: '区委编委',
      title: '核定编制',
      items,
    })
  ).json();
  await ta.call(staff, 'POST', `/api/decisions/${d.id}/submit`);
  await ta.call(leader, 'POST', `/api/decisions/${d.id}/approve`);
  const res = await ta.call(staff, 'POST', `/api/decisions/${d.id}/apply`);
  expect(res.statusCode, res.body).toBe(200);
}

let versionId = '';
beforeAll(async () => {
  ta = await createTestApp();
  staff = await ta.signIn(await ta.createUser('officeStaff'));
  leader = await ta.signIn(await ta.createUser('officeLeader'));
  finance = await ta.signIn(await ta.createUser('financeReviewer'));
  await decision(
    [
      { kind: 'control', control: 'administrative', delta: 5 },
      { kind: 'quota', target: { unitId: ta.units.finance }, type: 'administrative', delta: 5 },
    ],
    '2024-06-01',
  );
});
afterAll(() => ta.close());

describe('framework library', () => {
  it('finance keeps frameworks; office staff may read but not edit', async () => {
    expect((await ta.call(staff, 'POST', '/api/frameworks', { code: 'x-dept', body: body() })).statusCode).toBe(403);
    const created = await ta.call(finance, 'POST', '/api/frameworks', { code: 'test-dept', body: body() });
    expect(created.statusCode, created.body).toBe(200);
    expect(created.json()).toMatchObject({ version: 1, state: 'draft', problems: [] });
    versionId = created.json().id;
    const published = await ta.call(finance, 'POST', `/api/framework-versions/${versionId}/publish`);
    expect(published.json()).toMatchObject({ state: 'published' });
    expect(
      (await ta.call(finance, 'PUT', `/api/framework-versions/${versionId}`, { body: body() })).json(),
    ).toMatchObject({
      code: 'STATE_CONFLICT',
    });
    const list = await ta.call(staff, 'GET', '/api/frameworks');
    expect(list.json().items[0].versions).toHaveLength(1);
  });

  it('a framework whose points do not add up cannot be published, and says where', async () => {
    const bad = body();
    bad.indicators[0]!.children![1]!.points = 15;
    bad.indicators[0]!.children![1]!.rule = { kind: 'manual' };
    const created = await ta.call(finance, 'POST', '/api/frameworks', { code: 'bad-dept', body: bad });
    expect(created.json().problems.map((p: { message: string }) => p.message)).toEqual([
      '“1 投入”分值30分，下级指标分值合计25分',
    ]);
    const res = await ta.call(finance, 'POST', `/api/framework-versions/${created.json().id}/publish`);
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('“1 投入”分值30分，下级指标分值合计25分');
  });

  it('a rule that does not parse is refused naming the field', async () => {
    const bad = body();
    bad.indicators[1]!.rule = { kind: 'bands', bands: [] } as never;
    const res = await ta.call(finance, 'POST', '/api/frameworks', { code: 'bad-rule', body: bad });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('至少一个区间');
  });

  it('tests a rule live', async () => {
    const res = await ta.call(staff, 'POST', '/api/rules/test', {
      rule: { kind: 'linear', full: { op: '<=', value: 100 }, deductPer: 0.5 },
      points: 5,
      name: '在职人员控制率',
      entry: { value: 103 },
    });
    expect(res.json()).toEqual({
      ok: true,
      score: '3.5',
      explanation: '在职人员控制率103%，超过100%的标准3个百分点，每个百分点扣0.5分，扣1.5分，得3.5分',
      error: null,
    });
  });
});

describe('evaluation workflow', () => {
  let id = '';
  it('computes metric-bound scores from the roster and leaves manual ones empty until entered', async () => {
    const res = await ta.call(staff, 'POST', '/api/evaluations', {
      unitId: ta.units.finance,
      year: 2025,
      frameworkVersionId: versionId,
    });
    expect(res.statusCode, res.body).toBe(200);
    const e = res.json();
    id = e.id;
    expect(e.staff).toMatchObject({ approvedEnd: 5, actualEnd: 0 });
    const control = e.indicators.find((i: { key: string }) => i.key === '1.1');
    expect(control).toMatchObject({ score: '10', metricKey: 'staffControlRate' });
    expect(control.explanation).toBe('在职人员控制率0%，未超过100%的标准，得10分');
    expect(e.metrics[0]).toMatchObject({
      key: 'staffControlRate',
      display: '0.00',
      formula: expect.stringContaining('实名制'),
    });
    expect(e.total).toBeNull();
    expect(e.missing.map((m: { key: string }) => m.key)).toEqual(['1.2', '2']);
    expect(
      (
        await ta.call(staff, 'POST', '/api/evaluations', {
          unitId: ta.units.finance,
          year: 2025,
          frameworkVersionId: versionId,
        })
      ).json().code,
    ).toBe('CONFLICT');
  });

  it('refuses entries on computed indicators and scores above the points', async () => {
    const computed = await ta.call(staff, 'PUT', `/api/evaluations/${id}/entries/1.1`, { entry: { score: 10 } });
    expect(computed.json().message).toBe('“在职人员控制率”由数据计算，不能手工填报；请修正其来源数据');
    const over = await ta.call(staff, 'PUT', `/api/evaluations/${id}/entries/2`, { entry: { score: 71 } });
    expect(over.json().message).toBe('“产出”的得分71超过分值70分');
    const branch = await ta.call(staff, 'PUT', `/api/evaluations/${id}/entries/1`, { entry: { score: 1 } });
    expect(branch.statusCode).toBe(400);
  });

  it('cannot be submitted while an indicator lacks its input or reason', async () => {
    await ta.call(staff, 'PUT', `/api/evaluations/${id}/entries/1.2`, { entry: { met: ['a'] } });
    const noReason = await ta.call(staff, 'PUT', `/api/evaluations/${id}/entries/2`, { entry: { score: 65 } });
    expect(noReason.json().missing).toEqual([{ key: '2', name: '产出', error: '“产出”未得满分，须填写扣分原因' }]);
    const submit = await ta.call(staff, 'POST', `/api/evaluations/${id}/submit`, {});
    expect(submit.statusCode).toBe(400);
    expect(submit.json().message).toContain('2 产出：“产出”未得满分，须填写扣分原因');
    const ok = await ta.call(staff, 'PUT', `/api/evaluations/${id}/entries/2`, {
      entry: { score: 65, reason: '个别任务未按期完成' },
    });
    expect(ok.json()).toMatchObject({ total: '85', grade: '良', missing: [] });
  });

  it('a department reporter of another unit cannot see it', async () => {
    const other = await ta.signIn(await ta.createUser('deptReporter', { scopeUnitId: ta.units.office }));
    const res = await ta.call(other, 'GET', `/api/evaluations/${id}`);
    expect(res.json().code, res.body.slice(0, 300)).toBe('OUT_OF_SCOPE');
    expect((await ta.call(other, 'GET', '/api/evaluations')).json().items).toEqual([]);
  });

  it('submission freezes the facts: a later change of the establishment no longer moves the score', async () => {
    const submitted = await ta.call(staff, 'POST', `/api/evaluations/${id}/submit`, {});
    expect(submitted.json()).toMatchObject({ state: 'submitted', frozen: true, total: '85' });
    expect(
      (await ta.call(staff, 'PUT', `/api/evaluations/${id}/entries/2`, { entry: { score: 70 } })).json().code,
    ).toBe('STATE_CONFLICT');
    // The finance bureau's quota is withdrawn in 2025: live, the rate would have no denominator.
    await decision(
      [{ kind: 'quota', target: { unitId: ta.units.finance }, type: 'administrative', delta: -5 }],
      '2025-03-01',
    );
    const after = (await ta.call(staff, 'GET', `/api/evaluations/${id}`)).json();
    expect(after).toMatchObject({ total: '85', staff: { approvedEnd: 5 } });
  });

  it('moves through review, finance review with adjustments kept beside the self-scores, and publication', async () => {
    expect((await ta.call(staff, 'POST', `/api/evaluations/${id}/review`, {})).statusCode).toBe(403);
    expect(
      (await ta.call(finance, 'PUT', `/api/evaluations/${id}/adjustments/2`, { score: 60, reason: '核减' })).json()
        .code,
    ).toBe('STATE_CONFLICT');
    expect((await ta.call(leader, 'POST', `/api/evaluations/${id}/review`, {})).json().state).toBe('reviewed');
    const tooHigh = await ta.call(finance, 'PUT', `/api/evaluations/${id}/adjustments/2`, {
      score: 75,
      reason: '调整',
    });
    expect(tooHigh.json().message).toBe('“产出”调整后得分75超过分值70分');
    const noReason = await ta.call(finance, 'PUT', `/api/evaluations/${id}/adjustments/2`, { score: 60, reason: '' });
    expect(noReason.statusCode).toBe(400);
    const adj = (
      await ta.call(finance, 'PUT', `/api/evaluations/${id}/adjustments/2`, { score: 58, reason: '佐证材料不足' })
    ).json();
    const produce = adj.indicators.find((i: { key: string }) => i.key === '2');
    expect(produce).toMatchObject({ score: '65', adjustedScore: '58', adjustmentReason: '佐证材料不足' });
    expect(adj).toMatchObject({ total: '85', grade: '良', adjustedTotal: '78', adjustedGrade: '中' });
    expect((await ta.call(finance, 'POST', `/api/evaluations/${id}/finance-review`, {})).json().state).toBe(
      'financeReviewed',
    );
    const published = (await ta.call(leader, 'POST', `/api/evaluations/${id}/publish`, {})).json();
    expect(published.state).toBe('published');
    expect(published.history.map((h: { to: string }) => h.to)).toEqual([
      'submitted',
      'reviewed',
      'financeReviewed',
      'published',
    ]);
    expect((await ta.call(leader, 'POST', `/api/evaluations/${id}/reopen`, { reason: '重新评价' })).json().code).toBe(
      'STATE_CONFLICT',
    );
    const audit = await ta.t.db.execute<{ action: string }>(
      `select action from audit_log where object_id = '${id}' order by seq` as never,
    );
    expect(audit.rows.map((r) => r.action)).toEqual([
      'evaluation.create',
      'evaluation.entry',
      'evaluation.entry',
      'evaluation.entry',
      'evaluation.submitted',
      'evaluation.reviewed',
      'evaluation.adjust',
      'evaluation.financeReviewed',
      'evaluation.published',
    ]);
  });

  it('reopening needs a reason and returns the scores to the live facts', async () => {
    const second = (
      await ta.call(staff, 'POST', '/api/evaluations', {
        unitId: ta.units.finance,
        year: 2024,
        frameworkVersionId: versionId,
      })
    ).json();
    await ta.call(staff, 'PUT', `/api/evaluations/${second.id}/entries/1.2`, { entry: { met: ['a', 'b'] } });
    await ta.call(staff, 'PUT', `/api/evaluations/${second.id}/entries/2`, { entry: { score: 70 } });
    expect((await ta.call(staff, 'POST', `/api/evaluations/${second.id}/submit`, {})).json()).toMatchObject({
      total: '100',
      grade: '优',
    });
    expect((await ta.call(leader, 'POST', `/api/evaluations/${second.id}/reopen`, {})).json().message).toBe(
      '退回须说明理由',
    );
    const reopened = (
      await ta.call(leader, 'POST', `/api/evaluations/${second.id}/reopen`, { reason: '数据需核实' })
    ).json();
    expect(reopened).toMatchObject({ state: 'draft', frozen: false });
    expect(reopened.history.at(-1)).toMatchObject({ from: 'submitted', to: 'draft', reason: '数据需核实' });
  });

  it('a metric with no denominator is named at the indicator, never scored as zero', async () => {
    const third = (
      await ta.call(staff, 'POST', '/api/evaluations', {
        unitId: ta.units.finance,
        year: 2026,
        frameworkVersionId: versionId,
      })
    ).json();
    expect(third.missing[0]).toEqual({
      key: '1.1',
      name: '在职人员控制率',
      error: '在职人员控制率：编制数为0，无法计算',
    });
    expect(third.indicators.find((i: { key: string }) => i.key === '1.1').score).toBeNull();
  });

  it('an evaluation needs a published framework version', async () => {
    const draft = (await ta.call(finance, 'POST', '/api/frameworks', { code: 'draft-only', body: body() })).json();
    const res = await ta.call(staff, 'POST', '/api/evaluations', {
      unitId: ta.units.finance,
      year: 2025,
      frameworkVersionId: draft.id,
    });
    expect(res.json().message).toBe('只能使用已发布的指标体系版本');
  });
});

describe('surveys', () => {
  it('validates counts and feeds the satisfaction metric per group and combined', async () => {
    const f = body({
      name: '含满意度',
      indicators: [
        {
          key: '1',
          name: '满意度',
          points: 100,
          source: { kind: 'metric', metric: 'satisfaction' },
          rule: { kind: 'ratio', target: 100 },
        },
      ],
    });
    const v = (await ta.call(finance, 'POST', '/api/frameworks', { code: 'survey-dept', body: f })).json();
    await ta.call(finance, 'POST', `/api/framework-versions/${v.id}/publish`);
    const e = (
      await ta.call(staff, 'POST', '/api/evaluations', {
        unitId: ta.units.finance,
        year: 2025,
        frameworkVersionId: v.id,
      })
    ).json();
    expect(e.missing[0].error).toBe('满意度：尚未录入满意度调查');
    const bad = await ta.call(staff, 'PUT', `/api/evaluations/${e.id}/surveys`, {
      groups: [{ groupName: '服务对象', issued: 50, valid: 50, satisfied: 40, basicallySatisfied: 5, dissatisfied: 1 }],
    });
    expect(bad.body).toContain('满意、基本满意、不满意份数之和须等于有效问卷份数');
    const ok = (
      await ta.call(staff, 'PUT', `/api/evaluations/${e.id}/surveys`, {
        groups: [
          { groupName: '服务对象', issued: 60, valid: 50, satisfied: 40, basicallySatisfied: 5, dissatisfied: 5 },
          { groupName: '干部职工', issued: 30, valid: 30, satisfied: 28, basicallySatisfied: 2, dissatisfied: 0 },
        ],
      })
    ).json();
    expect(ok.surveys.map((s: { groupName: string; rate: string }) => `${s.groupName} ${s.rate}`)).toEqual([
      '服务对象 90',
      '干部职工 100',
    ]);
    expect(ok.metrics[0].display).toBe('93.75');
    expect(ok.total).toBe('93.75');
  });
});
