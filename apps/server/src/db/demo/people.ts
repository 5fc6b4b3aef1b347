/**
 * Generated persons: names from common surname and given-name characters, 公民身份号码 from
 * `syntheticCitizenId` (valid check digit, never a real person's), and the roster codes. Everything
 * comes from the caller's seeded PRNG, so the same seed gives the same people.
 */
import type { EstablishmentType, LeadershipLevel } from '@bianban/contracts';
import { syntheticCitizenId } from '../../modules/roster/domain/citizen-id.js';
import type { Random } from './random.js';

export interface PlacementSpec {
  /** The demo key of the unit (resolved to its id when written). */
  unit: string;
  type: EstablishmentType;
  post: string;
  leadershipLevel: LeadershipLevel | null;
  validFrom: string;
  validTo: string | null;
  enrolReason: string;
  disenrolReason: string | null;
}

export interface PersonSpec {
  name: string;
  sex: '1' | '2';
  birthDate: string;
  citizenId: string;
  ethnicity: string;
  politicalStatus: string;
  education: string;
  /** In date order; at most the last one open. */
  placements: PlacementSpec[];
}

/** Common surnames, roughly by frequency (more weight to the first ones). */
const SURNAMES = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万严武戴莫孔向汤文易代',
];

const MALE_CHARS = [
  ...'伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆旭宁龙林峰建国志海东亮成晨阳坤毅锋松川江瑞博伦航彬庆',
];
const FEMALE_CHARS = [...'芳娜敏静丽艳娟霞燕玲婷雪琳颖倩洁慧琴红梅萍兰莉璐悦欣佳怡涵蓉薇瑶晶菲露丹妍莹媛婧'];
const SHARED_CHARS = [...'子嘉思雨文晓春一秋立新永德建玉金海天小家'];

const ETHNICITY: readonly (readonly [string, number])[] = [
  ['01', 920], // 汉族
  ['07', 40], // 彝族
  ['03', 12], // 回族
  ['20', 8], // 傈僳族
  ['14', 6], // 白族
  ['06', 6], // 苗族
  ['15', 5], // 土家族
  ['04', 3], // 藏族
];

export type Profile = 'organ' | 'institution' | 'worker';

const POLITICAL: Record<Profile, readonly (readonly [string, number])[]> = {
  organ: [
    ['01', 74],
    ['02', 3],
    ['03', 8],
    ['13', 12],
    ['12', 1],
    ['05', 1],
    ['07', 1],
  ],
  institution: [
    ['01', 42],
    ['02', 2],
    ['03', 12],
    ['13', 38],
    ['05', 2],
    ['07', 2],
    ['10', 1],
    ['12', 1],
  ],
  worker: [
    ['01', 30],
    ['03', 10],
    ['13', 60],
  ],
};
const EDUCATION: Record<Profile, readonly (readonly [string, number])[]> = {
  organ: [
    ['21', 64],
    ['14', 16],
    ['31', 18],
    ['11', 1],
    ['41', 1],
  ],
  institution: [
    ['21', 58],
    ['14', 12],
    ['31', 24],
    ['41', 5],
    ['11', 1],
  ],
  worker: [
    ['31', 30],
    ['44', 20],
    ['61', 35],
    ['47', 15],
  ],
};

export class PersonFactory {
  constructor(
    private readonly rng: Random,
    /** Every citizen ID handed out so far, over all regions: a number is never given twice. */
    private readonly used: Set<string>,
  ) {}

  name(sex: 'male' | 'female'): string {
    const r = this.rng;
    const surname = r.next() < 0.6 ? r.pick(SURNAMES.slice(0, 30)) : r.pick(SURNAMES);
    const own = sex === 'male' ? MALE_CHARS : FEMALE_CHARS;
    if (r.chance(0.3)) return surname + r.pick(own);
    const first = r.chance(0.35) ? r.pick(SHARED_CHARS) : r.pick(own);
    let second = r.pick(own);
    if (second === first) second = r.pick(own);
    return surname + first + second;
  }

  make(opts: {
    addressCodes: readonly string[];
    birthFrom: string;
    birthTo: string;
    profile: Profile;
    sex?: 'male' | 'female';
  }): Omit<PersonSpec, 'placements'> {
    const r = this.rng;
    const sex = opts.sex ?? (r.chance(0.52) ? 'male' : 'female');
    let id: string;
    do {
      id = syntheticCitizenId(r.next, {
        regionCode: r.pick(opts.addressCodes),
        birthFrom: new Date(`${opts.birthFrom}T00:00:00+08:00`),
        birthTo: new Date(`${opts.birthTo}T00:00:00+08:00`),
        sex,
      });
    } while (this.used.has(id));
    this.used.add(id);
    return {
      name: this.name(sex),
      sex: sex === 'male' ? '1' : '2',
      birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
      citizenId: id,
      ethnicity: r.weighted(ETHNICITY),
      politicalStatus: r.weighted(POLITICAL[opts.profile]),
      education: r.weighted(EDUCATION[opts.profile]),
    };
  }
}
