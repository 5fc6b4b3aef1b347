/**
 * The editable form of decision items (机构编制事项): loose drafts the editor changes freely, turned
 * into the contract's `DecisionItem` shapes (and checked) when saving.
 */
import { DecisionBody, type FUNDING_FORMS, type UNIT_CATEGORIES, type UNIT_RANKS } from '@bianban/contracts';
import type {
  ControlKind,
  DecisionBodyT,
  DecisionItem,
  EstablishmentType,
  LeadershipLevel,
  UnitKind,
} from '../../api/types';

export type ItemKind = DecisionItem['kind'];

export const ITEM_KINDS: readonly ItemKind[] = [
  'createUnit',
  'rename',
  'changeAttributes',
  'move',
  'merge',
  'revoke',
  'quota',
  'posts',
  'nameplate',
  'functions',
  'control',
  'offCap',
];

export const ITEM_KIND_LABELS: Record<ItemKind, string> = {
  createUnit: '新设机构',
  rename: '更名',
  changeAttributes: '调整属性',
  move: '调整隶属',
  merge: '合并',
  revoke: '撤销',
  quota: '核增/核减编制',
  posts: '核增/核减领导职数',
  nameplate: '加挂/摘除牌子',
  functions: '调整主要职责（三定）',
  control: '调整总量控制数',
  offCap: '核定编外用工控制数',
};

export type UnitCategory = (typeof UNIT_CATEGORIES)[number];
export type UnitRank = (typeof UNIT_RANKS)[number];
export type FundingForm = (typeof FUNDING_FORMS)[number];

/**
 * A unit as the pickers hold it: an existing unit's id, or `ref:<ref>` for a unit created by an
 * earlier item of the same decision.
 */
export type UnitPick = string;

const REF_PREFIX = 'ref:';

export function pickOf(ref: { unitId?: string | undefined; unitRef?: string | undefined }): UnitPick | undefined {
  if (ref.unitRef) return REF_PREFIX + ref.unitRef;
  return ref.unitId;
}

export function refOf(pick: UnitPick): { unitId: string } | { unitRef: string } {
  return pick.startsWith(REF_PREFIX) ? { unitRef: pick.slice(REF_PREFIX.length) } : { unitId: pick };
}

export function isCreatedPick(pick: UnitPick | undefined): pick is UnitPick {
  return !!pick && pick.startsWith(REF_PREFIX);
}

/** Every field any kind may use; which ones matter depends on `kind`. */
export interface ItemDraft {
  /** React key, stable while editing. */
  key: string;
  kind: ItemKind;
  ref?: string;
  /** createUnit / move: the new parent; undefined = a top-level unit. */
  parent?: UnitPick;
  target?: UnitPick;
  name?: string;
  shortName?: string;
  unitKind?: UnitKind;
  category?: UnitCategory;
  rank?: UnitRank;
  fundingForm?: FundingForm;
  uscc?: string;
  /** createUnit (optional) / functions: 主要职责 (三定). */
  functions?: string;
  sources?: UnitPick[];
  into?: UnitPick;
  /** revoke: where its establishment and persons go; undefined = nowhere (must be empty). */
  reassignTo?: UnitPick;
  type?: EstablishmentType;
  level?: LeadershipLevel;
  delta?: number | null;
  action?: 'add' | 'remove';
  control?: ControlKind;
  /** offCap: the approved cap (absolute, ≥ 0). */
  cap?: number | null;
}

let seq = 0;
const newKey = () => `item-${Date.now().toString(36)}-${++seq}`;

/** The next free `newN` reference among the decision's createUnit items. */
export function nextRef(drafts: readonly ItemDraft[]): string {
  const used = new Set(drafts.map((d) => d.ref).filter(Boolean));
  let n = 1;
  while (used.has(`new${n}`)) n++;
  return `new${n}`;
}

export function newDraft(kind: ItemKind, drafts: readonly ItemDraft[]): ItemDraft {
  const draft: ItemDraft = { key: newKey(), kind };
  if (kind === 'createUnit') draft.ref = nextRef(drafts);
  if (kind === 'nameplate') draft.action = 'add';
  if (kind === 'merge') draft.sources = [];
  return draft;
}

/** The units created by items before `index`, as picker entries. */
export function createdBefore(drafts: readonly ItemDraft[], index: number): { ref: string; name: string }[] {
  return drafts
    .slice(0, index)
    .flatMap((d) => (d.kind === 'createUnit' && d.ref ? [{ ref: d.ref, name: d.name?.trim() ?? '' }] : []));
}

export function draftOf(item: DecisionItem): ItemDraft {
  const key = newKey();
  switch (item.kind) {
    case 'createUnit':
      return {
        key,
        kind: item.kind,
        ref: item.ref,
        parent: item.parent ? pickOf(item.parent) : undefined,
        name: item.attributes.name,
        shortName: item.attributes.shortName,
        unitKind: item.attributes.kind,
        category: item.attributes.category,
        rank: item.attributes.rank,
        fundingForm: item.attributes.fundingForm,
        uscc: item.attributes.uscc,
        functions: item.attributes.functions,
      };
    case 'rename':
      return { key, kind: item.kind, target: pickOf(item.target), name: item.name, shortName: item.shortName };
    case 'changeAttributes':
      return {
        key,
        kind: item.kind,
        target: pickOf(item.target),
        unitKind: item.attributes.kind,
        category: item.attributes.category,
        rank: item.attributes.rank,
        fundingForm: item.attributes.fundingForm,
        uscc: item.attributes.uscc,
      };
    case 'move':
      return {
        key,
        kind: item.kind,
        target: pickOf(item.target),
        parent: item.parent ? pickOf(item.parent) : undefined,
      };
    case 'merge':
      return {
        key,
        kind: item.kind,
        sources: item.sources.flatMap((s) => pickOf(s) ?? []),
        into: pickOf(item.into),
      };
    case 'revoke':
      return {
        key,
        kind: item.kind,
        target: pickOf(item.target),
        reassignTo: item.reassignTo ? pickOf(item.reassignTo) : undefined,
      };
    case 'quota':
      return { key, kind: item.kind, target: pickOf(item.target), type: item.type, delta: item.delta };
    case 'posts':
      return { key, kind: item.kind, target: pickOf(item.target), level: item.level, delta: item.delta };
    case 'nameplate':
      return { key, kind: item.kind, target: pickOf(item.target), name: item.name, action: item.action };
    case 'control':
      return { key, kind: item.kind, control: item.control, delta: item.delta };
    case 'offCap':
      return { key, kind: item.kind, target: pickOf(item.target), cap: item.cap };
    case 'functions':
      return { key, kind: item.kind, target: pickOf(item.target), functions: item.text };
  }
}

const text = (v: string | undefined) => {
  const t = v?.trim();
  return t ? t : undefined;
};

/** The draft in the contract's shape (not yet checked; see `checkDecision`). */
function itemOf(d: ItemDraft): unknown {
  const target = d.target ? refOf(d.target) : undefined;
  switch (d.kind) {
    case 'createUnit':
      return {
        kind: d.kind,
        ref: d.ref,
        parent: d.parent ? refOf(d.parent) : null,
        attributes: {
          name: d.name?.trim() ?? '',
          shortName: text(d.shortName),
          kind: d.unitKind,
          category: d.category,
          rank: d.rank,
          fundingForm: d.fundingForm,
          uscc: text(d.uscc),
          functions: text(d.functions),
        },
      };
    case 'rename':
      return { kind: d.kind, target, name: d.name?.trim() ?? '', shortName: text(d.shortName) };
    case 'changeAttributes':
      return {
        kind: d.kind,
        target,
        attributes: {
          kind: d.unitKind,
          category: d.category,
          rank: d.rank,
          fundingForm: d.fundingForm,
          uscc: text(d.uscc),
        },
      };
    case 'move':
      return { kind: d.kind, target, parent: d.parent ? refOf(d.parent) : null };
    case 'merge':
      return { kind: d.kind, sources: (d.sources ?? []).map(refOf), into: d.into ? refOf(d.into) : undefined };
    case 'revoke':
      return { kind: d.kind, target, reassignTo: d.reassignTo ? refOf(d.reassignTo) : null };
    case 'quota':
      return { kind: d.kind, target, type: d.type, delta: d.delta };
    case 'posts':
      return { kind: d.kind, target, level: d.level, delta: d.delta };
    case 'nameplate':
      return { kind: d.kind, target, name: d.name?.trim() ?? '', action: d.action };
    case 'control':
      return { kind: d.kind, control: d.control, delta: d.delta };
    case 'offCap':
      return { kind: d.kind, target, cap: d.cap };
    case 'functions':
      return { kind: d.kind, target, text: d.functions?.trim() ?? '' };
  }
}

/** What is missing in one draft, in the words of the form. */
function problemsOf(d: ItemDraft, index: number, drafts: readonly ItemDraft[]): string[] {
  const out: string[] = [];
  const need = (ok: unknown, message: string) => {
    if (!ok) out.push(message);
  };
  const deltaOk = typeof d.delta === 'number' && Number.isInteger(d.delta) && d.delta !== 0;
  const named = (min: number) => (d.name?.trim().length ?? 0) >= min;
  switch (d.kind) {
    case 'createUnit':
      need(named(2), '请填写机构名称（至少2个字）');
      need(d.unitKind, '请选择机构类别');
      break;
    case 'rename':
      need(d.target, '请选择要更名的单位');
      need(named(2), '请填写新名称（至少2个字）');
      break;
    case 'changeAttributes':
      need(d.target, '请选择单位');
      need(d.unitKind || d.category || d.rank || d.fundingForm || text(d.uscc), '请至少调整一项属性');
      break;
    case 'move':
      need(d.target, '请选择要调整隶属的单位');
      need(!d.target || d.target !== d.parent, '上级单位不能是其本身');
      break;
    case 'merge':
      need(d.sources?.length, '请选择被合并的单位');
      need(d.into, '请选择合并后的单位');
      need(!d.into || !d.sources?.includes(d.into), '合并后的单位不能同时是被合并单位');
      break;
    case 'revoke':
      need(d.target, '请选择要撤销的单位');
      need(!d.target || d.target !== d.reassignTo, '划转去向不能是被撤销的单位本身');
      break;
    case 'quota':
      need(d.target, '请选择单位');
      need(d.type, '请选择编制类型');
      need(deltaOk, '增减数须为非零整数（核减填负数）');
      break;
    case 'posts':
      need(d.target, '请选择单位');
      need(d.level, '请选择正职或副职');
      need(deltaOk, '增减数须为非零整数（核减填负数）');
      break;
    case 'nameplate':
      need(d.target, '请选择单位');
      need(named(2), '请填写牌子名称（至少2个字）');
      break;
    case 'control':
      need(d.control, '请选择控制数类别');
      need(deltaOk, '增减数须为非零整数（核减填负数）');
      break;
    case 'functions':
      need(d.target, '请选择单位');
      need((d.functions?.trim().length ?? 0) >= 2, '请填写主要职责');
      break;
    case 'offCap':
      need(d.target, '请选择单位');
      need(typeof d.cap === 'number' && Number.isInteger(d.cap) && d.cap >= 0, '编外用工控制数须为不小于0的整数');
      break;
  }
  // A unit created by this decision can only be used by the items after it.
  const refs = new Set(createdBefore(drafts, index).map((c) => c.ref));
  const picks = [d.target, d.parent, d.into, d.reassignTo, ...(d.sources ?? [])];
  for (const p of picks) {
    if (!isCreatedPick(p)) continue;
    const ref = refOf(p) as { unitRef: string };
    if (!refs.has(ref.unitRef)) out.push(`引用的新设机构“${ref.unitRef}”须在本项之前设立`);
  }
  return out;
}

export interface DecisionHeader {
  docNumber: string;
  docDate: string | null;
  effectiveDate: string | null;
  approvingBody: string;
  title: string;
}

const HEADER_LABELS: Record<string, string> = {
  docNumber: '文号',
  docDate: '发文日期',
  effectiveDate: '生效日期',
  approvingBody: '批准机关',
  title: '标题',
};

/**
 * The request body, or the list of problems (Chinese, with the item number) when the form is
 * incomplete. The shared zod schema has the last word, as on the server.
 */
export function checkDecision(
  header: DecisionHeader,
  drafts: readonly ItemDraft[],
): { body: DecisionBodyT; problems: [] } | { body: null; problems: string[] } {
  const headerProblems: string[] = [];
  const itemProblems: string[] = [];
  drafts.forEach((d, i) => {
    for (const p of problemsOf(d, i, drafts)) itemProblems.push(`第${i + 1}项（${ITEM_KIND_LABELS[d.kind]}）：${p}`);
  });
  const parsed = DecisionBody.safeParse({
    docNumber: header.docNumber,
    docDate: header.docDate ?? '',
    effectiveDate: header.effectiveDate ?? '',
    approvingBody: header.approvingBody,
    title: header.title,
    items: drafts.map(itemOf),
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [first, second] = issue.path;
      if (first === 'items' && typeof second === 'number') {
        // Item problems found above already explain the same thing in plainer words.
        const d = drafts[second];
        if (d && problemsOf(d, second, drafts).length) continue;
        itemProblems.push(`第${second + 1}项${d ? `（${ITEM_KIND_LABELS[d.kind]}）` : ''}：${issue.message}`);
      } else if (typeof first === 'string' && HEADER_LABELS[first]) {
        headerProblems.push(`${HEADER_LABELS[first]}：${issue.message}`);
      } else {
        headerProblems.push(issue.message);
      }
    }
  }
  const problems = [...headerProblems, ...itemProblems];
  const unique = [...new Set(problems)];
  if (unique.length || !parsed.success) return { body: null, problems: unique.length ? unique : ['请检查填写内容'] };
  return { body: parsed.data, problems: [] };
}
