import { passwordProblems } from '../../domain/accounts/password-policy';
import { phoneDigits } from '../../persistence/repositories/credentials.repository';
import { hashPassword, temporaryPassword, verifyPassword } from '../../persistence/password-hash';

const rules = (password: string, context = { accountNames: ['zhangsan', '13800000001'] }) =>
  passwordProblems(password, context).map((p) => p.rule);

describe(passwordProblems.name, () => {
  it('asks for 8–128 characters of at least two kinds, not the account name nor the current password', () => {
    expect(rules('Grid-2026')).toEqual([]);
    expect(rules('网格员巡查2026')).toEqual([]);
    expect(rules('abc12')).toEqual(['min-length']);
    expect(rules('a1'.repeat(65))).toEqual(['max-length']);
    expect(rules('abcdefghij')).toEqual(['character-classes']);
    expect(rules('1234567890')).toEqual(['character-classes']);
    expect(rules('ZhangSan1', { accountNames: ['zhangsan1'] })).toEqual(['same-as-account']);
    expect(rules('13800000001a', { accountNames: ['13800000001a'] })).toEqual(['same-as-account']);
    expect(
      passwordProblems('Grid-2026', { accountNames: [], current: 'Grid-2026' }).map((p) => p.rule),
    ).toEqual(['unchanged']);
  });

  it('explains each problem in Chinese and English', () => {
    const [problem] = passwordProblems('abc', { accountNames: [] });
    expect(problem).toMatchObject({
      zh: '新密码至少需要 8 个字符',
      en: 'the new password needs at least 8 characters',
    });
  });
});

describe('password hashes', () => {
  it('are Argon2id at m=19 MiB, t=2, p=1 with a fresh salt, and verify only the right password', async () => {
    const [a, b] = await Promise.all([hashPassword('Grid-2026'), hashPassword('Grid-2026')]);
    expect(a).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword(a, 'Grid-2026')).toBe(true);
    expect(await verifyPassword(a, 'grid-2026')).toBe(false);
    expect(await verifyPassword('not a hash', 'Grid-2026')).toBe(false);
  });

  it('temporary passwords are 12 unambiguous letters and digits, with both', () => {
    const samples = Array.from({ length: 50 }, temporaryPassword);
    for (const sample of samples) expect(sample).toMatch(/^(?=.*[A-Za-z])(?=.*\d)[A-HJ-NP-Za-km-z2-9]{12}$/);
    expect(new Set(samples).size).toBe(50);
  });
});

describe(phoneDigits.name, () => {
  it('reads a mobile number as its digits, without the +86 prefix', () => {
    expect(phoneDigits('+86 138-0000-0001')).toBe('13800000001');
    expect(phoneDigits('138 0000 0001')).toBe('13800000001');
    expect(phoneDigits('0855-1234567')).toBe('08551234567');
  });
});
