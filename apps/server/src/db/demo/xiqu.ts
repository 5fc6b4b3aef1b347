/**
 * The demo tenant, 攀枝花市西区 (510403): the real staffing office as report 002 (2021) describes
 * it, the units the first demo had (财政局 etc., real names, generated persons), and a synthetic
 * county slice of about 300 units and 8,000 persons whose names all end in （演示）.
 *
 * History (all as applied decisions of 区委编委, 西编委〔年〕号):
 *   2015-01-01  初始核定: total controls and organ cap, then the units by system.
 *   2019-03-01  机构改革: 安监局 renamed 应急管理局 (+3 行政编制); 农牧局 + 交通运输局 merged into
 *               农业农村和交通运输局, 文广局 + 旅游局 into 文广旅局 (persons 划转); 退役军人事务局 and
 *               医疗保障局 set up.
 *   2021        the changes report 002 tells: +2 事业编制 园区发展服务中心, 乡村振兴局 nameplate on
 *               农业农村和交通运输局 and +2 for 公路建设养护中心, nameplates on 格里坪镇农业农村服务中心,
 *               红十字会 +3 事业编制 with a 正科级 常务副会长. One 公务员 of the office moves to 林业局.
 *   2024-09-01  教职工编制 adjustment: one school loses 8 (now over establishment), another gains 6.
 */
import type { EstablishmentType } from '@bianban/contracts';
import type { Keys } from '../../config.js';
import type { Tx } from '../client.js';
import { addUnit, institution, itemCount, office, organ, type Quotas, type UnitDef } from './catalogue.js';
import type { PersonFactory, PersonSpec } from './people.js';
import type { Random } from './random.js';
import { staff } from './staffing.js';
import { applyDecision, DecisionBuilder, insertPersons, type DecisionMeta } from './write.js';

const BODY = '中共攀枝花市西区区委机构编制委员会';
const ADDRESS_CODES = '510403 510403 510403 510402 510411 510421 510422 513401 510107 511102'.split(' ');
const INITIAL = '2015-01-01';
const REFORM = '2019-03-01';
const END = '2025-12-31';

const D = (s: string) => `${s}（演示）`;

/** Internal offices with names of their own; other organs draw from the generic list. */
const OFFICE_NAMES: Record<string, string[]> = {
  discipline: ['办公室', '党风政风监督室', '纪检监察室', '案件审理室'],
  organization: ['办公室', '组织股', '干部股', '人才工作股'],
  publicity: ['办公室', '理论教育股', '新闻宣传股'],
  npc: ['办公室', '法制工作委员会'],
  cppcc: ['办公室', '提案委员会'],
  court: ['立案庭', '刑事审判庭', '民事审判庭', '执行局'],
  procuratorate: ['第一检察部', '第二检察部', '综合业务部', '政治部'],
  police: ['指挥中心', '治安管理大队', '刑事侦查大队', '政治处'],
  education: ['办公室', '基础教育股', '人事股'],
  health: ['办公室', '医政医管股', '疾病预防控制股'],
  finance: ['办公室', '预算股', '国库股', '综合股'],
  emergency: ['办公室', '应急指挥协调股', '安全生产监督管理股'],
  forestry: ['办公室', '森林防火股', '资源保护股'],
  agri: ['办公室', '乡村振兴股', '农业农村股', '交通运输股'],
  culture: ['办公室', '文化艺术股', '旅游产业股'],
};
/** 主要职能 of the office as report 002 publishes them (一、基本职能及主要工作 （一）主要职能). */
const OFFICE_FUNCTIONS = [
  '1.贯彻执行中央、省、市行政管理体制改革和机构改革、事业单位改革及机构编制管理的方针政策和法律法规，制定相关政策并监督实施。',
  '2.研究拟订全区行政管理体制改革和机构改革方案，审核区级各部门“三定”规定以及乡（镇）机构改革方案，评估改革效果。参与行政审批制度改革和行政区划调整的有关工作。',
  '3.拟订全区各级行政编制、政法专项编制总额分配方案。负责全区行政事业编制总量控制和机关事业单位机构编制实名制管理工作，建立健全机构编制管理联动机制，会同有关部门严格控制财政供养人员。对全区机关事业单位使用空缺编制补充人员进行核批。',
  '4.负责区委、区政府各部门，区人大、区政协机关，区法院、区检察院机关，工商联和群团机关以及其他行政机构的机构编制管理工作。',
  '5.拟订全区事业单位改革方案及相关配套政策，审核区属事业单位机构编制方案，评估改革效果。负责区属事业单位的机构编制管理工作。负责拟参照公务员法管理事业单位机构编制事项的审核工作。',
  '6.监督检查全区各级行政管理体制改革和机构改革方案及机构编制规定执行情况，建立机构编制工作考核评估制度，会同有关部门查处机构编制违法违纪行为。',
  '7.负责行政管理体制、机构改革及机构编制的理论研究和信息传递、交流工作，负责机构编制的统计工作。',
  '8.负责市委机构编制委员会及其办公室下达有关部门专项编制的分配和管理工作。',
  '9.监督检查全区事业单位登记管理工作。',
  '10.承办区委、区政府和区委编委交办的其他工作。',
].join('\n');
const GENERIC_OFFICES = ['办公室', '综合股', '政策法规股', '业务股', '规划财务股', '监督检查股'];

interface Catalogue {
  /** Units of the initial decisions, by decision. */
  initial: { title: string; units: UnitDef[] }[];
  /** Units set up in the 2019 reform (merge targets and new organs), with their offices. */
  reform: UnitDef[];
  /** Merged away in 2019: persons predate the reform. */
  mergedAway: Set<string>;
  /** Offices revoked in 2019 with their merged-away organs. */
  revokedOffices: string[];
  all: Map<string, UnitDef>;
}

function buildCatalogue(rng: Random): Catalogue {
  const all = new Map<string, UnitDef>();
  const add = (list: UnitDef[], u: UnitDef) => {
    if (all.has(u.key)) throw new Error(`演示数据：单位代号“${u.key}”重复`);
    all.set(u.key, u);
    list.push(u);
    return u;
  };
  const officesOf = (list: UnitDef[], o: UnitDef, special?: string) => {
    const names = special
      ? OFFICE_NAMES[special]!
      : ['办公室', ...rng.shuffle(GENERIC_OFFICES.slice(1)).slice(0, rng.pick([1, 1, 1, 1, 2, 2]))];
    names.forEach((n, i) => add(list, office(`${o.key}.o${i + 1}`, o.key, D(n))));
  };

  // ── 区委 system ────────────────────────────────────────────────────────────────────────────
  const committee: UnitDef[] = [];
  add(committee, {
    key: 'committee',
    parent: null,
    name: '中共攀枝花市西区区委',
    kind: 'organ',
    rank: '正处',
    fundingForm: 'full',
    quotas: {},
    staffing: 'none',
  });
  // The staffing office as report 002 states it (2021): 行政编制4名, 主任1名、副主任1名; internal
  // offices 综合股（区事业单位登记管理局）and 机构编制管理股（督查调研股）; the 参公 centre with 6.
  // Its rank (正科) and funding (全额) are stated; the centre's rank (副科) and its one 主任 post are
  // our choice — the report is silent.
  add(
    committee,
    organ('office', 'committee', '中共攀枝花市西区区委机构编制委员会办公室', { administrative: 4 }, 1, 1, {
      shortName: '区委编办',
      functions: OFFICE_FUNCTIONS,
      staffing: 'manual',
    }),
  );
  add(committee, office('general', 'office', '综合股', ['区事业单位登记管理局']));
  add(committee, office('mgmt', 'office', '机构编制管理股', ['督查调研股']));
  add(
    committee,
    institution('regCentre', 'office', '攀枝花市西区事业单位登记服务中心', 'civilServantManaged', 6, {
      rank: '副科',
      deputy: 0,
      staffing: 'manual',
    }),
  );
  const committeeOrgans: [string, string, Quotas, number, number, string?][] = [
    ['cOffice', '区委办公室', { administrative: 14, worker: 2 }, 1, 3],
    ['discipline', '区纪委监委机关', { administrative: 28, worker: 2 }, 1, 4, 'discipline'],
    ['organization', '区委组织部', { administrative: 16, worker: 1 }, 1, 3, 'organization'],
    ['publicity', '区委宣传部', { administrative: 9 }, 1, 2, 'publicity'],
    ['unitedFront', '区委统战部', { administrative: 7 }, 1, 2],
    ['politicsLaw', '区委政法委员会', { administrative: 8 }, 1, 2],
    ['cyberspace', '区委网络安全和信息化委员会办公室', { administrative: 5 }, 1, 1],
    ['inspection', '区委巡察工作领导小组办公室', { administrative: 6 }, 1, 1],
    ['organsWork', '区直属机关工作委员会', { administrative: 5 }, 1, 1],
    ['npc', '区人大常委会办公室', { administrative: 14, worker: 2 }, 1, 3, 'npc'],
    ['cppcc', '区政协办公室', { administrative: 10, worker: 1 }, 1, 2, 'cppcc'],
    ['court', '区人民法院', { politicalLegal: 64, worker: 3 }, 1, 3, 'court'],
    ['procuratorate', '区人民检察院', { politicalLegal: 40, worker: 2 }, 1, 3, 'procuratorate'],
  ];
  for (const [key, name, quotas, p, d, special] of committeeOrgans) {
    const o = add(committee, organ(key, 'committee', D(name), quotas, p, d));
    officesOf(committee, o, special);
  }

  // ── 区政府 system ──────────────────────────────────────────────────────────────────────────
  const government: UnitDef[] = [];
  add(government, {
    key: 'gov',
    parent: null,
    name: '攀枝花市西区人民政府',
    kind: 'organ',
    rank: '正处',
    fundingForm: 'full',
    quotas: {},
    staffing: 'none',
  });
  // Names without （演示） are the real units of the first demo (persons are generated all the
  // same); their establishment figures are our choice.
  const govOrgans: [string, string, Quotas, number, number, string?][] = [
    ['gOffice', D('区政府办公室'), { administrative: 16, worker: 3 }, 1, 3],
    ['development', D('区发展和改革局'), { administrative: 12 }, 1, 3],
    ['industry', D('区经济和信息化局'), { administrative: 9 }, 1, 2],
    ['education', D('区教育和体育局'), { administrative: 12 }, 1, 3, 'education'],
    ['science', D('区科学技术局'), { administrative: 5 }, 1, 1],
    ['police', D('区公安分局'), { politicalLegal: 210, administrative: 6, worker: 4 }, 1, 4, 'police'],
    ['civil', D('区民政局'), { administrative: 9 }, 1, 2],
    ['justice', D('区司法局'), { administrative: 8, politicalLegal: 12 }, 1, 2],
    ['finance', '攀枝花市西区财政局', { administrative: 18, worker: 2 }, 1, 3, 'finance'],
    ['hrss', D('区人力资源和社会保障局'), { administrative: 11 }, 1, 2],
    ['housing', D('区住房和城乡建设局'), { administrative: 10 }, 1, 2],
    ['water', D('区水利局'), { administrative: 6 }, 1, 2],
    ['commerce', D('区商务和经济合作局'), { administrative: 7 }, 1, 2],
    ['health', D('区卫生健康局'), { administrative: 10 }, 1, 3, 'health'],
    ['emergency', D('区安全生产监督管理局'), { administrative: 8 }, 1, 2, 'emergency'],
    ['forestry', '攀枝花市西区林业局', { administrative: 7 }, 1, 2, 'forestry'],
    ['audit', D('区审计局'), { administrative: 7 }, 1, 2],
    ['market', D('区市场监督管理局'), { administrative: 60 }, 1, 4],
    ['statistics', D('区统计局'), { administrative: 6 }, 1, 2],
    ['approval', D('区行政审批局'), { administrative: 8 }, 1, 2],
    ['petition', D('区信访局'), { administrative: 5 }, 1, 1],
    ['lawEnforcement', D('区综合行政执法局'), { administrative: 10 }, 1, 2],
    // Merged away in 2019.
    ['farming', D('区农牧局'), { administrative: 9 }, 1, 2],
    ['transport', D('区交通运输局'), { administrative: 7 }, 1, 2],
    ['culture0', D('区文化广播影视局'), { administrative: 6 }, 1, 2],
    ['tourism', D('区旅游局'), { administrative: 4 }, 1, 1],
  ];
  const revokedOffices: string[] = [];
  const mergedAway = new Set(Object.values(MERGES).flat());
  for (const [key, name, quotas, p, d, special] of govOrgans) {
    const o = add(government, organ(key, 'gov', name, quotas, p, d));
    const before = government.length;
    officesOf(government, o, special);
    if (mergedAway.has(key)) revokedOffices.push(...government.slice(before).map((u) => u.key));
  }
  for (const u of government) if (u.key === 'forestry') u.vacancy = 2; // one arrives from the office in 2021

  // ── 区属事业单位 ──────────────────────────────────────────────────────────────────────────
  const institutions: UnitDef[] = [];
  const inst = (
    key: string,
    parent: string,
    name: string,
    type: EstablishmentType,
    amount: number | [number, number],
    extra: Partial<UnitDef> = {},
  ) =>
    add(
      institutions,
      institution(key, parent, name, type, typeof amount === 'number' ? amount : rng.int(amount[0], amount[1]), extra),
    );
  const F: EstablishmentType = 'institutionalFull';
  const P: EstablishmentType = 'institutionalPartial';
  const S: EstablishmentType = 'institutionalSelfFunded';
  const C: EstablishmentType = 'civilServantManaged';
  const numerals = [
    '一',
    '二',
    '三',
    '四',
    '五',
    '六',
    '七',
    '八',
    '九',
    '十',
    '十一',
    '十二',
    '十三',
    '十四',
    '十五',
    '十六',
  ];
  inst('exp1', 'education', D('区第一实验小学'), F, [125, 150]);
  inst('exp2', 'education', D('区第二实验小学'), F, [115, 140]);
  for (let i = 0; i < 16; i++) {
    const extra: Partial<UnitDef> = i === 2 ? { over: 3 } : {};
    inst(`primary${i + 1}`, 'education', D(`区第${numerals[i]}小学`), F, [100, 150], extra);
  }
  for (let i = 0; i < 7; i++) inst(`middle${i + 1}`, 'education', D(`区第${numerals[i]}中学`), F, [170, 230]);
  inst('middleExp', 'education', D('区实验中学'), F, [170, 200]);
  for (let i = 0; i < 10; i++) inst(`kinder${i + 1}`, 'education', D(`区第${numerals[i]}幼儿园`), F, [30, 50]);
  inst('vocational', 'education', D('区职业技术学校'), F, [110, 130]);
  inst('specialEd', 'education', D('区特殊教育学校'), F, [18, 24]);
  inst('teacherTraining', 'education', D('区教师进修学校'), F, [14, 18]);
  inst('eduService', 'education', D('区教育服务中心'), F, [8, 12]);
  inst('sports', 'education', D('区体育运动中心'), F, [6, 10]);

  inst('hospital', 'health', D('区人民医院'), P, [640, 680], { over: 5 });
  inst('tcmHospital', 'health', D('区中医医院'), P, [300, 340]);
  inst('mentalHealth', 'health', D('区精神卫生中心'), P, [80, 100]);
  inst('maternal', 'health', D('区妇幼保健院'), P, [110, 130]);
  inst('cdc', 'health', D('区疾病预防控制中心'), F, [50, 60]);
  inst('healthEnforcement', 'health', D('区卫生健康综合执法大队'), C, [12, 16]);
  inst('emergencyCentre', 'health', D('区急救指挥中心'), F, [10, 14]);
  for (let i = 0; i < 8; i++)
    inst(`chc${i + 1}`, 'health', D(`区第${numerals[i]}社区卫生服务中心`), i < 4 ? P : F, [60, 90]);
  for (const [i, town] of ['格里坪镇', '和平镇', '太平镇', '永兴镇', '红星镇'].entries())
    inst(`townHealth${i + 1}`, 'health', D(`${town}卫生院`), P, [35, 55]);

  inst('socialInsurance', 'hrss', D('区社会保险事务中心'), C, [16, 20]);
  inst('employment', 'hrss', D('区就业服务中心'), C, [10, 14]);
  inst('arbitration', 'hrss', D('区劳动人事争议仲裁院'), F, 6);
  inst('talent', 'hrss', D('区人力资源服务中心'), F, 8);
  inst('welfareHome', 'civil', D('区社会福利院'), F, [14, 18]);
  inst('funeral', 'civil', D('区殡葬管理所'), S, 10);
  inst('relief', 'civil', D('区救助管理站'), F, 6);
  inst('review', 'finance', D('区财政投资评审中心'), F, 8);
  inst('treasury', 'finance', D('区国库集中支付中心'), C, 10);
  inst('townFinance', 'finance', D('区乡镇财政管理中心'), F, 8);
  inst('quality', 'housing', D('区建设工程质量安全监督站'), S, 12);
  inst('municipal', 'housing', D('区市政设施维护中心'), P, [24, 30]);
  inst('expropriation', 'housing', D('区房屋征收服务中心'), F, 8);
  inst('agriTech', 'farming', D('区农业技术推广中心'), F, [16, 20]);
  inst('animalHealth', 'farming', D('区动物疫病预防控制中心'), F, 10);
  inst('road', 'transport', '攀枝花市西区公路建设养护中心', F, 10);
  inst('transportEnforcement', 'transport', D('区交通运输综合执法大队'), C, 12);
  inst('culturalCentre', 'culture0', D('区文化馆'), F, 10);
  inst('library', 'culture0', D('区图书馆'), F, 8);
  inst('touristService', 'tourism', D('区旅游服务中心'), F, 6);
  inst('emergencyEnforcement', 'emergency', D('区应急管理综合行政执法大队'), C, 10);
  inst('forestTech', 'forestry', D('区林业技术推广站'), F, 8);
  inst('fireService', 'forestry', D('区森林草原防灭火服务中心'), F, 10);
  inst('waterWorks', 'water', D('区水利工程管理站'), F, 12);
  inst('rivers', 'water', D('区河湖保护中心'), F, 6);
  inst('testing', 'market', D('区食品药品检验检测中心'), F, 10);
  inst('consumer', 'market', D('区消费者权益保护服务中心'), F, 5);
  inst('park', 'industry', D('区园区发展服务中心'), F, 10);
  inst('sme', 'industry', D('区中小企业服务中心'), F, 6);
  inst('price', 'development', D('区价格认证中心'), F, 4);
  inst('grain', 'development', D('区粮食储备服务中心'), S, 8);
  inst('census', 'statistics', D('区普查中心'), F, 5);
  inst('auditCentre', 'audit', D('区政府投资审计中心'), F, 6);
  inst('govService', 'approval', D('区政务服务中心'), F, 14);
  inst('logistics', 'gOffice', D('区机关事务服务中心'), F, 15);
  inst('financeService', 'gOffice', D('区金融服务中心'), F, 5);
  inst('gazetteer', 'gOffice', D('区地方志编纂中心'), F, 4);
  inst('archives', 'cOffice', D('区档案馆'), C, 8);
  inst('partyHistory', 'cOffice', D('区委党史研究室'), F, 4);
  inst('partySchool', 'organization', D('区委党校'), F, 14);
  inst('cadreArchives', 'organization', D('区干部人事档案服务中心'), F, 5);
  inst('talentCentre', 'organization', D('区人才服务中心'), F, 5);
  inst('media', 'publicity', D('区融媒体中心'), F, 30, { over: 2 });
  inst('civility', 'publicity', D('区文明创建服务中心'), F, 5);
  inst('ethnic', 'unitedFront', D('区民族宗教事务服务中心'), F, 4);
  inst('governance', 'politicsLaw', D('区社会治安综合治理中心'), F, 8);
  inst('integrity', 'discipline', D('区廉政教育中心'), F, 4);
  inst('opinion', 'cyberspace', D('区网络舆情信息中心'), F, 5);
  inst('sciService', 'science', D('区科技服务中心'), F, 5);
  inst('investment', 'commerce', D('区投资促进服务中心'), F, 8);
  inst('urbanEnforcement', 'lawEnforcement', D('区城市管理综合执法大队'), C, [36, 44]);
  inst('sanitation', 'lawEnforcement', D('区环境卫生管理所'), P, [26, 32]);
  inst('legalService', 'justice', D('区公共法律服务中心'), F, 6);
  for (const u of institutions) {
    // 区第一实验小学 gains 6 in 2024 and is filling them; 区第五小学 loses 8 and stays over by 4.
    if (u.key === 'exp1') u.vacancy = rng.int(2, 4);
    if (u.key === 'primary5') u.over = 4;
  }
  for (const u of government) if (u.key === 'market') u.over = 2;

  // ── 乡镇（街道） ─────────────────────────────────────────────────────────────────────────────
  const townships: UnitDef[] = [];
  // 格里坪镇 as report 002 names it, with its 农业农村服务中心; the other centres and all figures
  // are our choice ("7办1所5中心" gives five centres).
  const towns: [string, string, 'township' | 'street', string[]][] = [
    [
      'gelipin',
      '格里坪镇',
      'township',
      [
        '格里坪镇农业农村服务中心',
        D('格里坪镇社会事务服务中心'),
        D('格里坪镇便民服务中心'),
        D('格里坪镇文化服务中心'),
        D('格里坪镇综合治理中心'),
      ],
    ],
    ['heping', D('和平镇'), 'township', ['农业农村服务中心', '社会事务服务中心', '便民服务中心']],
    ['taiping', D('太平镇'), 'township', ['农业农村服务中心', '社会事务服务中心', '便民服务中心']],
    ['yongxing', D('永兴镇'), 'township', ['农业农村服务中心', '社会事务服务中心', '便民服务中心']],
    ['hongxing', D('红星镇'), 'township', ['农业农村服务中心', '社会事务服务中心', '便民服务中心']],
    ['dongfeng', D('东风街道'), 'street', ['社区服务中心', '综合服务中心']],
    ['jinsha', D('金沙街道'), 'street', ['社区服务中心', '综合服务中心']],
    ['xinhua', D('新华街道'), 'street', ['社区服务中心', '综合服务中心', '便民服务中心']],
    ['tuanjie', D('团结街道'), 'street', ['社区服务中心', '综合服务中心']],
    ['minzhu', D('民主街道'), 'street', ['社区服务中心', '综合服务中心', '便民服务中心']],
  ];
  for (const [key, name, kind, stations] of towns) {
    const admin = key === 'gelipin' ? 38 : kind === 'township' ? rng.int(24, 32) : rng.int(18, 26);
    add(townships, {
      key,
      parent: null,
      name,
      kind,
      rank: '正科',
      fundingForm: 'full',
      quotas: { administrative: admin, worker: rng.int(1, 2) },
      principal: 2,
      deputy: kind === 'township' ? 6 : 5,
      staffing: 'auto',
    });
    stations.forEach((s, i) => {
      const sName = s.startsWith('格里坪镇') ? s : D(`${name.replace(/（演示）$/, '')}${s}`);
      add(townships, {
        ...institution(`${key}.s${i + 1}`, key, sName, 'institutionalFull', rng.int(5, 12)),
        rank: '股级',
      });
    });
  }

  // ── 群团机关 ────────────────────────────────────────────────────────────────────────────────
  const mass: UnitDef[] = [];
  // 红十字会 before 2021: 2 事业编制, no leadership post (report 002: 2021 added 3 and a 正科级
  // 常务副会长). Our choice for the earlier figures.
  add(mass, {
    key: 'redcross',
    parent: null,
    name: '攀枝花市西区红十字会',
    kind: 'massOrganization',
    rank: '副科',
    fundingForm: 'full',
    quotas: { institutionalFull: 2 },
    staffing: 'auto',
  });
  const massOrgs: [string, string, number][] = [
    ['union', '区总工会', 6],
    ['youth', '共青团攀枝花市西区委员会', 3],
    ['women', '区妇女联合会', 3],
    ['commerceFed', '区工商业联合会', 3],
    ['scienceFed', '区科学技术协会', 2],
    ['disabled', '区残疾人联合会', 4],
  ];
  for (const [key, name, n] of massOrgs)
    add(mass, {
      key,
      parent: null,
      name: D(name),
      kind: 'massOrganization',
      rank: '正科',
      fundingForm: 'full',
      quotas: { administrative: n },
      principal: 1,
      deputy: n >= 4 ? 1 : 0,
      staffing: 'auto',
    });

  // ── Set up in the 2019 reform ────────────────────────────────────────────────────────────────
  const reform: UnitDef[] = [];
  const agri = add(reform, organ('agri', 'gov', '攀枝花市西区农业农村和交通运输局', {}, 0, 0, { staffing: 'auto' }));
  officesOf(reform, agri, 'agri');
  const culture = add(reform, organ('culture', 'gov', D('区文化广播电视和旅游局'), {}, 0, 0, { staffing: 'auto' }));
  officesOf(reform, culture, 'culture');
  const veterans = add(reform, organ('veterans', 'gov', D('区退役军人事务局'), { administrative: 6 }, 1, 2));
  officesOf(reform, veterans);
  add(reform, institution('veteransService', 'veterans', D('区退役军人服务中心'), F, 6));
  const medical = add(reform, organ('medical', 'gov', D('区医疗保障局'), { administrative: 6 }, 1, 1));
  officesOf(reform, medical);
  add(reform, institution('medicalService', 'medical', D('区医疗保障事务中心'), C, 8));

  return {
    initial: [
      { title: '关于区委工作机关、区人大政协机关和区法院区检察院机关机构编制的通知（初始核定）', units: committee },
      { title: '关于区政府工作部门机构编制的通知（初始核定）', units: government },
      { title: '关于区属事业单位机构编制的通知（初始核定）', units: institutions },
      { title: '关于乡镇（街道）机构编制的通知（初始核定）', units: townships },
      { title: '关于群团机关机构编制的通知（初始核定）', units: mass },
    ],
    reform,
    mergedAway,
    revokedOffices,
    all,
  };
}

/** The 2019 merges: target organ ← merged-away organs. */
const MERGES: Record<string, string[]> = { agri: ['farming', 'transport'], culture: ['culture0', 'tourism'] };

interface Later {
  n: string;
  docDate: string;
  effectiveDate: string;
  title: string;
  /** Establishment changes: [unit key, type, delta]. */
  quotas: [string, EstablishmentType, number][];
  /** Other items (before the establishment changes). */
  items?: (b: DecisionBuilder, cat: Catalogue) => void;
}

/** The decisions after the initial ones, in date order. */
const LATER: Later[] = [
  {
    n: '1',
    docDate: '2019-02-25',
    effectiveDate: REFORM,
    title: '关于印发《攀枝花市西区机构改革机构编制调整方案》的通知',
    quotas: [
      ['emergency', 'administrative', 3],
      ['agri', 'administrative', 1],
    ],
    items: reformItems,
  },
  {
    n: '2',
    docDate: '2021-03-22',
    effectiveDate: '2021-04-01',
    title: '关于增加区园区发展服务中心事业编制的通知',
    quotas: [['park', 'institutionalFull', 2]],
  },
  {
    n: '4',
    docDate: '2021-06-08',
    effectiveDate: '2021-06-15',
    title: '关于在区农业农村和交通运输局加挂区乡村振兴局牌子等机构编制事项的通知',
    quotas: [['road', 'institutionalFull', 2]],
    items: (b) =>
      b
        .nameplate('agri', '攀枝花市西区乡村振兴局')
        .nameplate('gelipin.s1', '格里坪镇畜牧兽医站')
        .nameplate('gelipin.s1', '格里坪镇乡村振兴工作中心'),
  },
  {
    n: '6',
    docDate: '2021-08-20',
    effectiveDate: '2021-09-01',
    title: '关于印发《攀枝花市西区红十字会职能配置、内设机构和人员编制规定》的通知',
    quotas: [['redcross', 'institutionalFull', 3]],
    items: (b) => {
      b.posts('redcross', 'principal', 1);
      b.items.push({ kind: 'changeAttributes', target: b.ref('redcross'), attributes: { rank: '正科' } });
    },
  },
  {
    n: '3',
    docDate: '2024-08-16',
    effectiveDate: '2024-09-01',
    title: '关于调整部分中小学教职工编制的通知',
    quotas: [
      ['primary5', 'institutionalFull', -8],
      ['exp1', 'institutionalFull', 6],
    ],
  },
];

/** 2019: 安监局 → 应急管理局, the two merges (institutions moved, offices revoked), new organs. */
function reformItems(b: DecisionBuilder, cat: Catalogue): void {
  b.rename('emergency', '攀枝花市西区应急管理局');
  for (const [target, sources] of Object.entries(MERGES)) {
    for (const u of cat.reform) if (u.key === target || u.parent === target) addUnit(b, u);
    for (const child of cat.all.values())
      if (child.kind === 'publicInstitution' && child.parent && sources.includes(child.parent))
        b.move(child.key, target);
    for (const o of cat.revokedOffices) if (sources.includes(cat.all.get(o)!.parent!)) b.revoke(o);
    b.merge(sources, target);
    // Each merge brings two principal posts; the merged organ keeps one (the second organ's was vacant).
    b.posts(target, 'principal', -1);
  }
  b.nameplate('road', '公路应急装备物资县级储备站');
  for (const u of cat.reform) if (!(u.key in MERGES) && !(u.parent! in MERGES)) addUnit(b, u);
}

/** The establishment of one unit and type over time, following merges into their targets. */
function quotaSteps(cat: Catalogue, key: string, type: EstablishmentType): [string, number][] {
  const u = cat.all.get(key)!;
  const isReform = cat.reform.includes(u);
  const sources = MERGES[key] ?? [];
  const start = isReform ? REFORM : INITIAL;
  let q = (u.quotas[type] ?? 0) + sources.reduce((a, s) => a + (cat.all.get(s)!.quotas[type] ?? 0), 0);
  const steps: [string, number][] = [[start, q]];
  for (const d of LATER)
    for (const [k, t, delta] of d.quotas) {
      if (k !== key || t !== type) continue;
      q += delta;
      if (d.effectiveDate === start) steps[0] = [start, q];
      else steps.push([d.effectiveDate, q]);
    }
  return steps;
}

export interface XiquResult {
  ids: Map<string, string>;
  persons: number;
}

const meta = (n: string, docDate: string, effectiveDate: string, title: string): DecisionMeta => ({
  docNumber: `西编委〔${effectiveDate.slice(0, 4)}〕${n}号`,
  docDate,
  effectiveDate,
  approvingBody: BODY,
  title,
});

export async function loadXiqu(
  tx: Tx,
  keys: Keys,
  regionCode: string,
  factory: PersonFactory,
  rng: Random,
): Promise<XiquResult> {
  const cat = buildCatalogue(rng);
  const ids = new Map<string, string>();

  // ── 2015: controls and organ cap first, then the units system by system ───────────────────────
  const totals: Partial<Record<EstablishmentType, number>> = {};
  const peak: Partial<Record<EstablishmentType, number>> = {};
  for (const u of cat.all.values())
    for (const [t, n] of Object.entries(u.quotas) as [EstablishmentType, number][]) totals[t] = (totals[t] ?? 0) + n;
  Object.assign(peak, totals);
  for (const d of LATER)
    for (const [, t, delta] of d.quotas) {
      totals[t] = (totals[t] ?? 0) + delta;
      peak[t] = Math.max(peak[t] ?? 0, totals[t]!);
    }
  const controls = new DecisionBuilder(ids);
  for (const [t, n] of Object.entries(peak) as [EstablishmentType, number][]) {
    // 行政编制 and 政法专项编制 at the total (fully allocated); the others with a little headroom.
    const headroom = t === 'administrative' || t === 'politicalLegal' ? 0 : Math.max(1, Math.round(n * 0.015));
    controls.control(t, n + headroom);
  }
  const organsAtStart = cat.initial.flatMap((d) => d.units).filter((u) => u.kind === 'organ').length;
  controls.control('organCap', organsAtStart);
  let docNo = 1;
  await applyDecision(
    tx,
    regionCode,
    meta(String(docNo++), '2014-12-26', INITIAL, '关于核定全区行政事业编制总量控制数和党政机构限额的通知'),
    controls.items,
    ids,
  );
  for (const d of cat.initial) {
    // At most about 450 items a decision: a large system is split into parts (之一、之二…).
    const parts: UnitDef[][] = [[]];
    let n = 0;
    for (const u of d.units) {
      if (n + itemCount(u) > 450 && u.kind !== 'internalOffice') {
        parts.push([]);
        n = 0;
      }
      parts[parts.length - 1]!.push(u);
      n += itemCount(u);
    }
    for (const [i, units] of parts.entries()) {
      const b = new DecisionBuilder(ids);
      for (const u of units) addUnit(b, u);
      const title = parts.length > 1 ? d.title.replace('（初始核定）', `（初始核定之${'一二三四五'[i]}）`) : d.title;
      await applyDecision(tx, regionCode, meta(String(docNo++), '2014-12-26', INITIAL, title), b.items, ids);
    }
  }

  // ── Persons of the organs merged away in 2019 must be there before the reform moves them ─────
  const generated = new Map<string, PersonSpec[]>();
  for (const u of cat.all.values()) {
    if (u.staffing !== 'auto') continue;
    generated.set(u.key, staffUnit(cat, u, rng, factory, generated));
  }
  const early: PersonSpec[] = [];
  for (const key of cat.mergedAway) early.push(...generated.get(key)!);
  let persons = await insertPersons(tx, keys, regionCode, early, ids);

  // ── 2019 reform, 2021 as report 002 tells, 2024 ─────────────────────────────────────────────
  for (const d of LATER) {
    const b = new DecisionBuilder(ids);
    d.items?.(b, cat);
    for (const [key, type, delta] of d.quotas) b.quota(key, type, delta);
    await applyDecision(tx, regionCode, meta(d.n, d.docDate, d.effectiveDate, d.title), b.items, ids);
  }

  // ── Everybody else ───────────────────────────────────────────────────────────────────────────
  const rest: PersonSpec[] = [...officeStaff(factory)];
  for (const [key, list] of generated) if (!cat.mergedAway.has(key)) rest.push(...list);
  persons += await insertPersons(tx, keys, regionCode, rest, ids);
  return { ids, persons };
}

function staffUnit(
  cat: Catalogue,
  u: UnitDef,
  rng: Random,
  factory: PersonFactory,
  generated: ReadonlyMap<string, PersonSpec[]>,
): PersonSpec[] {
  const isReform = cat.reform.includes(u);
  const merged = cat.mergedAway.has(u.key);
  const sources = MERGES[u.key];
  const out: PersonSpec[] = [];
  const types = new Set<EstablishmentType>(Object.keys(u.quotas) as EstablishmentType[]);
  for (const s of sources ?? []) for (const t of Object.keys(cat.all.get(s)!.quotas)) types.add(t as EstablishmentType);
  for (const [i, type] of [...types].entries()) {
    const steps = quotaSteps(cat, u.key, type);
    const final = steps[steps.length - 1]![1];
    const max = Math.max(...steps.map(([, n]) => n));
    // Leaders hold the first type only (行政编制 of an organ, the institution's own type).
    const first = i === 0;
    let active: number;
    let departed = 0;
    let principal = first ? (u.principal ?? 0) : 0;
    let deputy = first ? Math.max(0, (u.deputy ?? 0) - (rng.chance(0.4) ? 1 : 0)) : 0;
    if (sources) {
      // Merge target: the merged organs' persons arrive by 划转; a few are recruited after.
      const moved = sources.reduce(
        (a, s) => a + (generated.get(s) ?? []).filter((p) => p.placements.some((pl) => pl.type === type)).length,
        0,
      );
      active = Math.max(0, final - moved - rng.int(1, 2));
      principal = 0;
      deputy = 0;
    } else if (u.over && first) active = final + u.over;
    else if (u.vacancy !== undefined && first) active = final - u.vacancy;
    else if (final <= 2) active = final - (rng.chance(0.3) ? 1 : 0);
    else active = final - Math.max(1, Math.round(final * (0.01 + rng.next() * 0.08)));
    if (!merged && !u.over && active > 8) departed = Math.min(max - active, Math.round(active * rng.next() * 0.08));
    // The second organ of a merge has its principal post vacant: the merged organ keeps one.
    if (Object.values(MERGES).some((m) => m.indexOf(u.key) > 0)) principal = 0;
    if (active <= 0) continue;
    principal = Math.min(principal, active);
    deputy = Math.min(deputy, active - principal);
    out.push(
      ...staff(rng, factory, {
        unit: u.key,
        unitName: u.name,
        kind: u.kind,
        type,
        active,
        principal,
        deputy,
        departed: Math.max(0, departed),
        startFrom: isReform ? REFORM : INITIAL,
        startTo: merged ? '2019-02-28' : END,
        early: isReform ? 0.25 : 0.35,
        quotaSteps: steps,
        addressCodes: ADDRESS_CODES,
      }),
    );
  }
  return out;
}

/**
 * The office and its centre (report 002, 2021): office 4 行政编制 with 3 in post at the end of
 * 2021 — 主任, 副主任 and one 科员 — after one 公务员 moved to 林业局 in 2021 ("从办内选调1名优秀
 * 公务员到区林业局"); the centre 6 参公事业编制 with 4 in post. Start dates are our choice.
 */
function officeStaff(factory: PersonFactory): PersonSpec[] {
  const person = (sex: 'male' | 'female', birthFrom: string, birthTo: string) =>
    factory.make({ addressCodes: ADDRESS_CODES, birthFrom, birthTo, profile: 'organ', sex });
  const p = (
    unit: string,
    type: EstablishmentType,
    post: string,
    leadershipLevel: 'principal' | 'deputy' | null,
    validFrom: string,
    enrolReason: string,
    validTo: string | null = null,
    disenrolReason: string | null = null,
  ) => ({ unit, type, post, leadershipLevel, validFrom, validTo, enrolReason, disenrolReason });
  return [
    {
      ...person('male', '1972-01-01', '1976-12-31'),
      placements: [p('office', 'administrative', '主任', 'principal', '2016-03-01', '调入')],
    },
    {
      ...person('female', '1978-01-01', '1982-12-31'),
      placements: [p('office', 'administrative', '副主任', 'deputy', '2015-01-01', '转任')],
    },
    {
      ...person('female', '1992-01-01', '1995-12-31'),
      placements: [p('office', 'administrative', '一级科员', null, '2018-09-03', '录用')],
    },
    {
      ...person('male', '1986-01-01', '1989-12-31'),
      placements: [
        p('office', 'administrative', '四级主任科员', null, '2015-01-01', '录用', '2021-06-18', '调出'),
        p('forestry', 'administrative', '四级主任科员', null, '2021-06-18', '调入'),
      ],
    },
    ...[
      ['主任', 'principal', '1975-01-01', '1980-12-31', '2015-01-01', '转任'],
      [null, null, '1985-01-01', '1990-12-31', '2015-01-01', '录用'],
      [null, null, '1988-01-01', '1993-12-31', '2017-10-09', '录用'],
      [null, null, '1993-01-01', '1997-12-31', '2020-11-02', '录用'],
    ].map(([post, level, bFrom, bTo, from, reason], i) => ({
      ...person(i % 2 ? 'female' : 'male', bFrom!, bTo!),
      placements: [
        p(
          'regCentre',
          'civilServantManaged',
          post ?? (i === 3 ? '一级科员' : '四级主任科员'),
          level as 'principal' | null,
          from!,
          reason!,
        ),
      ],
    })),
  ];
}
