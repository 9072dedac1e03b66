import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import {
  arrayOf,
  bool,
  nullable,
  nullableDateTime,
  nullableText,
  object,
  text,
} from '../common/response-schemas';

const date: SchemaObject = { type: 'string', format: 'date' };
const year: SchemaObject = { type: 'integer', minimum: 2000, maximum: 2100 };

/** One year of the official calendar (`CalendarYearView`): built in (projected or published) or loaded (L9). */
export const CALENDAR_YEAR_SCHEMA = object({
  year,
  source: { type: 'string', enum: ['published', 'projected'] },
  loaded: bool,
  notice: object({ title: text, number: nullableText, issued: nullable(date), url: nullableText }),
  holidays: arrayOf(date),
  adjustedWorkingDays: arrayOf(date),
  loadedBy: nullableText,
  loadedAt: nullableDateTime,
});

/** `GET /api/v1/calendars`: the years covered and how a date beyond them counts (`CalendarView`). */
export const CALENDAR_SCHEMA = object({
  firstYear: year,
  lastYear: year,
  projectedYears: arrayOf(year),
  beyond: text,
  years: arrayOf(CALENDAR_YEAR_SCHEMA),
});

/** `PUT /api/v1/calendars/{year}`: the stored year and the workflow that signals it to every running issue. */
export const LOADED_CALENDAR_YEAR_SCHEMA = object({
  year: CALENDAR_YEAR_SCHEMA,
  broadcast: object({ workflowId: text, runId: text }),
});
