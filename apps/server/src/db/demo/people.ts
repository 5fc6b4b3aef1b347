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
  '王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '高', '林', '罗',
  '郑', '梁', '谢', '宋', '唐', '许', '韩', '冯', '邓', '曹', '彭', '曾', '肖', '田', '董', '袁', '潘', '于', '蒋', '蔡',
  '余', '杜', '叶', '程', '苏', '魏', '吕', '丁', '任', '沈', '姚', '卢', '姜', '崔', '钟', '谭', '陆', '汪', '范', '金',
  '石', '廖', '贾', '夏', '韦', '付', '方', '白', '邹', '孟', '熊', '秦', '邱', '江', '尹', '薛', '段', '雷', '侯', '龙',
  '史', '陶', '黎', '贺', '顾', '毛', '郝', '龚', '邵', '万', '严', '武', '戴', '莫', '孔', '向', '汤', '文', '易', '代',
] as const;

const MALE_CHARS = [
  '伟', '强', '磊', '军', '勇', '杰', '涛', '斌', '超', '明', '刚', '平', '辉', '鹏', '华', '飞', '鑫', '波', '宇', '浩',
  '凯', '健', '俊', '帆', '旭', '宁', '龙', '林', '峰', '建', '国', '志', '海', '东', '亮', '成', '晨', '阳', '坤', '毅',
  '锋', '松', '川', '江', '瑞', '博', '伦', '航', '彬', '庆',
] as const;
const FEMALE_CHARS = [
  '芳', '娜', '敏', '静', '丽', '艳', '娟', '霞', '燕', '玲', '婷', '雪', '琳', '颖', '倩', '洁', '慧', '琴', '红', '梅',
  '萍', '兰', '莉', '璐', '悦', '欣', '佳', '怡', '涵', '蓉', '薇', '瑶', '晶', '菲', '露', '丹', '妍', '莹', '媛', '婧',
] as const;
const SHARED_CHARS = [
  '子', '嘉', '思', '雨', '文', '晓', '春', '一', '秋', '立', '新', '永', '德', '建', '玉', '金', '海', '天', '小', '家',
] as const;

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
  organ: [['01', 74], ['02', 3], ['03', 8], ['13', 12], ['12', 1], ['05', 1], ['07', 1]],
  institution: [['01', 42], ['02', 2], ['03', 12], ['13', 38], ['05', 2], ['07', 2], ['10', 1], ['12', 1]],
  worker: [['01', 30], ['03', 10], ['13', 60]],
};
const EDUCATION: Record<Profile, readonly (readonly [string, number])[]> = {
  organ: [['21', 64], ['14', 16], ['31', 18], ['11', 1], ['41', 1]],
  institution: [['21', 58], ['14', 12], ['31', 24], ['41', 5], ['11', 1]],
  worker: [['31', 30], ['44', 20], ['61', 35], ['47', 15]],
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
