/** Why a new password is refused, in both languages; the rule id is what clients switch on. */
export interface PasswordProblem {
  rule: 'min-length' | 'max-length' | 'character-classes' | 'same-as-account' | 'unchanged';
  zh: string;
  en: string;
}

export const PASSWORD_MIN_LENGTH = 8;
/** Argon2 takes any length; the cap keeps a request from buying seconds of hashing. */
export const PASSWORD_MAX_LENGTH = 128;

/**
 * The county's password rule (OWASP ASVS 2.1): 8–128 characters, at least two kinds of character (letters,
 * digits, others), not the account name, and not the password it replaces.
 */
export function passwordProblems(
  password: string,
  context: { accountNames: readonly string[]; current?: string },
): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH)
    problems.push({
      rule: 'min-length',
      zh: `新密码至少需要 ${PASSWORD_MIN_LENGTH} 个字符`,
      en: `the new password needs at least ${PASSWORD_MIN_LENGTH} characters`,
    });
  if (length > PASSWORD_MAX_LENGTH)
    problems.push({
      rule: 'max-length',
      zh: `新密码最多 ${PASSWORD_MAX_LENGTH} 个字符`,
      en: `the new password may have at most ${PASSWORD_MAX_LENGTH} characters`,
    });
  const kinds = [/\p{L}/u, /\p{Nd}/u, /[^\p{L}\p{Nd}]/u].filter((kind) => kind.test(password)).length;
  if (kinds < 2)
    problems.push({
      rule: 'character-classes',
      zh: '新密码需包含字母、数字、符号中的至少两类',
      en: 'the new password needs at least two of letters, digits and other characters',
    });
  const lower = password.toLowerCase();
  if (context.accountNames.some((name) => name && lower === name.toLowerCase()))
    problems.push({
      rule: 'same-as-account',
      zh: '新密码不能与账号相同',
      en: 'the new password must not be the account name',
    });
  if (context.current !== undefined && password === context.current)
    problems.push({
      rule: 'unchanged',
      zh: '新密码不能与当前密码相同',
      en: 'the new password must differ from the current one',
    });
  return problems;
}
