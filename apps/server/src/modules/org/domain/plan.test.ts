import { describe, expect, it } from 'vitest';
import { planDecision, type RegionState, type UnitState } from './plan.js';

const unitOf = (id: string, name: string, kind = 'organ', parentId: string | null = null): UnitState => ({
  id,
  parentId,
  name,
  shortName: null,
  kind,
  category: null,
  rank: null,
  fundingForm: null,
  uscc: null,
  nameplates: [],
  status: 'active',
});

function state(): RegionState {
  return {
    units: new Map([
      ['a', unitOf('a', '甲局')],
      ['b', unitOf('b', '乙局')],
      ['c', unitOf('c', '丙中心', 'publicInstitution', 'a')],
    ]),
    quotas: new Map([
      ['a', { administrative: 5 }],
      ['b', { administrative: 3, worker: 1 }],
    ]),
    posts: new Map([['a', { principal: 1, deputy: 2 }]]),
    controls: { administrative: 10, organCap: 2 },
    actual: new Map([['b', { administrative: 2 }]]),
    leaders: new Map([['a', { principal: 1 }]]),
    offCaps: new Map([['b', 3]]),
  };
}
let n = 0;
const newId = () => `new${++n}`;

describe('planDecision', () => {
  it('merge A + B → C moves establishment and persons and revokes the sources, within the organ cap', () => {
    const p = planDecision(
      state(),
      [
        { kind: 'createUnit', ref: 'm', parent: null, attributes: { name: '甲乙合并局', kind: 'organ' } },
        { kind: 'merge', sources: [{ unitId: 'a' }, { unitId: 'b' }], into: { unitRef: 'm' } },
      ],
      newId,
    );
    expect(p.violations).toEqual([]);
    const m = p.created.get('m')!;
    expect(p.after.quotas.get(m)).toEqual({ administrative: 8, worker: 1 });
    expect(p.after.actual.get(m)).toEqual({ administrative: 2 });
    expect(p.after.posts.get(m)).toEqual({ principal: 1, deputy: 2 });
    expect(p.after.leaders.get(m)).toEqual({ principal: 1 });
    expect(p.after.units.get('a')!.status).toBe('revoked');
    expect(p.reassignments.map((r) => r.fromUnitId)).toEqual(['a', 'b']);
    expect(p.quotaEffects.find((e) => e.unitId === m && e.type === 'administrative')).toMatchObject({
      before: 0,
      after: 8,
    });
  });

  it('the effects list before → after for every touched unit and type; the input state is not changed', () => {
    const s = state();
    const p = planDecision(s, [{ kind: 'quota', target: { unitId: 'a' }, type: 'administrative', delta: -2 }], newId);
    expect(p.quotaEffects).toEqual([
      { unitId: 'a', unitName: '甲局', type: 'administrative', label: '行政编制', before: 5, after: 3 },
    ]);
    expect(s.quotas.get('a')).toEqual({ administrative: 5 });
  });

  it('names each broken rule with its item number', () => {
    const p = planDecision(
      state(),
      [
        { kind: 'rename', target: { unitRef: 'ghost' }, name: '幽灵局' },
        { kind: 'revoke', target: { unitId: 'b' }, reassignTo: null },
        { kind: 'posts', target: { unitId: 'a' }, level: 'principal', delta: -1 },
        { kind: 'quota', target: { unitId: 'a' }, type: 'administrative', delta: 9 },
        { kind: 'createUnit', ref: 'o', parent: null, attributes: { name: '新机关', kind: 'organ' } },
      ],
      newId,
    );
    expect(p.violations.map((v) => [v.rule, v.item])).toEqual([
      ['UNIT_UNKNOWN', 1],
      ['REVOKED_WITH_PLACEMENTS', 2],
      ['POSTS_BELOW_LEADERS', null],
      ['CONTROL_EXCEEDED', null],
    ]);
    // 甲局 + 新机关 = 2 active organs after 乙局 is revoked: within the cap of 2.
    expect(p.violations.some((v) => v.rule === 'ORGAN_CAP_EXCEEDED')).toBe(false);
  });

  it('a unit’s unified social credit code must be valid', () => {
    const ok = planDecision(
      state(),
      [{ kind: 'changeAttributes', target: { unitId: 'c' }, attributes: { uscc: '91350100M000100Y43' } }],
      newId,
    );
    expect(ok.violations).toEqual([]);
    const bad = planDecision(
      state(),
      [{ kind: 'changeAttributes', target: { unitId: 'c' }, attributes: { uscc: '91350100M000100Y44' } }],
      newId,
    );
    expect(bad.violations[0]).toMatchObject({ rule: 'USCC_INVALID', item: 1 });
    expect(bad.violations[0]!.message).toMatch(/第18位校验码/);
  });

  it('stores a code as the standard writes it, not as typed', () => {
    const typed = planDecision(
      state(),
      [{ kind: 'changeAttributes', target: { unitId: 'c' }, attributes: { uscc: ' 91350100m000100y43 ' } }],
      newId,
    );
    expect(typed.violations).toEqual([]);
    expect(typed.after.units.get('c')!.uscc).toBe('91350100M000100Y43');
  });

  it('sets an off-establishment cap, and a revoked unit keeps none', () => {
    const p = planDecision(
      state(),
      [
        { kind: 'offCap', target: { unitId: 'a' }, cap: 4 },
        { kind: 'revoke', target: { unitId: 'b' }, reassignTo: { unitId: 'a' } },
      ],
      newId,
    );
    expect(p.violations).toEqual([]);
    expect([...p.offCapEffects].sort((x, y) => x.unitId.localeCompare(y.unitId))).toEqual([
      { unitId: 'a', unitName: '甲局', before: 0, after: 4 },
      { unitId: 'b', unitName: '乙局', before: 3, after: 0 },
    ]);
  });

  it('lowering a total that was already over the control is allowed', () => {
    const s = state();
    s.controls.administrative = 4;
    const p = planDecision(s, [{ kind: 'quota', target: { unitId: 'a' }, type: 'administrative', delta: -1 }], newId);
    expect(p.violations).toEqual([]);
  });

  it('functions (三定): set by createUnit, replaced by a functions item; an unknown unit is refused', () => {
    const p = planDecision(
      state(),
      [
        {
          kind: 'createUnit',
          ref: 'x',
          parent: { unitId: 'a' },
          attributes: { name: '新中心', kind: 'publicInstitution', functions: '1.负责甲。' },
        },
        { kind: 'functions', target: { unitId: 'b' }, text: '1.负责乙；2.承办交办事项。' },
      ],
      newId,
    );
    expect(p.violations).toEqual([]);
    expect(p.after.units.get(p.created.get('x')!)!.functions).toBe('1.负责甲。');
    expect(p.after.units.get('b')!.functions).toBe('1.负责乙；2.承办交办事项。');
    expect(p.changedUnits.has('b')).toBe(true);
    const bad = planDecision(state(), [{ kind: 'functions', target: { unitId: 'zz' }, text: '职责文本' }], newId);
    expect(bad.violations).toMatchObject([{ rule: 'UNIT_UNKNOWN', item: 1 }]);
  });
});
