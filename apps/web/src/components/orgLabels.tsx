/** Chinese labels and select options for establishment (编制) and roster values. */
import {
  CONTROL_KINDS,
  DECISION_STATE_LABELS,
  DISENROL_REASONS,
  ENROL_REASONS,
  ESTABLISHMENT_TYPES,
  ESTABLISHMENT_TYPE_LABELS,
  FUNDING_FORMS,
  FUNDING_FORM_LABELS,
  LEADERSHIP_LEVELS,
  LEADERSHIP_LEVEL_LABELS,
  UNIT_CATEGORIES,
  UNIT_CATEGORY_LABELS,
  UNIT_KINDS,
  UNIT_KIND_LABELS,
  UNIT_RANKS,
  USE_PLAN_CHANNELS,
} from '@bianban/contracts';
import { Tag } from 'antd';
import type { ControlKind, DecisionStateT } from '../api/types';

export interface LabeledOption<V extends string = string> {
  value: V;
  label: string;
}

function optionsOf<V extends string>(values: readonly V[], labels?: Record<V, string>): LabeledOption<V>[] {
  return values.map((value) => ({ value, label: labels ? labels[value] : value }));
}

export const ESTABLISHMENT_TYPE_OPTIONS = optionsOf(ESTABLISHMENT_TYPES, ESTABLISHMENT_TYPE_LABELS);
export const UNIT_KIND_OPTIONS = optionsOf(UNIT_KINDS, UNIT_KIND_LABELS);
export const UNIT_CATEGORY_OPTIONS = optionsOf(UNIT_CATEGORIES, UNIT_CATEGORY_LABELS);
export const FUNDING_FORM_OPTIONS = optionsOf(FUNDING_FORMS, FUNDING_FORM_LABELS);
export const UNIT_RANK_OPTIONS = optionsOf(UNIT_RANKS);
export const LEADERSHIP_LEVEL_OPTIONS = optionsOf(LEADERSHIP_LEVELS, LEADERSHIP_LEVEL_LABELS);
export const ENROL_REASON_OPTIONS = optionsOf(ENROL_REASONS);
export const DISENROL_REASON_OPTIONS = optionsOf(DISENROL_REASONS);
export const USE_PLAN_CHANNEL_OPTIONS = optionsOf(USE_PLAN_CHANNELS);

/** The region-wide ceilings (总量控制数): one per establishment type plus the organ cap. */
export const CONTROL_LABELS: Record<ControlKind, string> = {
  ...ESTABLISHMENT_TYPE_LABELS,
  organCap: '党政机构限额',
};
export const CONTROL_OPTIONS = optionsOf(CONTROL_KINDS, CONTROL_LABELS);

function lookup(labels: Record<string, string>, value: string | null | undefined): string {
  if (!value) return '—';
  return labels[value] ?? value;
}

export const typeLabel = (value: string | null | undefined) => lookup(ESTABLISHMENT_TYPE_LABELS, value);
export const controlLabel = (value: string | null | undefined) => lookup(CONTROL_LABELS, value);
export const unitKindLabel = (value: string | null | undefined) => lookup(UNIT_KIND_LABELS, value);
export const unitCategoryLabel = (value: string | null | undefined) => lookup(UNIT_CATEGORY_LABELS, value);
export const fundingFormLabel = (value: string | null | undefined) => lookup(FUNDING_FORM_LABELS, value);
export const leadershipLevelLabel = (value: string | null | undefined) => lookup(LEADERSHIP_LEVEL_LABELS, value);

/** GB/T 2261.1: 1 男, 2 女. */
export function sexLabel(value: string | null | undefined): string {
  if (value === '1') return '男';
  if (value === '2') return '女';
  return value || '—';
}

const DECISION_STATE_COLORS: Record<DecisionStateT, string> = {
  draft: 'default',
  submitted: 'processing',
  approved: 'cyan',
  applied: 'success',
  rejected: 'error',
};

export function DecisionStateTag({ state, testId }: { state: DecisionStateT; testId?: string }) {
  return (
    <Tag color={DECISION_STATE_COLORS[state]} data-testid={testId}>
      {DECISION_STATE_LABELS[state]}
    </Tag>
  );
}

const USE_PLAN_STATE_LABELS: Record<string, { label: string; color: string }> = {
  draft: { label: '待核准', color: 'gold' },
  approved: { label: '已核准', color: 'success' },
  revoked: { label: '已撤销', color: 'default' },
};

export function UsePlanStateTag({ state, testId }: { state: string; testId?: string }) {
  const info = USE_PLAN_STATE_LABELS[state] ?? { label: state, color: 'default' };
  return (
    <Tag color={info.color} data-testid={testId}>
      {info.label}
    </Tag>
  );
}
