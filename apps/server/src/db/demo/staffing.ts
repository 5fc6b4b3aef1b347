/**
 * Staffing a unit with generated persons: how many are in post at the end, how many left in
 * 2024–2025 (退休/调出), who holds the leadership posts, and start dates spread so that monthly
 * trends exist and a unit is never over its establishment of the day (unless it is meant to be).
 */
import type { EstablishmentType, UnitKind } from '@bianban/contracts';
import { type PersonFactory, type PersonSpec, type Profile } from './people.js';
import { addYears, dayNumber, isoDay, type Random } from './random.js';

export interface StaffRequest {
  unit: string;
  unitName: string;
  kind: UnitKind;
  type: EstablishmentType;
  /** Persons in post at the end (after the departures). */
  active: number;
  principal: number;
  deputy: number;
  /** Persons who left in [leaveFrom, leaveTo]. */
  departed: number;
  startFrom: string;
  startTo: string;
  /** Share of starts in the first year (the persons already there when records begin). */
  early: number;
  /** The establishment of this type over time: [date, amount] from the earliest. */
  quotaSteps: [string, number][];
  addressCodes: readonly string[];
  leaveFrom?: string;
  leaveTo?: string;
}

const strip = (name: string) => name.replace(/（演示）$/, '');

interface Titles {
  principal: string[];
  deputy: string;
  staff: readonly (readonly [string, number])[];
}

const CIVIL_STAFF: readonly (readonly [string, number])[] = [
  ['一级科员', 40],
  ['二级科员', 10],
  ['四级主任科员', 25],
  ['三级主任科员', 12],
  ['二级主任科员', 8],
  ['一级主任科员', 5],
];

function leaderTitles(name: string, kind: UnitKind): [string[], string] {
  const n = strip(name);
  if (kind === 'township') return [['党委书记', '镇长'], '副镇长'];
  if (kind === 'street') return [['党工委书记', '办事处主任'], '办事处副主任'];
  if (n.endsWith('检察院')) return [['检察长'], '副检察长'];
  if (n.endsWith('院')) return [['院长'], '副院长'];
  if (n.endsWith('分局') || n.endsWith('局')) return [['局长'], '副局长'];
  if (n.endsWith('部')) return [['部长'], '副部长'];
  if (n.endsWith('幼儿园')) return [['园长'], '副园长'];
  if (n.endsWith('学') || n.endsWith('学校')) return [['校长'], '副校长'];
  if (n.endsWith('党校')) return [['常务副校长'], '副校长'];
  if (n.endsWith('站')) return [['站长'], '副站长'];
  if (n.endsWith('所')) return [['所长'], '副所长'];
  if (n.endsWith('馆')) return [['馆长'], '副馆长'];
  if (n.endsWith('大队')) return [['大队长'], '副大队长'];
  if (n.endsWith('红十字会')) return [['常务副会长'], '副会长'];
  if (n.endsWith('总工会')) return [['常务副主席'], '副主席'];
  if (n.endsWith('联合会') || n.endsWith('协会')) return [['主席'], '副主席'];
  if (n.startsWith('共青团')) return [['书记'], '副书记'];
  if (n.endsWith('纪委监委机关')) return [['纪委书记、监委主任'], '纪委副书记'];
  if (n.endsWith('政协办公室') || n.endsWith('人大常委会办公室')) return [['秘书长'], '副秘书长'];
  if (n.endsWith('工作委员会') || n.endsWith('政法委员会')) return [['书记'], '副书记'];
  return [['主任'], '副主任'];
}

function titles(name: string, kind: UnitKind, type: EstablishmentType): Titles {
  const [principal, deputy] = leaderTitles(name, kind);
  const n = strip(name);
  let staff: Titles['staff'];
  if (type === 'worker')
    staff = [
      ['驾驶员', 3],
      ['工勤技能岗位', 7],
    ];
  else if (type === 'politicalLegal') {
    if (n.endsWith('法院'))
      staff = [
        ['员额法官', 35],
        ['法官助理', 30],
        ['书记员', 25],
        ['司法警察', 10],
      ];
    else if (n.endsWith('检察院'))
      staff = [
        ['员额检察官', 40],
        ['检察官助理', 35],
        ['书记员', 25],
      ];
    else if (n.includes('公安'))
      staff = [
        ['民警', 80],
        ['警务技术人员', 10],
        ['一级警长', 10],
      ];
    else staff = CIVIL_STAFF;
  } else if (type === 'administrative' || type === 'civilServantManaged') staff = CIVIL_STAFF;
  else if (/学$|学校$|幼儿园$/.test(n))
    staff = [
      ['教师', 88],
      ['管理人员', 6],
      ['工勤技能岗位', 6],
    ];
  else if (/医院$|保健院$|卫生服务中心$|卫生院$/.test(n))
    staff = [
      ['医师', 38],
      ['护士', 40],
      ['药师', 7],
      ['技师', 8],
      ['管理人员', 7],
    ];
  else
    staff = [
      ['专业技术人员', 50],
      ['管理人员', 40],
      ['工勤技能岗位', 10],
    ];
  return { principal, deputy, staff };
}

function profileOf(type: EstablishmentType): Profile {
  if (type === 'worker') return 'worker';
  return type === 'administrative' || type === 'politicalLegal' || type === 'civilServantManaged'
    ? 'organ'
    : 'institution';
}

function enrolReasons(type: EstablishmentType): readonly (readonly [string, number])[] {
  if (type === 'worker')
    return [
      ['招聘', 70],
      ['调入', 25],
      ['军转安置', 5],
    ];
  if (type === 'administrative' || type === 'politicalLegal' || type === 'civilServantManaged')
    return [
      ['录用', 56],
      ['调入', 18],
      ['选调', 9],
      ['转任', 7],
      ['遴选', 5],
      ['军转安置', 5],
    ];
  return [
    ['招聘', 66],
    ['调入', 20],
    ['人才引进', 9],
    ['军转安置', 3],
    ['其他', 2],
  ];
}

/** The establishment on a date, from the steps. */
function quotaOn(steps: [string, number][], date: string): number {
  let q = 0;
  for (const [d, n] of steps) if (d <= date) q = n;
  return q;
}

/**
 * Generates the persons of one unit and type. Start dates are drawn, sorted, then pushed later
 * where the establishment of the day would not yet hold the k-th person (a quota raised later
 * is filled after it was raised).
 */
export function staff(rng: Random, factory: PersonFactory, req: StaffRequest): PersonSpec[] {
  const t = titles(req.unitName, req.kind, req.type);
  const profile = profileOf(req.type);
  const firstYearEnd = isoDay(Math.min(dayNumber(req.startFrom) + 364, dayNumber(req.startTo)));
  const total = req.active + req.departed;
  const starts: string[] = [];
  for (let i = 0; i < total; i++)
    starts.push(rng.chance(req.early) ? rng.date(req.startFrom, firstYearEnd) : rng.date(req.startFrom, req.startTo));
  starts.sort();
  // Push starts later where the establishment of that day is smaller than the head count.
  const steps = req.quotaSteps;
  const allowOver = total > Math.max(0, ...steps.map(([, n]) => n));
  if (!allowOver) {
    for (let k = 0; k < starts.length; k++) {
      if (quotaOn(steps, starts[k]!) >= k + 1) continue;
      const step = steps.find(([d, n]) => n >= k + 1 && d >= starts[k]!);
      if (step) starts[k] = rng.date(step[0], isoDay(Math.min(dayNumber(step[0]) + 180, dayNumber(req.startTo))));
    }
    starts.sort();
  }
  // Leaders are among the earliest starters; departures among the others, never a leader.
  const leaders = req.principal + req.deputy;
  const order = starts.map((s, i) => ({ s, i }));
  const departing = new Set<number>();
  // Those who leave in 2024–2025 started at least half a year before.
  const leaveFrom = req.leaveFrom ?? '2024-01-01';
  const candidates = order
    .slice(leaders)
    .filter((o) => dayNumber(o.s) < dayNumber(leaveFrom) - 180)
    .map((o) => o.i);
  rng.shuffle(candidates);
  for (const i of candidates.slice(0, req.departed)) departing.add(i);

  const out: PersonSpec[] = [];
  let principalsLeft = req.principal;
  let deputiesLeft = req.deputy;
  for (let i = 0; i < starts.length; i++) {
    const start = starts[i]!;
    const leaves = departing.has(i);
    const level = !leaves && principalsLeft > 0 ? 'principal' : !leaves && deputiesLeft > 0 ? 'deputy' : null;
    if (level === 'principal') principalsLeft--;
    else if (level === 'deputy') deputiesLeft--;
    let end: string | null = null;
    let reason: string | null = null;
    let birthFrom: string;
    let birthTo: string;
    let sex: 'male' | 'female' | undefined;
    if (leaves) {
      end = rng.date(leaveFrom, req.leaveTo ?? '2025-12-31');
      reason = rng.chance(0.7) ? '退休' : '调出';
    }
    if (reason === '退休') {
      sex = rng.chance(0.55) ? 'male' : 'female';
      const born = addYears(end!, sex === 'male' ? -60 : -55);
      birthFrom = isoDay(dayNumber(born) - 40);
      birthTo = born;
    } else if (level) {
      birthFrom = addYears(start, -50) < '1970-01-01' ? '1970-01-01' : addYears(start, -50);
      birthTo = addYears(start, -32);
    } else {
      birthFrom = addYears(start, -42) < '1972-01-01' ? '1972-01-01' : addYears(start, -42);
      birthTo = addYears(start, -21);
    }
    const base = factory.make({
      addressCodes: req.addressCodes,
      birthFrom,
      birthTo,
      profile,
      ...(sex ? { sex } : {}),
    });
    const post =
      level === 'principal'
        ? t.principal[(req.principal - principalsLeft - 1) % t.principal.length]!
        : level === 'deputy'
          ? t.deputy
          : rng.weighted(t.staff);
    out.push({
      ...base,
      placements: [
        {
          unit: req.unit,
          type: req.type,
          post,
          leadershipLevel: level,
          validFrom: start,
          validTo: end,
          enrolReason: reason === '退休' ? '调入' : rng.weighted(enrolReasons(req.type)),
          disenrolReason: reason,
        },
      ],
    });
  }
  return out;
}
