import 'reflect-metadata';
import type { ArgumentMetadata } from '@nestjs/common';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength } from 'class-validator';
import { pickLocale } from '../../api/common/locale';
import { cataloguedProblem, ProblemException } from '../../api/common/problem';
import { defineProblemMessages, fillMessage } from '../../api/common/problem-catalogue';
import { localizeProblem } from '../../api/common/problem.filter';
import { createValidationPipe, IsText, IsUnitCode } from '../../api/common/validation';

describe(pickLocale.name, () => {
  it('answers in Chinese unless English is preferred, by q-value and order', () => {
    expect(pickLocale(undefined)).toBe('zh-CN');
    expect(pickLocale('')).toBe('zh-CN');
    expect(pickLocale('en')).toBe('en');
    expect(pickLocale('en-GB,en;q=0.9')).toBe('en');
    expect(pickLocale('zh-TW,en;q=0.8')).toBe('zh-CN');
    expect(pickLocale('en;q=0.5, zh-CN;q=0.9')).toBe('zh-CN');
    expect(pickLocale('fr-FR, en;q=0.3')).toBe('en');
    expect(pickLocale('fr-FR, de')).toBe('zh-CN');
    expect(pickLocale('en;q=0, *')).toBe('zh-CN');
    expect(pickLocale(['de', 'en'])).toBe('en');
  });
});

describe('problem catalogue', () => {
  const messages = defineProblemMessages({
    'unit-test-thing-locked': {
      title: { 'zh-CN': '已锁定', en: 'Locked' },
      detail: {
        'zh-CN': '{thing} 将在 {minutes} 分钟后解锁。',
        en: '{thing} unlocks in {minutes} minute(s).',
      },
    },
  });

  it('builds the exception from the English text and localizes title and detail per language', () => {
    const error = cataloguedProblem(429, 'unit-test-thing-locked', {
      thing: { 'zh-CN': '账号', en: 'The account' },
      minutes: 15,
    });
    expect(error).toBeInstanceOf(ProblemException);
    expect([error.title, error.detail]).toEqual(['Locked', 'The account unlocks in 15 minute(s).']);
    const problem = error.toProblem('/x');
    expect(localizeProblem(problem, error.params, 'zh-CN')).toMatchObject({
      title: '已锁定',
      detail: '账号 将在 15 分钟后解锁。',
      code: 'unit-test-thing-locked',
      status: 429,
    });
    expect(localizeProblem(problem, error.params, 'en')).toMatchObject({
      detail: 'The account unlocks in 15 minute(s).',
    });
    expect(messages['unit-test-thing-locked'].title.en).toBe('Locked');
  });

  it('keeps the thrown English for codes not in the catalogue, and picks each field message', () => {
    const error = new ProblemException(409, 'unit-test-uncatalogued', 'Conflict', 'It is taken.', {
      errors: [
        { field: 'a', rule: 'r1', message: 'a is wrong', zh: '字段 a 有误' },
        { field: 'b', rule: 'r2', message: 'b is wrong' },
      ],
    });
    const zh = localizeProblem(error.toProblem('/x'), error.params, 'zh-CN');
    expect(zh).toMatchObject({ title: 'Conflict', detail: 'It is taken.' });
    expect(zh.errors).toEqual([
      { field: 'a', rule: 'r1', message: '字段 a 有误' },
      { field: 'b', rule: 'r2', message: 'b is wrong' },
    ]);
    expect(localizeProblem(error.toProblem('/x'), {}, 'en').errors?.[0]).toEqual({
      field: 'a',
      rule: 'r1',
      message: 'a is wrong',
    });
  });

  it('refuses a code defined twice, and a code thrown that nobody defined', () => {
    expect(() =>
      defineProblemMessages({ 'unit-test-thing-locked': { title: { 'zh-CN': '另一个' } } }),
    ).toThrow(/already in the catalogue/);
    expect(() => cataloguedProblem(400, 'unit-test-nobody-defined-this')).toThrow(/not in the catalogue/);
    expect(fillMessage('{a} and {missing}', { a: 1 }, 'en')).toBe('1 and {missing}');
  });
});

class SampleDto {
  @IsText('标题', { max: 10 })
  title!: string;

  @IsUnitCode('单位')
  unit!: string;

  @IsIn(['general', 'major'])
  severity!: string;

  @IsOptional()
  @IsInt()
  @Max(5)
  count?: number;

  @IsOptional()
  @IsString({ each: true })
  @MaxLength(3, { each: true })
  tags?: string[];
}

describe('validation pipe in Chinese', () => {
  const metadata: ArgumentMetadata = { type: 'body', metatype: SampleDto };

  async function refusal(body: object): Promise<ProblemException> {
    try {
      await createValidationPipe().transform(body, metadata);
    } catch (error) {
      if (error instanceof ProblemException) return error;
      throw error;
    }
    throw new Error('the body was accepted');
  }

  it('names the field in a Chinese sentence per rule, with the rule’s own numbers and values, and keeps the English', async () => {
    const error = await refusal({
      title: ' ',
      unit: '单位!',
      severity: 'catastrophic',
      count: 9,
      tags: ['ok', 'too-long'],
      extra: true,
    });
    const zh = Object.fromEntries((error.extensions.errors ?? []).map((e) => [e.field, [e.rule, e.zh]]));
    expect(zh).toEqual({
      title: ['matches', '字段 title 不能为空白'],
      unit: ['matches', '字段 unit 必须是单位代码（字母、数字、- 和 _，最多 32 个字符）'],
      severity: ['isIn', '字段 severity 必须是以下之一：general、major'],
      count: ['max', '字段 count 不能大于 5'],
      tags: ['maxLength', '字段 tags 的每一项最多 3 个字符'],
      extra: ['unknown-field', '字段 extra 不是可接受的字段'],
    });
    expect(error.extensions.errors?.find((e) => e.field === 'severity')?.message).toBe(
      'severity must be one of the following values: general, major',
    );
    const problem = error.toProblem('/x');
    expect(localizeProblem(problem, error.params, 'zh-CN')).toMatchObject({
      title: '请求数据不符合要求',
      detail: expect.stringContaining('字段 count 不能大于 5；'),
    });
    expect(localizeProblem(problem, error.params, 'en')).toMatchObject({
      title: 'The request is not valid',
      detail: expect.stringContaining('count must not be greater than 5; '),
    });
  });

  it('says a long title is too long in characters', async () => {
    const error = await refusal({ title: '一二三四五六七八九十十一', unit: 'ULE', severity: 'general' });
    expect(error.extensions.errors).toEqual([
      {
        field: 'title',
        rule: 'maxLength',
        message: 'title must be shorter than or equal to 10 characters',
        zh: '字段 title 最多 10 个字符',
      },
    ]);
  });
});
