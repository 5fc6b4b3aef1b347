import type { DecisionItem } from '../../api/types';
import {
  controlLabel,
  fundingFormLabel,
  leadershipLevelLabel,
  typeLabel,
  unitCategoryLabel,
  unitKindLabel,
} from '../../components/orgLabels';
import type { UnitInfo } from '../../components/units';

type Ref = { unitId?: string | undefined; unitRef?: string | undefined };

/** Names for unit references: existing units by id, units this decision creates by ref. */
export function unitNamer(items: readonly DecisionItem[], index: Map<string, UnitInfo>) {
  const created = new Map(
    items.flatMap((it) => (it.kind === 'createUnit' ? [[it.ref, it.attributes.name] as const] : [])),
  );
  return (ref: Ref | null | undefined): string => {
    if (!ref) return '—';
    if (ref.unitRef) return `${created.get(ref.unitRef) ?? ref.unitRef}（新设）`;
    if (ref.unitId) return index.get(ref.unitId)?.name ?? '（已不在数据范围内的单位）';
    return '—';
  };
}

/** The start of a long text, on one line. */
const excerpt = (text: string, max = 60) => {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max)}…` : line;
};

const change = (delta: number, unit = '名') => `${delta > 0 ? '核增' : '核减'}${Math.abs(delta)}${unit}`;

/** One line in plain Chinese, for the read-only view of a decision. */
export function describeItem(item: DecisionItem, name: (ref: Ref | null | undefined) => string): string {
  switch (item.kind) {
    case 'createUnit': {
      const a = item.attributes;
      const attrs = [
        unitKindLabel(a.kind),
        a.rank,
        a.category ? unitCategoryLabel(a.category) : undefined,
        a.fundingForm ? fundingFormLabel(a.fundingForm) : undefined,
      ].filter(Boolean);
      return `新设“${a.name}”${a.shortName ? `（简称${a.shortName}）` : ''}，${attrs.join('、')}；上级单位：${
        item.parent ? name(item.parent) : '无（区直单位）'
      }；代号 ${item.ref}${a.functions ? `；主要职责：${excerpt(a.functions)}` : ''}`;
    }
    case 'rename':
      return `“${name(item.target)}”更名为“${item.name}”${item.shortName ? `，简称${item.shortName}` : ''}`;
    case 'changeAttributes': {
      const a = item.attributes;
      const parts = [
        a.kind ? `机构类别调整为${unitKindLabel(a.kind)}` : '',
        a.rank ? `规格调整为${a.rank}` : '',
        a.category ? `类别调整为${unitCategoryLabel(a.category)}` : '',
        a.fundingForm ? `经费形式调整为${fundingFormLabel(a.fundingForm)}` : '',
        a.uscc ? `统一社会信用代码调整为${a.uscc}` : '',
      ].filter(Boolean);
      return `“${name(item.target)}”${parts.join('，') || '调整属性'}`;
    }
    case 'move':
      return item.parent
        ? `“${name(item.target)}”调整隶属至“${name(item.parent)}”`
        : `“${name(item.target)}”调整为区直单位`;
    case 'merge':
      return `${item.sources.map((s) => `“${name(s)}”`).join('、')}并入“${name(item.into)}”`;
    case 'revoke':
      return `撤销“${name(item.target)}”${item.reassignTo ? `，编制与人员划转至“${name(item.reassignTo)}”` : ''}`;
    case 'quota':
      return `“${name(item.target)}”${typeLabel(item.type)}${change(item.delta)}`;
    case 'posts':
      return `“${name(item.target)}”${leadershipLevelLabel(item.level)}领导职数${change(item.delta)}`;
    case 'nameplate':
      return `“${name(item.target)}”${item.action === 'add' ? '加挂' : '摘除'}“${item.name}”牌子`;
    case 'control':
      return `${controlLabel(item.control)}总量控制数${change(item.delta, item.control === 'organCap' ? '个' : '名')}`;
    case 'offCap':
      return `“${name(item.target)}”编外用工控制数核定为${item.cap}名`;
    case 'functions':
      return `“${name(item.target)}”主要职责（三定）调整为：${excerpt(item.text)}`;
  }
}
