import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import {
  anyObject,
  arrayOf,
  bool,
  dateTime,
  integer,
  nullable,
  nullableText,
  object,
  text,
  texts,
} from '../common/response-schemas';

const PLAN_PROPERTIES: Record<string, SchemaObject> = {
  id: text,
  unitCode: text,
  unitName: text,
  year: integer,
  title: text,
  file: object({ id: text, name: nullableText, mediaType: text, size: integer }),
  note: nullableText,
  submittedBy: object({ id: text, name: text }),
  submittedAt: dateTime,
};

/** The year's plans a reader may see (R3). */
export const WORK_PLAN_LIST_SCHEMA = arrayOf(object(PLAN_PROPERTIES));

/** One plan and where its mails to 县环委办 and the prefecture counterpart stand. */
export const WORK_PLAN_DETAIL_SCHEMA = object({ ...PLAN_PROPERTIES, deliveries: anyObject });

/** Who has submitted the year's plan and who has not. */
export const WORK_PLAN_STATUS_SCHEMA = object({
  year: integer,
  dueAt: dateTime,
  due: text,
  units: arrayOf(
    object({
      unitCode: text,
      unitName: text,
      submitted: bool,
      planId: nullableText,
      submittedAt: nullable(dateTime),
    }),
  ),
  missing: texts,
});
