import { applyDecorators, ValidationPipe, type ValidationError } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateBy,
} from 'class-validator';
import { ISSUE_CODE_PATTERN } from '../../domain/issue/issue-code';
import { cataloguedProblem } from './problem';
import { chineseRuleMessage } from './validation-messages';
import { type FieldProblem } from '../../domain/common/rejection';

function flatten(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([rule, message]) => ({
      field,
      rule: rule === 'whitelistValidation' ? 'unknown-field' : rule,
      message: rule === 'whitelistValidation' ? `${field} is not a known field` : message,
      zh: chineseRuleMessage(error, field, rule),
    }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/**
 * The one global validation pipe: strip nothing silently, refuse unknown fields, name every bad field (in
 * Chinese unless the client asks for English).
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: true,
    // The error's target is the DTO instance: its class's metadata gives the rule's arguments (lengths, values).
    validationError: { target: true },
    exceptionFactory: (errors) => {
      const problems = flatten(errors);
      return cataloguedProblem(
        400,
        'validation-failed',
        {
          messages: {
            'zh-CN': problems.map((p) => p.zh ?? p.message).join('；'),
            en: problems.map((p) => p.message).join('; '),
          },
        },
        { errors: problems },
      );
    },
  });
}

/** A real calendar date YYYY-MM-DD (2026-02-30 is not). */
function isCalendarDate(value: unknown): boolean {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** A calendar date `YYYY-MM-DD` (Asia/Shanghai), with its OpenAPI description. */
export function IsDateOnly(
  description: string,
  options: { optional?: boolean; example?: string } = {},
): PropertyDecorator {
  const api = { description, type: String, format: 'date', example: options.example ?? '2026-12-31' };
  return applyDecorators(
    ...(options.optional ? [ApiPropertyOptional(api), IsOptional()] : [ApiProperty(api)]),
    ValidateBy({
      name: 'isDateOnly',
      validator: {
        validate: isCalendarDate,
        defaultMessage: (args) => `${args?.property ?? 'value'} must be a date YYYY-MM-DD`,
      },
    }),
  );
}

/** A unit code as clients may write it (upper or lower case). */
const UNIT_CODE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/;

/** Required (or optional) free text: a string, not blank, at most `max` characters. */
export function IsText(
  description: string,
  options: { max?: number; optional?: boolean; example?: string } = {},
): PropertyDecorator {
  const max = options.max ?? 5000;
  const api = {
    description,
    type: String,
    maxLength: max,
    pattern: '\\S',
    ...(options.example ? { example: options.example } : {}),
  };
  return applyDecorators(
    ...(options.optional ? [ApiPropertyOptional(api), IsOptional()] : [ApiProperty(api)]),
    IsString(),
    Matches(/\S/, {
      message: ({ property }) => `${property} must not be blank`,
      context: { zh: '字段 {field} 不能为空白' },
    }),
    MaxLength(max),
  );
}

/** A unit code of the organisation, e.g. ULE or T-GUZHOU. */
export function IsUnitCode(
  description: string,
  options: { optional?: boolean; example?: string } = {},
): PropertyDecorator {
  // format 'unit-code' lets a client offer a unit picker; the pattern below is the rule.
  const api = {
    description,
    type: String,
    format: 'unit-code',
    maxLength: 32,
    pattern: UNIT_CODE.source,
    example: options.example ?? 'ULE',
  };
  return applyDecorators(
    ...(options.optional ? [ApiPropertyOptional(api), IsOptional()] : [ApiProperty(api)]),
    IsString(),
    Matches(UNIT_CODE, {
      message: ({ property }) => `${property} must be a unit code (letters, digits, - and _, at most 32)`,
      context: { zh: '字段 {field} 必须是单位代码（字母、数字、- 和 _，最多 32 个字符）' },
    }),
  );
}

/** A unit or grid code as the organisation creates it. */
export const ORG_CODE = /^[A-Z0-9][A-Z0-9-]{0,31}$/;
/** A client-chosen record id (key point, member, patrol, consultation). */
export const RECORD_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/** A code of a unit or grid: upper-case letters, digits and -, at most 32, e.g. ULE or T-GUZHOU. */
export function IsOrgCode(
  description: string,
  options: { optional?: boolean; example?: string } = {},
): PropertyDecorator {
  const api = {
    description,
    type: String,
    maxLength: 32,
    pattern: ORG_CODE.source,
    example: options.example,
  };
  return applyDecorators(
    ...(options.optional
      ? [ApiPropertyOptional({ ...api, nullable: true }), IsOptional()]
      : [ApiProperty(api)]),
    IsString(),
    Matches(ORG_CODE, {
      message: ({ property }) =>
        `${property} must be a code of upper-case letters, digits and - (at most 32)`,
    }),
  );
}

/** A list of evidence references (stored file ids): at least `min`, at most 50, each 1–256 characters. */
export function IsEvidenceList(description: string, min = 1): PropertyDecorator {
  return applyDecorators(
    ApiProperty({
      description,
      type: 'array',
      items: { type: 'string', minLength: 1, maxLength: 256 },
      minItems: min,
      maxItems: 50,
      example: ['photo-20261201-01.jpg'],
    }),
    IsArray(),
    ArrayMinSize(min),
    ArrayMaxSize(50),
    IsString({ each: true }),
    IsNotEmpty({ each: true }),
    MaxLength(256, { each: true }),
  );
}

/** An optional list of up to 50 distinct issue codes (2027-000001) that a record names. */
export function IsIssueCodeList(description: string): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({
      description,
      type: 'array',
      items: { type: 'string', pattern: ISSUE_CODE_PATTERN.source },
      maxItems: 50,
      uniqueItems: true,
      example: ['2027-000012'],
    }),
    IsOptional(),
    IsArray(),
    ArrayMaxSize(50),
    ArrayUnique({
      message: 'issueCodes must not repeat an issue',
      context: { zh: '字段 {field} 中的问题不能重复' },
    }),
    Matches(ISSUE_CODE_PATTERN, {
      each: true,
      message: 'issueCodes must each look like 2027-000001',
      context: { zh: '字段 {field} 的每一项必须是问题编号，例如 2027-000001' },
    }),
  );
}
