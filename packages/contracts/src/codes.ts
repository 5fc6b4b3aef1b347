/**
 * National-standard code lists used on rosters (花名册), kept as plain data so that forms, imports,
 * exports and reports all use the same codes and names. Codes are strings because the standards
 * define them as fixed-width character codes ("01", not 1): leading zeros are significant.
 */

export interface CodeEntry {
  readonly code: string;
  readonly name: string;
}

/** Name for a code, or undefined when the code is not in the list (callers decide how to report it). */
export function codeName(list: readonly CodeEntry[], code: string): string | undefined {
  return list.find((entry) => entry.code === code)?.name;
}

/** GB/T 3304 中国各民族名称的罗马字母拼写和代码: the 56 ethnic groups in the standard's order, plus 97 and 98. */
export const ETHNICITIES: readonly CodeEntry[] = [
  { code: '01', name: '汉族' },
  { code: '02', name: '蒙古族' },
  { code: '03', name: '回族' },
  { code: '04', name: '藏族' },
  { code: '05', name: '维吾尔族' },
  { code: '06', name: '苗族' },
  { code: '07', name: '彝族' },
  { code: '08', name: '壮族' },
  { code: '09', name: '布依族' },
  { code: '10', name: '朝鲜族' },
  { code: '11', name: '满族' },
  { code: '12', name: '侗族' },
  { code: '13', name: '瑶族' },
  { code: '14', name: '白族' },
  { code: '15', name: '土家族' },
  { code: '16', name: '哈尼族' },
  { code: '17', name: '哈萨克族' },
  { code: '18', name: '傣族' },
  { code: '19', name: '黎族' },
  { code: '20', name: '傈僳族' },
  { code: '21', name: '佤族' },
  { code: '22', name: '畲族' },
  { code: '23', name: '高山族' },
  { code: '24', name: '拉祜族' },
  { code: '25', name: '水族' },
  { code: '26', name: '东乡族' },
  { code: '27', name: '纳西族' },
  { code: '28', name: '景颇族' },
  { code: '29', name: '柯尔克孜族' },
  { code: '30', name: '土族' },
  { code: '31', name: '达斡尔族' },
  { code: '32', name: '仫佬族' },
  { code: '33', name: '羌族' },
  { code: '34', name: '布朗族' },
  { code: '35', name: '撒拉族' },
  { code: '36', name: '毛南族' },
  { code: '37', name: '仡佬族' },
  { code: '38', name: '锡伯族' },
  { code: '39', name: '阿昌族' },
  { code: '40', name: '普米族' },
  { code: '41', name: '塔吉克族' },
  { code: '42', name: '怒族' },
  { code: '43', name: '乌孜别克族' },
  { code: '44', name: '俄罗斯族' },
  { code: '45', name: '鄂温克族' },
  { code: '46', name: '德昂族' },
  { code: '47', name: '保安族' },
  { code: '48', name: '裕固族' },
  { code: '49', name: '京族' },
  { code: '50', name: '塔塔尔族' },
  { code: '51', name: '独龙族' },
  { code: '52', name: '鄂伦春族' },
  { code: '53', name: '赫哲族' },
  { code: '54', name: '门巴族' },
  { code: '55', name: '珞巴族' },
  { code: '56', name: '基诺族' },
  { code: '97', name: '其他' },
  { code: '98', name: '外国血统中国籍人士' },
];

/**
 * GB/T 4762 政治面貌代码. Names are the short forms used on personnel forms (干部任免审批表 etc.);
 * the standard's full names are e.g. "中国共产党党员", "中国国民党革命委员会会员", and 12 is
 * "无党派民主人士" in full.
 */
export const POLITICAL_STATUSES: readonly CodeEntry[] = [
  { code: '01', name: '中共党员' },
  { code: '02', name: '中共预备党员' },
  { code: '03', name: '共青团员' },
  { code: '04', name: '民革党员' },
  { code: '05', name: '民盟盟员' },
  { code: '06', name: '民建会员' },
  { code: '07', name: '民进会员' },
  { code: '08', name: '农工党党员' },
  { code: '09', name: '致公党党员' },
  { code: '10', name: '九三学社社员' },
  { code: '11', name: '台盟盟员' },
  { code: '12', name: '无党派人士' },
  { code: '13', name: '群众' },
];

/**
 * GB/T 4658-2006 学历代码. Codes ending in 0 are the categories (what a "最高学历" filter groups by);
 * the others are 毕业/结业/肄业 within their category. 20 and 30 are named 大学本科教育 / 大学专科教育
 * (some printings merge them as "大学本科/专科教育"); the standard has no 50, 72, 82 or 24–27/29.
 */
export const EDUCATION_LEVELS: readonly CodeEntry[] = [
  { code: '10', name: '研究生教育' },
  { code: '11', name: '博士研究生毕业' },
  { code: '12', name: '博士研究生结业' },
  { code: '13', name: '博士研究生肄业' },
  { code: '14', name: '硕士研究生毕业' },
  { code: '15', name: '硕士研究生结业' },
  { code: '16', name: '硕士研究生肄业' },
  { code: '17', name: '研究生班毕业' },
  { code: '18', name: '研究生班结业' },
  { code: '19', name: '研究生班肄业' },
  { code: '20', name: '大学本科教育' },
  { code: '21', name: '大学本科毕业' },
  { code: '22', name: '大学本科结业' },
  { code: '23', name: '大学本科肄业' },
  { code: '28', name: '大学普通班毕业' },
  { code: '30', name: '大学专科教育' },
  { code: '31', name: '大学专科毕业' },
  { code: '32', name: '大学专科结业' },
  { code: '33', name: '大学专科肄业' },
  { code: '40', name: '中等职业教育' },
  { code: '41', name: '中等专科毕业' },
  { code: '42', name: '中等专科结业' },
  { code: '43', name: '中等专科肄业' },
  { code: '44', name: '职业高中毕业' },
  { code: '45', name: '职业高中结业' },
  { code: '46', name: '职业高中肄业' },
  { code: '47', name: '技工学校毕业' },
  { code: '48', name: '技工学校结业' },
  { code: '49', name: '技工学校肄业' },
  { code: '60', name: '普通高级中学教育' },
  { code: '61', name: '普通高中毕业' },
  { code: '62', name: '普通高中结业' },
  { code: '63', name: '普通高中肄业' },
  { code: '70', name: '初级中学教育' },
  { code: '71', name: '初中毕业' },
  { code: '73', name: '初中肄业' },
  { code: '80', name: '小学教育' },
  { code: '81', name: '小学毕业' },
  { code: '83', name: '小学肄业' },
  { code: '90', name: '其他' },
];

/**
 * The category (code ending in 0) an education code belongs to, e.g. '14' → '10'; undefined for a
 * code not in EDUCATION_LEVELS. Lets reports count "研究生" without listing 11–19 by hand.
 */
export function educationCategory(code: string): string | undefined {
  if (codeName(EDUCATION_LEVELS, code) === undefined) return undefined;
  return `${code.slice(0, 1)}0`;
}

/**
 * GB/T 2261.1 人的性别代码. Only 1 and 2: the standard's 0 未知的性别 and 9 未说明的性别 have no
 * place on a staffing roster, where sex always follows from the 公民身份号码.
 */
export const SEXES: readonly CodeEntry[] = [
  { code: '1', name: '男' },
  { code: '2', name: '女' },
];

/**
 * Province-level divisions of GB/T 2260 (the first two digits of an administrative division code),
 * including 71 台湾省, 81 香港特别行政区 and 82 澳门特别行政区. Used to validate the region part of
 * 公民身份号码 and 统一社会信用代码 until a full GB/T 2260 list exists.
 */
export const PROVINCES: readonly CodeEntry[] = [
  { code: '11', name: '北京市' },
  { code: '12', name: '天津市' },
  { code: '13', name: '河北省' },
  { code: '14', name: '山西省' },
  { code: '15', name: '内蒙古自治区' },
  { code: '21', name: '辽宁省' },
  { code: '22', name: '吉林省' },
  { code: '23', name: '黑龙江省' },
  { code: '31', name: '上海市' },
  { code: '32', name: '江苏省' },
  { code: '33', name: '浙江省' },
  { code: '34', name: '安徽省' },
  { code: '35', name: '福建省' },
  { code: '36', name: '江西省' },
  { code: '37', name: '山东省' },
  { code: '41', name: '河南省' },
  { code: '42', name: '湖北省' },
  { code: '43', name: '湖南省' },
  { code: '44', name: '广东省' },
  { code: '45', name: '广西壮族自治区' },
  { code: '46', name: '海南省' },
  { code: '50', name: '重庆市' },
  { code: '51', name: '四川省' },
  { code: '52', name: '贵州省' },
  { code: '53', name: '云南省' },
  { code: '54', name: '西藏自治区' },
  { code: '61', name: '陕西省' },
  { code: '62', name: '甘肃省' },
  { code: '63', name: '青海省' },
  { code: '64', name: '宁夏回族自治区' },
  { code: '65', name: '新疆维吾尔自治区' },
  { code: '71', name: '台湾省' },
  { code: '81', name: '香港特别行政区' },
  { code: '82', name: '澳门特别行政区' },
];
