/**
 * Password policy (等保2.0 三级, identity authentication): at least 12 characters, at least 3 of
 * the 4 character classes, not containing the username, not a common password (bundled list),
 * not one of the last N. Pure: history matching is passed in as a predicate.
 */
import { COMMON_PASSWORDS } from './common-passwords.js';

export interface PolicyInput {
  password: string;
  username: string;
  /** True when the candidate equals one of the recent passwords (checked by the caller). */
  reused: boolean;
  historySize: number;
}

export function checkPasswordPolicy({ password, username, reused, historySize }: PolicyInput): string[] {
  const problems: string[] = [];
  if ([...password].length < 12) problems.push(`长度不足：至少12位（当前${[...password].length}位）`);
  const classes = [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) problems.push(`字符种类不足：须包含大写字母、小写字母、数字、符号中的至少3类（当前${classes}类）`);
  const lower = password.toLowerCase();
  if (username && lower.includes(username.toLowerCase())) problems.push('不得包含用户名');
  if (isCommonPassword(password)) problems.push('属于常见弱密码，请另选');
  if (reused) problems.push(`不得与最近${historySize}次使用过的密码相同`);
  return problems;
}

/**
 * Common-password check that also catches the usual decorations (Password123!, P@ssw0rd2024):
 * strip trailing digits/symbols and undo leetspeak before looking the stem up.
 */
export function isCommonPassword(password: string): boolean {
  const lower = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lower)) return true;
  const unleet = lower
    .replace(/[@4]/g, 'a')
    .replace(/3/g, 'e')
    .replace(/[1!|]/g, 'i')
    .replace(/0/g, 'o')
    .replace(/\$/g, 's');
  const stem = lower.replace(/[\d\W_]+$/g, '');
  const unleetStem = unleet.replace(/[\d\W_]+$/g, '');
  return [unleet, stem, unleetStem].some((s) => s.length >= 4 && COMMON_PASSWORDS.has(s));
}
