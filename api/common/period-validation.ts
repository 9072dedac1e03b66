import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, ValidateBy } from 'class-validator';
import { monthPeriod, weekPeriod } from '../../domain/duties/periods';

function parses(parse: (id: string) => unknown): (value: unknown) => boolean {
  return (value) => {
    if (typeof value !== 'string') return false;
    try {
      parse(value);
      return true;
    } catch {
      return false;
    }
  };
}

/** An optional ISO week on the Shanghai wall clock, `2027-W02` (a real week of its year). */
export function IsWeekId(description: string): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ description, example: '2027-W02', pattern: '^\\d{4}-W\\d{2}$' }),
    IsOptional(),
    ValidateBy({
      name: 'week-id',
      validator: {
        validate: parses(weekPeriod),
        defaultMessage: (args) => `${args?.property ?? 'week'} must be an ISO week like 2027-W02`,
      },
    }),
  );
}

/** An optional calendar month, `2027-03`. */
export function IsMonthId(description: string): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ description, example: '2027-03', pattern: '^\\d{4}-\\d{2}$' }),
    IsOptional(),
    ValidateBy({
      name: 'month-id',
      validator: {
        validate: parses(monthPeriod),
        defaultMessage: (args) => `${args?.property ?? 'month'} must be a month like 2027-03`,
      },
    }),
  );
}

/** An instant with its offset, e.g. `2027-03-01T09:30:00+08:00` or `2027-03-01T01:30:00Z`. */
export const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Whether a value is such an instant, with a real calendar date (2027-02-30 is not). */
export function isInstant(value: unknown): value is string {
  if (typeof value !== 'string' || !ISO_INSTANT.test(value) || Number.isNaN(Date.parse(value))) return false;
  const day = value.slice(0, 10);
  return new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) === day;
}

/** A required ISO 8601 instant with an explicit offset (a time without one means nothing on the wire). */
export function IsInstant(description: string, example: string): PropertyDecorator {
  return applyDecorators(
    ApiProperty({ description, type: String, format: 'date-time', example }),
    ValidateBy({
      name: 'iso-instant',
      validator: {
        validate: isInstant,
        defaultMessage: (args) =>
          `${args?.property ?? 'value'} must be an ISO 8601 date-time with an offset, e.g. ${example}`,
      },
    }),
  );
}
