/**
 * The roster's rules, pure: given what the database says about the person, the unit and the use
 * plan on the enrolment date, list every rule an enrolment would break. Each violation names its
 * rule (the code) and says in Chinese what is wrong.
 */
import {
  ESTABLISHMENT_TYPE_LABELS,
  LEADERSHIP_LEVEL_LABELS,
  type EstablishmentType,
  type LeadershipLevel,
} from '@bianban/contracts';

export type RosterRule =
  | 'ONE_PLACEMENT'
  | 'UNIT_INACTIVE'
  | 'NO_VACANCY'
  | 'USE_PLAN_REQUIRED'
  | 'USE_PLAN_NOT_APPROVED'
  | 'USE_PLAN_MISMATCH'
  | 'USE_PLAN_EXHAUSTED'
  | 'EXCEPTION_NOT_AUTHORISED'
  | 'LEADERS_OVER_POSTS';

export interface RosterViolation {
  rule: RosterRule;
  message: string;
}

export interface EnrolFacts {
  personName: string;
  /** The unit where the person is already placed, if any (一人一编). */
  activeUnitName: string | null;
  unit: { name: string; status: string };
  type: EstablishmentType;
  approved: number;
  actual: number;
  plan: {
    unitMatches: boolean;
    type: EstablishmentType;
    state: string;
    count: number;
    consumed: number;
    noticeNumber: string | null;
  } | null;
  /** An enrolment outside any use plan, asked for with a reason. */
  exception: { note: string; byLeader: boolean } | null;
  leadership: { level: LeadershipLevel; posts: number; holding: number } | null;
}

export function checkEnrolment(f: EnrolFacts): RosterViolation[] {
  const v: RosterViolation[] = [];
  const typeLabel = ESTABLISHMENT_TYPE_LABELS[f.type];
  if (f.activeUnitName)
    v.push({
      rule: 'ONE_PLACEMENT',
      message: `一人一编：${f.personName}已在“${f.activeUnitName}”在编，须先下编或办理调动`,
    });
  if (f.unit.status !== 'active') v.push({ rule: 'UNIT_INACTIVE', message: `“${f.unit.name}”已撤销，不能上编` });
  if (f.actual >= f.approved)
    v.push({
      rule: 'NO_VACANCY',
      message: `无空编：“${f.unit.name}”${typeLabel}核定${f.approved}名，实有${f.actual}名`,
    });
  if (f.plan) {
    const label = f.plan.noticeNumber ? `用编计划（${f.plan.noticeNumber}）` : '用编计划';
    if (f.plan.state !== 'approved') v.push({ rule: 'USE_PLAN_NOT_APPROVED', message: `${label}尚未核准` });
    if (!f.plan.unitMatches || f.plan.type !== f.type)
      v.push({
        rule: 'USE_PLAN_MISMATCH',
        message: `${label}核准的是${f.plan.unitMatches ? '' : '其他单位的'}${ESTABLISHMENT_TYPE_LABELS[f.plan.type]}，与本次上编不符`,
      });
    if (f.plan.consumed >= f.plan.count)
      v.push({ rule: 'USE_PLAN_EXHAUSTED', message: `${label}核准${f.plan.count}名，已全部使用` });
  } else if (!f.exception) {
    v.push({
      rule: 'USE_PLAN_REQUIRED',
      message: `须依据已核准的用编计划上编（“${f.unit.name}”${typeLabel}），或经编办领导批准按例外办理`,
    });
  } else if (!f.exception.byLeader) {
    v.push({ rule: 'EXCEPTION_NOT_AUTHORISED', message: '不依据用编计划上编须由编办领导批准' });
  }
  if (f.leadership && f.leadership.holding >= f.leadership.posts) {
    v.push({
      rule: 'LEADERS_OVER_POSTS',
      message: `“${f.unit.name}”${LEADERSHIP_LEVEL_LABELS[f.leadership.level]}领导职数核定${f.leadership.posts}名，现任${f.leadership.holding}名，已无空余职数`,
    });
  }
  return v;
}
