import 'reflect-metadata';
import type { ArgumentMetadata } from '@nestjs/common';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength } from 'class-validator';
import { pickLocale } from '../../api/common/locale';
import { cataloguedProblem, ProblemException, rejectionProblem } from '../../api/common/problem';
import { invalidField } from '../../api/common/problem-factories';
import { reject } from '../../domain/common/rejection';
import { BadRequestException, PayloadTooLargeException } from '@nestjs/common';
import { readdirSync, readFileSync } from 'node:fs';
import { QueryFailedError } from 'typeorm';
import { databaseProblem } from '../../api/common/database-problems';
import { multipartProblem } from '../../api/common/multipart-problems';
import { join } from 'node:path';
import { AssessmentErrors } from '../../api/assessment/assessment.errors';
import { AuthErrors } from '../../api/auth/auth.errors';
import { BattleMapErrors } from '../../api/battle-map/battle-map.errors';
import { ConcurrencyErrors } from '../../api/common/concurrency';
import { IdempotencyErrors } from '../../api/common/idempotency.interceptor';
import { ConsultationErrors } from '../../api/consultations/consultations.errors';
import { EvidenceErrors } from '../../api/evidence/evidence.errors';
import { IssueErrors } from '../../api/issues/issues.errors';
import { LedgerErrors } from '../../api/ledgers/ledgers.errors';
import { OrganisationErrors } from '../../api/organisation/organisation.errors';
import { PatrolErrors } from '../../api/patrols/patrols.errors';
import { ProcessDefinitionErrors } from '../../api/process-definitions/process-definitions.errors';
import { PublicNoticeErrors } from '../../api/public-notices/public-notices.errors';
import { ReportErrors } from '../../api/reports/reports.errors';
import { TaskErrors } from '../../api/assigned-tasks/assigned-tasks.errors';
import { OpinionErrors } from '../../api/resident-opinions/resident-opinions.errors';
import { ClueErrors } from '../../api/violation-clues/violation-clues.errors';
import { WorkPlanErrors } from '../../api/work-plans/work-plans.errors';
import { defineProblemMessages, fillMessage, problemMessages } from '../../api/common/problem-catalogue';
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

  it('keeps the thrown detail for codes not in the catalogue, and picks each field message', () => {
    const error = new ProblemException(409, 'unit-test-uncatalogued', 'Conflict', 'It is taken.', {
      errors: [
        { field: 'a', rule: 'r1', message: 'a is wrong', zh: '字段 a 有误' },
        { field: 'b', rule: 'r2', message: 'b is wrong' },
      ],
    });
    const zh = localizeProblem(error.toProblem('/x'), error.params, 'zh-CN');
    expect(zh).toMatchObject({ title: '冲突', detail: 'It is taken.' });
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

describe('the rules’ refusals and the factories’ problems in Chinese', () => {
  it('gives a workflow’s refusal a Chinese title, detail and field message, and keeps its English', () => {
    const error = rejectionProblem(
      reject('invalid-data', 'transfer-to-self', 'a unit cannot transfer an issue to itself', {
        field: 'toUnit',
        rule: 'L3',
      }),
      'issue',
    );
    expect(error.getStatus()).toBe(422);
    expect(localizeProblem(error.toProblem('/x'), error.params, 'zh-CN')).toMatchObject({
      title: '填写的内容不符合规则',
      detail: '不能把问题移交给本单位。',
      errors: [{ field: 'toUnit', rule: 'L3', message: '不能把问题移交给本单位。' }],
    });
    expect(localizeProblem(error.toProblem('/x'), error.params, 'en')).toMatchObject({
      title: 'The request breaks a rule',
      detail: 'a unit cannot transfer an issue to itself',
      errors: [{ message: 'a unit cannot transfer an issue to itself' }],
    });
  });

  it('names the refused field in the Chinese text', () => {
    const error = rejectionProblem(
      reject('invalid-data', 'field-required', 'reason is required', { field: 'reason', rule: 'L3' }),
      'issue',
    );
    const zh = localizeProblem(error.toProblem('/x'), error.params, 'zh-CN');
    expect([zh.detail, zh.errors?.[0].message]).toEqual(['字段 reason 为必填项。', '字段 reason 为必填项。']);
  });

  it('fills a text from the field messages when the code that threw passed no parameters', () => {
    const error = invalidField('file', 'seal-verify-input', 'upload the PDF as file');
    const zh = localizeProblem(error.toProblem('/x'), error.params, 'zh-CN');
    expect([zh.title, zh.detail]).toEqual(['请求数据不符合要求', 'upload the PDF as file']);
    expect(zh.detail).not.toContain('{');
    const translated = invalidField('file', 'seal-verify-input', 'upload the PDF as file', {
      zh: '请上传 PDF 文件',
    });
    expect(localizeProblem(translated.toProblem('/x'), translated.params, 'zh-CN').detail).toBe(
      '请上传 PDF 文件',
    );
  });

  it('keeps the thrown text where a template names a parameter the problem lacks', () => {
    defineProblemMessages({
      'unit-test-needs-a-name': { title: { 'zh-CN': '{name} 有误' }, detail: { 'zh-CN': '请检查 {name}。' } },
    });
    const error = new ProblemException(400, 'unit-test-needs-a-name', 'Wrong', 'Check it.');
    expect(localizeProblem(error.toProblem('/x'), {}, 'zh-CN')).toMatchObject({
      title: '请求有误',
      detail: 'Check it.',
    });
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

describe('every problem the API answers with', () => {
  const CJK = /[\u4e00-\u9fff]/;
  const sample = 'X-1';
  const withZh = [{ field: 'name', rule: 'required', message: 'name is required', zh: '名称为必填项' }];
  /** Arguments for the errors whose parameters are not plain strings. */
  const ARGUMENTS: Record<string, unknown[][]> = {
    'AuthErrors.unauthorized': [
      ['token-missing'],
      ['token-invalid', 'bad signature'],
      ['token-expired'],
      ['actor-not-in-roster'],
      ['session-expired'],
    ],
    'AuthErrors.tooManyAttempts': [[600]],
    'AuthErrors.passwordTooWeak': [
      [[{ rule: 'length', en: 'at least 12 characters', zh: '至少 12 个字符' }]],
    ],
    'EvidenceErrors.tooLarge': [[20 * 1024 * 1024]],
    'OrganisationErrors.preconditionFailed': [[3]],
    'OrganisationErrors.notFound': ['unit', 'grid', 'key-point', 'member', 'category', 'inbox-item'].map(
      (what) => [what, sample],
    ),
    'OrganisationErrors.alreadyExists': ['unit', 'grid', 'key-point', 'member', 'category'].map((what) => [
      what,
      sample,
    ]),
    'OrganisationErrors.inUse': [
      ['unit-in-use', 'Unit X still has grids; move or delete them first.', 'grids'],
      ['grid-in-use', 'Grid X still has key points; move or delete them first.', 'key points'],
    ],
    'OrganisationErrors.invalid': [
      ['parentCode', 'not-self', 'a unit cannot be its own parent', '不能以自己为上级'],
    ],
    'OrganisationErrors.unknownReference': [['unitCode', sample, 'a unit']],
    'PatrolErrors.unknownReference': [['gridCode', sample, 'a grid']],
    'PatrolErrors.invalid': [[withZh]],
    'PatrolErrors.badRequest': [['week', 'one-period', 'give one period', { zh: '只给出一个周期' }]],
    'ConsultationErrors.invalid': [[withZh]],
    'IssueErrors.rejected': [[reject('wrong-state', 'already-signed', 'already signed', { field: 'unit' })]],
    'ReportErrors.rejected': [[reject('invalid-data', 'report-revision-empty', 'nothing changed')]],
    'ReportErrors.badKind': [['daily', ['weekly', 'monthly']]],
    'TaskErrors.rejected': [[reject('wrong-state', 'task-not-reported', 'not reported', { rule: 'R4' })]],
    'ClueErrors.rejected': [
      [reject('invalid-data', 'case-number-without-case', 'no case', { field: 'caseNumber' })],
    ],
    'OpinionErrors.invalid': [[withZh]],
    'OpinionErrors.unknownReference': [['gridCode', sample, 'a grid']],
    'WorkPlanErrors.invalid': [[withZh]],
    'WorkPlanErrors.unknownReference': [['unitCode', sample, 'a unit']],
    'WorkPlanErrors.exists': [['WRB', 2027]],
    'TaskErrors.unknownReference': [['assignee', sample, 'a unit']],
    'ClueErrors.unknownReference': [['issueCodes', sample, 'an issue']],
  };
  const ERRORS: Record<string, Record<string, (...args: never[]) => ProblemException>> = {
    AssessmentErrors,
    AuthErrors,
    BattleMapErrors,
    ConcurrencyErrors,
    ConsultationErrors,
    EvidenceErrors,
    IdempotencyErrors,
    IssueErrors,
    LedgerErrors,
    OrganisationErrors,
    PatrolErrors,
    ProcessDefinitionErrors,
    PublicNoticeErrors,
    ReportErrors,
    TaskErrors,
    OpinionErrors,
    ClueErrors,
    WorkPlanErrors,
  };
  const cases = Object.entries(ERRORS).flatMap(([group, errors]) =>
    Object.entries(errors).flatMap(([name, make]) =>
      (ARGUMENTS[`${group}.${name}`] ?? [Array<string>(make.length).fill(sample)]).map(
        (args) => [`${group}.${name}(${args.map((a) => JSON.stringify(a)).join(', ')})`, make, args] as const,
      ),
    ),
  );

  it.each(cases)('%s: Chinese by default, English as thrown', (_, make, args) => {
    const error = (make as (...args: unknown[]) => ProblemException)(...args);
    expect(error).toBeInstanceOf(ProblemException);
    const problem = error.toProblem('/x');
    const zh = localizeProblem(problem, error.params, 'zh-CN');
    expect({ title: zh.title, detail: zh.detail }).toEqual({
      title: expect.stringMatching(CJK),
      detail: expect.stringMatching(CJK),
    });
    expect(zh.detail).not.toMatch(/\{\w+\}/);
    for (const field of zh.errors ?? []) expect(field.message).toMatch(CJK);
    const en = localizeProblem(problem, error.params, 'en');
    expect([en.title, en.detail]).toEqual([error.title, error.detail]);
    expect(en.errors?.map((e) => e.message)).toEqual(problem.errors?.map((e) => e.message));
  });

  const refusal = (code: string) =>
    new QueryFailedError('INSERT', [], Object.assign(new Error('refused'), { code, column: 'code' }));
  const SHARED = [
    ...['23502', '23503', '23505', '23514', '22001'].map(
      (code) => [`databaseProblem(${code})`, () => databaseProblem(refusal(code))] as const,
    ),
    [
      'multipartProblem(too large)',
      () => multipartProblem(new PayloadTooLargeException('File too large'), 'file', 1024),
    ] as const,
    [
      'multipartProblem(unexpected field)',
      () => multipartProblem(new BadRequestException('Unexpected field - photo'), 'file', 1024),
    ] as const,
    [
      'multipartProblem(unreadable)',
      () => multipartProblem(new BadRequestException('Malformed part header'), 'file', 1024),
    ] as const,
  ];

  it.each(SHARED)('%s: Chinese by default, English as thrown', (_, make) => {
    const error = make();
    expect(error).toBeInstanceOf(ProblemException);
    const problem = (error as ProblemException).toProblem('/x');
    const zh = localizeProblem(problem, (error as ProblemException).params, 'zh-CN');
    expect([zh.title, zh.detail]).toEqual([expect.stringMatching(CJK), expect.stringMatching(CJK)]);
    for (const field of zh.errors ?? []) expect(field.message).toMatch(CJK);
    expect(localizeProblem(problem, {}, 'en').detail).toBe((error as ProblemException).detail);
  });

  it('has a Chinese text for every refusal the rules can give', () => {
    const sources = readdirSync(join(__dirname, '../../domain'), { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.ts'))
      .map((file) => readFileSync(join(__dirname, '../../domain', file), 'utf8'));
    const codes = new Set(
      sources.flatMap((source) =>
        [...source.matchAll(/reject\(\s*'[a-z-]+',\s*'([a-z0-9-]+)'/g)].map((match) => match[1]),
      ),
    );
    expect(codes.size).toBeGreaterThan(20);
    const missing = [...codes].filter((code) => !problemMessages(code)?.title['zh-CN']);
    expect(missing).toEqual([]);
  });

  it('gives a code nobody catalogued the Chinese title of its status', () => {
    const error = new ProblemException(409, 'unit-test-uncatalogued-conflict', 'Taken', 'It is taken.');
    expect(localizeProblem(error.toProblem('/x'), {}, 'zh-CN')).toMatchObject({
      title: '冲突',
      detail: 'It is taken.',
    });
    expect(localizeProblem(error.toProblem('/x'), {}, 'en').title).toBe('Taken');
  });
});
