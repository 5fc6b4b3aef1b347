/**
 * Shared shapes of the demo catalogue: a unit as the demo defines it (attributes, establishment
 * and leadership posts it is created with, how it is staffed), and turning such units into
 * decision items.
 */
import type { EstablishmentType, UnitKind } from '@bianban/contracts';
import type { DecisionBuilder, UnitAttrs } from './write.js';

export type Quotas = Partial<Record<EstablishmentType, number>>;

export interface UnitDef {
  key: string;
  parent: string | null;
  name: string;
  kind: UnitKind;
  shortName?: string;
  rank?: UnitAttrs['rank'];
  category?: UnitAttrs['category'];
  fundingForm?: UnitAttrs['fundingForm'];
  /** Establishment and posts the unit is created with. */
  quotas: Quotas;
  principal?: number;
  deputy?: number;
  nameplates?: string[];
  /** 主要职责 (三定), where a seed states them. */
  functions?: string;
  /** Staffing: generated ('auto'), written by hand ('manual'), or nobody ('none'). */
  staffing: 'auto' | 'manual' | 'none';
  /** Persons over the establishment at the end (the dashboard's 超编 list). */
  over?: number;
  /** A fixed vacancy at the end instead of a drawn one. */
  vacancy?: number;
}

export function attrsOf(u: UnitDef): UnitAttrs {
  return {
    name: u.name,
    kind: u.kind,
    ...(u.shortName ? { shortName: u.shortName } : {}),
    ...(u.rank ? { rank: u.rank } : {}),
    ...(u.category ? { category: u.category } : {}),
    ...(u.fundingForm ? { fundingForm: u.fundingForm } : {}),
    ...(u.functions ? { functions: u.functions } : {}),
  };
}

/** createUnit, then its establishment, posts and nameplates. */
export function addUnit(b: DecisionBuilder, u: UnitDef): void {
  b.create(u.key, u.parent, attrsOf(u));
  for (const [type, n] of Object.entries(u.quotas) as [EstablishmentType, number][]) b.quota(u.key, type, n);
  b.posts(u.key, 'principal', u.principal ?? 0);
  b.posts(u.key, 'deputy', u.deputy ?? 0);
  for (const np of u.nameplates ?? []) b.nameplate(u.key, np);
}

/** Items a unit adds to a decision (to split large initial decisions). */
export function itemCount(u: UnitDef): number {
  return (
    1 +
    Object.values(u.quotas).filter((n) => n).length +
    (u.principal ? 1 : 0) +
    (u.deputy ? 1 : 0) +
    (u.nameplates?.length ?? 0)
  );
}

export const organ = (
  key: string,
  parent: string | null,
  name: string,
  quotas: Quotas,
  principal = 1,
  deputy = 2,
  extra: Partial<UnitDef> = {},
): UnitDef => ({
  key,
  parent,
  name,
  kind: 'organ',
  rank: '正科',
  fundingForm: 'full',
  quotas,
  principal,
  deputy,
  staffing: 'auto',
  ...extra,
});

export const office = (key: string, parent: string, name: string, nameplates?: string[]): UnitDef => ({
  key,
  parent,
  name,
  kind: 'internalOffice',
  rank: '股级',
  quotas: {},
  staffing: 'none',
  ...(nameplates ? { nameplates } : {}),
});

/** A public institution; category and funding follow its establishment type. */
export const institution = (
  key: string,
  parent: string,
  name: string,
  type: EstablishmentType,
  amount: number,
  extra: Partial<UnitDef> = {},
): UnitDef => {
  const category =
    type === 'civilServantManaged'
      ? 'civilServantManaged'
      : type === 'institutionalFull'
        ? 'publicWelfare1'
        : 'publicWelfare2';
  const fundingForm =
    type === 'institutionalPartial' ? 'partial' : type === 'institutionalSelfFunded' ? 'selfFunded' : 'full';
  return {
    key,
    parent,
    name,
    kind: 'publicInstitution',
    rank: amount >= 60 ? '正科' : amount >= 8 ? '副科' : '股级',
    category,
    fundingForm,
    quotas: { [type]: amount },
    principal: 1,
    deputy: amount >= 100 ? 3 : amount >= 40 ? 2 : amount >= 10 ? 1 : 0,
    staffing: 'auto',
    ...extra,
  };
};
