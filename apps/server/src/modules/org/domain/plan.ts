/**
 * The establishment arithmetic of a decision, pure: given the region's state on the effective
 * date and the decision's items, compute the state after, the effects (before → after per unit and
 * type) and every rule the decision would break. `decisions.service.ts` loads the state, calls
 * this, and — when there are no violations — writes the changes in one transaction.
 */
import type { ControlKind, DecisionItem, EstablishmentType, LeadershipLevel } from '@bianban/contracts';
import { ESTABLISHMENT_TYPES, ESTABLISHMENT_TYPE_LABELS, LEADERSHIP_LEVEL_LABELS } from '@bianban/contracts';
import { checkUscc } from '../../registration/domain/uscc.js';

export interface UnitState {
  id: string;
  parentId: string | null;
  name: string;
  shortName: string | null;
  kind: string;
  category: string | null;
  rank: string | null;
  fundingForm: string | null;
  uscc: string | null;
  nameplates: string[];
  /** 主要职责 (三定); absent or null when none is recorded. */
  functions?: string | null;
  status: 'active' | 'revoked';
}

type Counts<K extends string> = Partial<Record<K, number>>;

export interface RegionState {
  units: Map<string, UnitState>;
  quotas: Map<string, Counts<EstablishmentType>>;
  posts: Map<string, Counts<LeadershipLevel>>;
  controls: Counts<ControlKind>;
  /** Persons on the establishment per unit and type (active placements on the date). */
  actual: Map<string, Counts<EstablishmentType>>;
  /** Persons holding leadership posts per unit and level. */
  leaders: Map<string, Counts<LeadershipLevel>>;
  /** 编外用工控制数 per unit. */
  offCaps: Map<string, number>;
}

export type RuleCode =
  | 'UNIT_UNKNOWN'
  | 'UNIT_REVOKED'
  | 'REF_DUPLICATE'
  | 'QUOTA_NEGATIVE'
  | 'POSTS_NEGATIVE'
  | 'POSTS_BELOW_LEADERS'
  | 'CONTROL_EXCEEDED'
  | 'ORGAN_CAP_EXCEEDED'
  | 'REVOKED_WITH_PLACEMENTS'
  | 'MOVE_CYCLE'
  | 'NAMEPLATE_DUPLICATE'
  | 'NAMEPLATE_MISSING'
  | 'EFFECTIVE_DATE_BEFORE_HISTORY'
  | 'USCC_INVALID';

export interface Violation {
  rule: RuleCode;
  /** 1-based item number, or null for a region-wide rule checked after all items. */
  item: number | null;
  message: string;
}

export interface QuotaEffect {
  unitId: string;
  unitName: string;
  type: EstablishmentType | LeadershipLevel;
  label: string;
  before: number;
  after: number;
}

/** Persons moved with their establishment (划转) from one unit to another. */
export interface Reassignment {
  fromUnitId: string;
  toUnitId: string;
}

export interface Plan {
  after: RegionState;
  created: Map<string, string>; // ref → new unit id
  changedUnits: Set<string>;
  quotaEffects: QuotaEffect[];
  controlEffects: { control: ControlKind; before: number | null; after: number }[];
  reassignments: Reassignment[];
  /** Units whose off-establishment cap changes: before → after. */
  offCapEffects: { unitId: string; unitName: string; before: number; after: number }[];
  violations: Violation[];
}

const clone = (s: RegionState): RegionState => ({
  units: new Map([...s.units].map(([k, v]) => [k, { ...v, nameplates: [...v.nameplates] }])),
  quotas: new Map([...s.quotas].map(([k, v]) => [k, { ...v }])),
  posts: new Map([...s.posts].map(([k, v]) => [k, { ...v }])),
  controls: { ...s.controls },
  actual: new Map([...s.actual].map(([k, v]) => [k, { ...v }])),
  leaders: new Map([...s.leaders].map(([k, v]) => [k, { ...v }])),
  offCaps: new Map(s.offCaps),
});

function add<K extends string>(m: Map<string, Counts<K>>, unitId: string, key: K, delta: number): void {
  const row: Counts<K> = m.get(unitId) ?? {};
  row[key] = (row[key] ?? 0) + delta;
  m.set(unitId, row);
}

export function planDecision(before: RegionState, items: DecisionItem[], newId: () => string): Plan {
  const s = clone(before);
  const created = new Map<string, string>();
  const changedUnits = new Set<string>();
  const reassignments: Reassignment[] = [];
  const violations: Violation[] = [];
  const touchedQuota = new Set<string>(); // `${unitId}|${type}`

  const resolve = (
    ref: { unitId?: string | undefined; unitRef?: string | undefined },
    item: number,
    allowRevoked = false,
  ): UnitState | null => {
    const id = ref.unitId ?? (ref.unitRef ? created.get(ref.unitRef) : undefined);
    const u = id ? s.units.get(id) : undefined;
    if (!u) {
      violations.push({
        rule: 'UNIT_UNKNOWN',
        item,
        message: `第${item}项：单位${ref.unitRef ? `“${ref.unitRef}”（本文件未先设立）` : ref.unitId}不存在`,
      });
      return null;
    }
    if (u.status === 'revoked' && !allowRevoked) {
      violations.push({ rule: 'UNIT_REVOKED', item, message: `第${item}项：单位“${u.name}”已撤销，不能再作调整` });
      return null;
    }
    return u;
  };

  /** Moves all establishment and persons of `from` to `to` (划转). */
  const reassign = (from: UnitState, to: UnitState) => {
    for (const [type, n] of Object.entries(s.quotas.get(from.id) ?? {}) as [EstablishmentType, number][]) {
      if (!n) continue;
      add(s.quotas, to.id, type, n);
      add(s.quotas, from.id, type, -n);
      touchedQuota.add(`${from.id}|${type}`).add(`${to.id}|${type}`);
    }
    for (const [type, n] of Object.entries(s.actual.get(from.id) ?? {}) as [EstablishmentType, number][]) {
      add(s.actual, to.id, type, n);
      add(s.actual, from.id, type, -n);
    }
    for (const [level, n] of Object.entries(s.leaders.get(from.id) ?? {}) as [LeadershipLevel, number][]) {
      add(s.leaders, to.id, level, n);
      add(s.leaders, from.id, level, -n);
    }
    for (const [level, n] of Object.entries(s.posts.get(from.id) ?? {}) as [LeadershipLevel, number][]) {
      if (!n) continue;
      add(s.posts, to.id, level, n);
      add(s.posts, from.id, level, -n);
      touchedQuota.add(`${from.id}|${level}`).add(`${to.id}|${level}`);
    }
    reassignments.push({ fromUnitId: from.id, toUnitId: to.id });
  };

  const revoke = (u: UnitState) => {
    u.status = 'revoked';
    changedUnits.add(u.id);
    if (s.offCaps.get(u.id)) s.offCaps.set(u.id, 0);
    // Establishment of a revoked unit is taken back (收回) unless it was reassigned first.
    for (const [type, n] of Object.entries(s.quotas.get(u.id) ?? {}) as [EstablishmentType, number][]) {
      if (n) {
        add(s.quotas, u.id, type, -n);
        touchedQuota.add(`${u.id}|${type}`);
      }
    }
    for (const [level, n] of Object.entries(s.posts.get(u.id) ?? {}) as [LeadershipLevel, number][]) {
      if (n) {
        add(s.posts, u.id, level, -n);
        touchedQuota.add(`${u.id}|${level}`);
      }
    }
  };

  items.forEach((it, i) => {
    const n = i + 1;
    // A unit's unified social credit code, when given, must be a valid one (GB 32100 / GB 11714).
    const uscc = it.kind === 'createUnit' || it.kind === 'changeAttributes' ? it.attributes.uscc : undefined;
    // The code is stored as the standard writes it (upper case, half-width, no spaces), not as typed.
    let usccCode: string | null = null;
    if (uscc) {
      const checked = checkUscc(uscc);
      if (!checked.ok)
        violations.push({
          rule: 'USCC_INVALID',
          item: n,
          message: `第${n}项：统一社会信用代码${uscc}无效：${checked.reason}`,
        });
      else usccCode = checked.code;
    }
    switch (it.kind) {
      case 'createUnit': {
        if (created.has(it.ref)) {
          violations.push({ rule: 'REF_DUPLICATE', item: n, message: `第${n}项：新设单位代号“${it.ref}”重复` });
          return;
        }
        const parent = it.parent ? resolve(it.parent, n) : null;
        if (it.parent && !parent) return;
        const id = newId();
        created.set(it.ref, id);
        const a = it.attributes;
        s.units.set(id, {
          id,
          parentId: parent?.id ?? null,
          name: a.name,
          shortName: a.shortName ?? null,
          kind: a.kind,
          category: a.category ?? null,
          rank: a.rank ?? null,
          fundingForm: a.fundingForm ?? null,
          uscc: usccCode,
          functions: a.functions ?? null,
          nameplates: [],
          status: 'active',
        });
        changedUnits.add(id);
        return;
      }
      case 'rename': {
        const u = resolve(it.target, n);
        if (!u) return;
        u.name = it.name;
        if (it.shortName !== undefined) u.shortName = it.shortName;
        changedUnits.add(u.id);
        return;
      }
      case 'changeAttributes': {
        const u = resolve(it.target, n);
        if (!u) return;
        const a = it.attributes;
        if (a.kind) u.kind = a.kind;
        if (a.category) u.category = a.category;
        if (a.rank) u.rank = a.rank;
        if (a.fundingForm) u.fundingForm = a.fundingForm;
        if (usccCode) u.uscc = usccCode;
        changedUnits.add(u.id);
        return;
      }
      case 'functions': {
        const u = resolve(it.target, n);
        if (!u) return;
        u.functions = it.text;
        changedUnits.add(u.id);
        return;
      }
      case 'move': {
        const u = resolve(it.target, n);
        const parent = it.parent ? resolve(it.parent, n) : null;
        if (!u || (it.parent && !parent)) return;
        for (
          let p: UnitState | undefined = parent ?? undefined;
          p;
          p = p.parentId ? s.units.get(p.parentId) : undefined
        ) {
          if (p.id === u.id) {
            violations.push({
              rule: 'MOVE_CYCLE',
              item: n,
              message: `第${n}项：不能把“${u.name}”移到其自身或下属单位之下`,
            });
            return;
          }
        }
        u.parentId = parent?.id ?? null;
        changedUnits.add(u.id);
        return;
      }
      case 'merge': {
        const into = resolve(it.into, n);
        if (!into) return;
        for (const src of it.sources) {
          const u = resolve(src, n);
          if (!u || u.id === into.id) continue;
          reassign(u, into);
          revoke(u);
        }
        changedUnits.add(into.id);
        return;
      }
      case 'revoke': {
        const u = resolve(it.target, n);
        if (!u) return;
        const to = it.reassignTo ? resolve(it.reassignTo, n) : null;
        if (it.reassignTo && !to) return;
        if (to) reassign(u, to);
        const left = Object.values(s.actual.get(u.id) ?? {}).reduce((a, b) => a + (b ?? 0), 0);
        if (left > 0) {
          violations.push({
            rule: 'REVOKED_WITH_PLACEMENTS',
            item: n,
            message: `第${n}项：撤销“${u.name}”时尚有${left}名在编人员，须同时划转至其他单位`,
          });
        }
        revoke(u);
        return;
      }
      case 'quota': {
        const u = resolve(it.target, n);
        if (!u) return;
        add(s.quotas, u.id, it.type, it.delta);
        touchedQuota.add(`${u.id}|${it.type}`);
        const after = s.quotas.get(u.id)?.[it.type] ?? 0;
        if (after < 0)
          violations.push({
            rule: 'QUOTA_NEGATIVE',
            item: n,
            message: `第${n}项：“${u.name}”${ESTABLISHMENT_TYPE_LABELS[it.type]}核减后为${after}，不能为负`,
          });
        return;
      }
      case 'posts': {
        const u = resolve(it.target, n);
        if (!u) return;
        add(s.posts, u.id, it.level, it.delta);
        touchedQuota.add(`${u.id}|${it.level}`);
        const after = s.posts.get(u.id)?.[it.level] ?? 0;
        if (after < 0)
          violations.push({
            rule: 'POSTS_NEGATIVE',
            item: n,
            message: `第${n}项：“${u.name}”${LEADERSHIP_LEVEL_LABELS[it.level]}领导职数核减后为${after}，不能为负`,
          });
        return;
      }
      case 'nameplate': {
        const u = resolve(it.target, n);
        if (!u) return;
        const has = u.nameplates.includes(it.name);
        if (it.action === 'add' && has)
          violations.push({
            rule: 'NAMEPLATE_DUPLICATE',
            item: n,
            message: `第${n}项：“${u.name}”已加挂“${it.name}”牌子`,
          });
        else if (it.action === 'remove' && !has)
          violations.push({
            rule: 'NAMEPLATE_MISSING',
            item: n,
            message: `第${n}项：“${u.name}”未加挂“${it.name}”牌子，无法摘除`,
          });
        else {
          u.nameplates = it.action === 'add' ? [...u.nameplates, it.name] : u.nameplates.filter((x) => x !== it.name);
          changedUnits.add(u.id);
        }
        return;
      }
      case 'control': {
        s.controls[it.control] = (s.controls[it.control] ?? 0) + it.delta;
        return;
      }
      case 'offCap': {
        const u = resolve(it.target, n);
        if (!u) return;
        s.offCaps.set(u.id, it.cap);
        return;
      }
    }
  });

  // Rules over the state after all items.
  for (const unitId of new Set([...touchedQuota].map((k) => k.split('|')[0]!))) {
    const u = s.units.get(unitId)!;
    for (const level of ['principal', 'deputy'] as const) {
      const posts = s.posts.get(unitId)?.[level] ?? 0;
      const holding = s.leaders.get(unitId)?.[level] ?? 0;
      if (holding > posts && (before.posts.get(unitId)?.[level] ?? 0) !== posts) {
        violations.push({
          rule: 'POSTS_BELOW_LEADERS',
          item: null,
          message: `“${u.name}”${LEADERSHIP_LEVEL_LABELS[level]}领导职数将为${posts}名，低于现任${holding}名`,
        });
      }
    }
  }
  for (const type of ESTABLISHMENT_TYPES) {
    const limit = s.controls[type];
    if (limit === undefined) continue;
    const total = [...s.quotas.values()].reduce((a, q) => a + (q[type] ?? 0), 0);
    const was = [...before.quotas.values()].reduce((a, q) => a + (q[type] ?? 0), 0);
    if (total > limit && total > was) {
      violations.push({
        rule: 'CONTROL_EXCEEDED',
        item: null,
        message: `全区${ESTABLISHMENT_TYPE_LABELS[type]}将为${total}名，超过总量控制数${limit}名（须在本文件中同时调增控制数）`,
      });
    }
  }
  const cap = s.controls.organCap;
  if (cap !== undefined) {
    const organs = [...s.units.values()].filter((u) => u.status === 'active' && u.kind === 'organ').length;
    const was = [...before.units.values()].filter((u) => u.status === 'active' && u.kind === 'organ').length;
    if (organs > cap && organs > was)
      violations.push({
        rule: 'ORGAN_CAP_EXCEEDED',
        item: null,
        message: `党政机关将为${organs}个，超过机构限额${cap}个`,
      });
  }

  const quotaEffects: QuotaEffect[] = [...touchedQuota].map((k) => {
    const [unitId, key] = k.split('|') as [string, EstablishmentType | LeadershipLevel];
    const isPost = key === 'principal' || key === 'deputy';
    const pick = (st: RegionState) =>
      (isPost ? st.posts.get(unitId)?.[key as LeadershipLevel] : st.quotas.get(unitId)?.[key as EstablishmentType]) ??
      0;
    return {
      unitId,
      unitName: s.units.get(unitId)!.name,
      type: key,
      label: isPost
        ? `${LEADERSHIP_LEVEL_LABELS[key as LeadershipLevel]}领导职数`
        : ESTABLISHMENT_TYPE_LABELS[key as EstablishmentType],
      before: pick(before),
      after: pick(s),
    };
  });
  const controlEffects = (Object.keys(s.controls) as ControlKind[])
    .filter((c) => s.controls[c] !== before.controls[c])
    .map((c) => ({ control: c, before: before.controls[c] ?? null, after: s.controls[c]! }));

  const offCapEffects = [...s.offCaps]
    .filter(([id, cap]) => (before.offCaps.get(id) ?? 0) !== cap)
    .map(([id, cap]) => ({
      unitId: id,
      unitName: s.units.get(id)!.name,
      before: before.offCaps.get(id) ?? 0,
      after: cap,
    }));
  return { after: s, created, changedUnits, quotaEffects, controlEffects, reassignments, offCapEffects, violations };
}
