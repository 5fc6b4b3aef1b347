/**
 * The four other staffing offices of the seed reports, each as its own region (tenant): the office,
 * its internal offices and subordinate units as the reports name them, with the published figures.
 * Persons are generated. Where a report is silent the figure is our choice and says so.
 */
import type { EstablishmentType, LeadershipLevel } from '@bianban/contracts';
import type { Keys } from '../../config.js';
import type { Tx } from '../client.js';
import { region } from '../schema.js';
import { addUnit, institution, office, organ, type UnitDef } from './catalogue.js';
import type { PersonFactory, PersonSpec } from './people.js';
import type { Random } from './random.js';
import { applyDecision, DecisionBuilder, insertPersons } from './write.js';

/** One person: [post, leadership level, start, enrol reason, end?, disenrol reason?]. */
type Member = [string, LeadershipLevel | null, string, string, string?, string?];

interface SeedRegion {
  code: string;
  name: string;
  level: 2 | 3;
  body: string;
  prefix: string;
  title: string;
  units: UnitDef[];
  addressCodes: string[];
  /** Persons by unit key and establishment type. */
  staff: [string, EstablishmentType, Member[]][];
}

const clerks = (n: number, post: string, from: string[], reason = '录用'): Member[] =>
  Array.from({ length: n }, (_, i) => [post, null, from[i % from.length]!, reason] as Member);

export const SEED_REGIONS: SeedRegion[] = [
  // 003 广元市 2020: 总编制27 = 行政15 + 其他事业10 + 工勤2; 在职24 = 行政14 + 事业8 + 工勤2; 退休1.
  // Subordinates 市事业单位登记服务中心 (参公) and 市机构编制信息中心. The report names no internal
  // offices, so none are made. Our choices: the 10 事业编制 split 6 参公 (中心, 5 in post) + 4 全额
  // (信息中心, 3 in post); posts 主任1、副主任3 and one 主任 per centre; the retirement in 2018.
  {
    code: '510800',
    name: '广元市',
    level: 2,
    body: '中共广元市委机构编制委员会',
    prefix: '广编委',
    title: '关于市委机构编制委员会办公室及所属事业单位机构编制的通知（初始核定）',
    addressCodes: ['510802', '510811', '510812', '510821', '510822', '510823', '510824'],
    units: [
      { ...organ('gy.committee', null, '中共广元市委', {}, 0, 0), rank: '正厅', staffing: 'none' },
      organ('gy.office', 'gy.committee', '中共广元市委机构编制委员会办公室', { administrative: 15, worker: 2 }, 1, 3, {
        rank: '正处',
        shortName: '市委编办',
      }),
      institution('gy.regCentre', 'gy.office', '广元市事业单位登记服务中心', 'civilServantManaged', 6, {
        rank: '正科',
        deputy: 0,
      }),
      institution('gy.infoCentre', 'gy.office', '广元市机构编制信息中心', 'institutionalFull', 4, {
        rank: '副科',
        deputy: 0,
      }),
    ],
    staff: [
      [
        'gy.office',
        'administrative',
        [
          ['主任', 'principal', '2016-09-01', '调入'],
          ['副主任', 'deputy', '2015-01-01', '转任'],
          ['副主任', 'deputy', '2017-04-10', '调入'],
          ['副主任', 'deputy', '2019-11-04', '遴选'],
          ...clerks(6, '四级主任科员', [
            '2015-01-01',
            '2015-01-01',
            '2016-07-01',
            '2017-08-01',
            '2018-03-01',
            '2019-05-06',
          ]),
          ...clerks(4, '一级科员', ['2018-09-03', '2019-09-02', '2020-03-02', '2020-09-01']),
          ['三级主任科员', null, '2015-01-01', '调入', '2018-06-30', '退休'],
        ],
      ],
      ['gy.office', 'worker', clerks(2, '驾驶员', ['2015-01-01', '2017-03-01'], '招聘')],
      [
        'gy.regCentre',
        'civilServantManaged',
        [
          ['主任', 'principal', '2015-01-01', '转任'],
          ...clerks(4, '四级主任科员', ['2015-01-01', '2016-10-08', '2018-04-02', '2020-07-01']),
        ],
      ],
      [
        'gy.infoCentre',
        'institutionalFull',
        [
          ['主任', 'principal', '2015-01-01', '调入'],
          ...clerks(2, '专业技术人员', ['2017-07-03', '2019-07-01'], '招聘'),
        ],
      ],
    ],
  },
  // 000 万州区 2020: four internal offices; 11 in post at the end of 2020, one fewer than a year
  // before (one 调出 in April 2020). The establishment (行政编制13), the office's rank (正处: the
  // report speaks of 处级事业单位 in the district) and posts (主任1、副主任3) are our choice.
  {
    code: '500101',
    name: '重庆市万州区',
    level: 3,
    body: '中共重庆市万州区委机构编制委员会',
    prefix: '万州编委',
    title: '关于区委机构编制委员会办公室机构编制事项的通知（初始核定）',
    addressCodes: ['500101', '500101', '500154', '500235', '500236'],
    units: [
      { ...organ('wz.committee', null, '中共重庆市万州区委', {}, 0, 0), rank: '正厅', staffing: 'none' },
      organ('wz.office', 'wz.committee', '中共重庆市万州区委机构编制委员会办公室', { administrative: 13 }, 1, 3, {
        rank: '正处',
        shortName: '区委编办',
      }),
      office('wz.o1', 'wz.office', '综合科'),
      office('wz.o2', 'wz.office', '行政机构编制科'),
      office('wz.o3', 'wz.office', '事业机构编制科'),
      office('wz.o4', 'wz.office', '事业单位登记管理科'),
    ],
    staff: [
      [
        'wz.office',
        'administrative',
        [
          ['主任', 'principal', '2015-01-01', '转任'],
          ['副主任', 'deputy', '2015-01-01', '调入'],
          ['副主任', 'deputy', '2016-05-03', '转任'],
          ['副主任', 'deputy', '2018-12-03', '调入'],
          ...clerks(5, '四级主任科员', ['2015-01-01', '2015-01-01', '2016-09-01', '2017-03-01', '2018-08-01']),
          ...clerks(2, '一级科员', ['2019-03-04', '2019-09-02']),
          ['三级主任科员', null, '2015-01-01', '录用', '2020-04-16', '调出'],
        ],
      ],
    ],
  },
  // 001 君山区 (2020 report): 正科级, 全额, internal offices 综合室 and 业务室, 行政编制4 and
  // 事业编制2 (事登办). On 2018-12-31 7 in post: 5 on 行政编制 (one over) and 2 at 事登办; the 2020
  // table gives 人员编制6, 实有4. Our choices: the departures (one 调出 in 2019, one 退休 in 2020
  // from the office, one 调出 from 事登办 in 2019), hence 3 + 1 at the end of 2020; posts 主任1、
  // 副主任2 (the report's evaluators) and 事登办's full name.
  {
    code: '430611',
    name: '岳阳市君山区',
    level: 3,
    body: '中共岳阳市君山区委机构编制委员会',
    prefix: '君编委',
    title: '关于区委机构编制委员会办公室机构编制事项的通知（初始核定）',
    addressCodes: ['430611', '430611', '430602', '430621', '430682'],
    units: [
      { ...organ('js.committee', null, '中共岳阳市君山区委', {}, 0, 0), rank: '正处', staffing: 'none' },
      organ('js.office', 'js.committee', '中共岳阳市君山区委机构编制委员会办公室', { administrative: 4 }, 1, 2, {
        shortName: '区委编办',
      }),
      office('js.o1', 'js.office', '综合室'),
      office('js.o2', 'js.office', '业务室'),
      institution('js.registry', 'js.office', '岳阳市君山区事业单位登记管理办公室', 'institutionalFull', 2, {
        shortName: '事登办',
        rank: '股级',
        deputy: 0,
      }),
    ],
    staff: [
      [
        'js.office',
        'administrative',
        [
          ['主任', 'principal', '2015-01-01', '转任'],
          ['副主任', 'deputy', '2015-01-01', '调入'],
          ['副主任', 'deputy', '2016-03-01', '转任'],
          ['四级主任科员', null, '2015-01-01', '录用', '2019-07-15', '调出'],
          ['三级主任科员', null, '2017-06-01', '调入', '2020-03-31', '退休'],
        ],
      ],
      [
        'js.registry',
        'institutionalFull',
        [
          ['主任', 'principal', '2015-01-01', '调入'],
          ['专业技术人员', null, '2016-08-01', '招聘', '2019-10-08', '调出'],
        ],
      ],
    ],
  },
  // 004 合水县 2023: internal offices 人事秘书股、机构编制管理股、监督检查股、事业单位登记管理股;
  // subordinate 合水县机构编制电子政务中心; 12 at the start of 2023, 13 at the end: 6 行政 (no change)
  // and 7 事业 (one 调入). Our choices: 行政编制7, the centre's 事业编制8 (the 事业 persons are
  // placed there), posts 主任1、副主任2 and the centre's 主任, the 调入 date.
  {
    code: '621024',
    name: '庆阳市合水县',
    level: 3,
    body: '中共合水县委机构编制委员会',
    prefix: '合编委',
    title: '关于县委机构编制委员会办公室及所属事业单位机构编制的通知（初始核定）',
    addressCodes: ['621024', '621024', '621002', '621022', '621025'],
    units: [
      { ...organ('hs.committee', null, '中共合水县委', {}, 0, 0), rank: '正处', staffing: 'none' },
      organ('hs.office', 'hs.committee', '中共合水县委机构编制委员会办公室', { administrative: 7 }, 1, 2, {
        shortName: '县委编办',
      }),
      office('hs.o1', 'hs.office', '人事秘书股'),
      office('hs.o2', 'hs.office', '机构编制管理股'),
      office('hs.o3', 'hs.office', '监督检查股'),
      office('hs.o4', 'hs.office', '事业单位登记管理股'),
      institution('hs.egov', 'hs.office', '合水县机构编制电子政务中心', 'institutionalFull', 8, {
        rank: '股级',
        deputy: 0,
      }),
    ],
    staff: [
      [
        'hs.office',
        'administrative',
        [
          ['主任', 'principal', '2018-04-02', '调入'],
          ['副主任', 'deputy', '2015-01-01', '转任'],
          ['副主任', 'deputy', '2019-08-01', '调入'],
          ...clerks(3, '四级主任科员', ['2015-01-01', '2016-11-01', '2020-09-01']),
        ],
      ],
      [
        'hs.egov',
        'institutionalFull',
        [
          ['主任', 'principal', '2015-01-01', '调入'],
          ...clerks(5, '专业技术人员', ['2015-01-01', '2015-01-01', '2017-08-01', '2019-09-02', '2021-09-01'], '招聘'),
          ['专业技术人员', null, '2023-06-12', '调入'],
        ],
      ],
    ],
  },
];

export async function loadSeedRegion(
  tx: Tx,
  keys: Keys,
  r: SeedRegion,
  factory: PersonFactory,
  rng: Random,
): Promise<{ units: number; persons: number }> {
  await tx.insert(region).values({ regionCode: r.code, name: r.name, level: r.level }).onConflictDoNothing();
  const ids = new Map<string, string>();
  const b = new DecisionBuilder(ids);
  for (const u of r.units) addUnit(b, u);
  await applyDecision(
    tx,
    r.code,
    {
      docNumber: `${r.prefix}〔2015〕1号`,
      docDate: '2014-12-22',
      effectiveDate: '2015-01-01',
      approvingBody: r.body,
      title: r.title,
    },
    b.items,
    ids,
  );
  const persons: PersonSpec[] = [];
  for (const [unit, type, members] of r.staff) {
    for (const [post, level, from, enrolReason, to, disenrolReason] of members) {
      // Leaders older, newly recruited clerks younger; retirees exactly at retirement age (60).
      const year = Number(from.slice(0, 4));
      const [lo, hi] =
        disenrolReason === '退休'
          ? [Number(to!.slice(0, 4)) - 60, Number(to!.slice(0, 4)) - 60]
          : level
            ? [year - 50, year - 35]
            : enrolReason === '录用' || enrolReason === '招聘'
              ? [year - 30, year - 22]
              : [year - 45, year - 26];
      const base = factory.make({
        addressCodes: r.addressCodes,
        birthFrom: disenrolReason === '退休' ? `${lo}-01-01` : `${Math.max(lo, 1970)}-01-01`,
        birthTo: disenrolReason === '退休' ? `${hi}${to!.slice(4)}` : `${hi}-12-31`,
        profile:
          type === 'administrative' || type === 'civilServantManaged'
            ? 'organ'
            : type === 'worker'
              ? 'worker'
              : 'institution',
        ...(disenrolReason === '退休' ? { sex: 'male' as const } : rng.chance(0.5) ? { sex: 'female' as const } : {}),
      });
      persons.push({
        ...base,
        placements: [
          {
            unit,
            type,
            post,
            leadershipLevel: level,
            validFrom: from,
            validTo: to ?? null,
            enrolReason,
            disenrolReason: disenrolReason ?? null,
          },
        ],
      });
    }
  }
  return { units: ids.size, persons: await insertPersons(tx, keys, r.code, persons, ids) };
}
