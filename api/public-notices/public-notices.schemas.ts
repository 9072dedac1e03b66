import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { ISSUE_CODE_PATTERN } from '../../domain/issue/issue-code';
import {
  arrayOf,
  count,
  dateTime,
  nullable,
  nullableText,
  number,
  object,
  text,
} from '../common/response-schemas';

const code: SchemaObject = { type: 'string', pattern: ISSUE_CODE_PATTERN.source };

/** What a public notice (公示) shows (`PublicNotice`): nothing about the reporter or the staff. */
export const PUBLIC_NOTICE_SCHEMA = object({
  code,
  title: text,
  category: text,
  categoryName: text,
  township: text,
  townshipName: text,
  village: nullableText,
  location: nullable(object({ lat: number, lng: number })),
  reportedAt: dateTime,
  ownerName: nullableText,
  rectification: object({ summary: nullableText, measures: nullableText, target: nullableText }),
  acceptance: nullableText,
  notice: object({ startedAt: dateTime, endsAt: dateTime }),
  objections: count,
});

/** `GET /api/v1/public/notices`: ending soonest first. */
export const PUBLIC_NOTICES_SCHEMA = arrayOf(PUBLIC_NOTICE_SCHEMA);

/** `POST /api/v1/public/notices/{code}/objections`. */
export const PUBLIC_OBJECTION_RECEIPT_SCHEMA = object({ code, objection: count, message: text });

/** `GET /api/v1/issues/{code}/public-objections`: the contacts, for 县环委办 only. */
export const PUBLIC_OBJECTION_RECORDS_SCHEMA = arrayOf(
  object({
    id: text,
    issueCode: code,
    objection: { type: 'integer', minimum: 0, nullable: true },
    name: nullableText,
    contact: nullableText,
    content: text,
    receivedAt: dateTime,
  }),
);
