import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { DUTY_REPORT_KINDS } from '../../domain/duties/reports/reports';
import {
  anyObject,
  arrayOf,
  bool,
  count,
  dateTime,
  nullable,
  nullableBool,
  nullableDateTime,
  nullableText,
  object,
  pageOf,
  text,
} from '../common/response-schemas';

const kind: SchemaObject = { type: 'string', enum: [...DUTY_REPORT_KINDS] };
const revision: SchemaObject = { type: 'integer', minimum: 0 };
const hash: SchemaObject = { type: 'string', pattern: '^[0-9a-f]{64}$' };

/** The report workflow's live state (`DutyReportState`), as its Updates and query answer. */
export const DUTY_REPORT_STATE_SCHEMA = object(
  {
    reportId: text,
    workflowId: text,
    kind,
    unit: text,
    period: text,
    dueAt: nullableDateTime,
    status: { type: 'string', enum: ['drafting', 'draft', 'submitted'] },
    revision,
    content: nullable(
      object({
        kind,
        title: text,
        unit: object({ code: text, name: text }),
        period: object({ id: text, label: text, start: text, end: text }),
        narrative: { type: 'object', additionalProperties: text },
      }),
    ),
    contentHash: nullable(hash),
    approval: nullable(
      object({
        approverId: text,
        approverName: text,
        approverTitle: text,
        approvedAt: dateTime,
        revision,
        contentHash: hash,
        sealHash: hash,
      }),
    ),
    submittedAt: nullableDateTime,
    onTime: nullableBool,
    lateMarkedAt: nullableDateTime,
    remindersSent: count,
    chased: count,
    next: nullable(object({ kind: { type: 'string', enum: ['reminder', 'late', 'chase'] }, at: dateTime })),
  },
  [],
  '报告的实时状态 The report workflow’s live state',
);

const listItemProperties: Record<string, SchemaObject> = {
  id: text,
  kind,
  kindLabel: text,
  unitCode: text,
  unitName: text,
  period: text,
  periodLabel: text,
  dueAt: nullableDateTime,
  status: { type: 'string', enum: ['draft', 'submitted'] },
  revision,
  submittedAt: nullableDateTime,
  onTime: nullableBool,
  late: bool,
  lateMarkedAt: nullableDateTime,
  chased: count,
  approvedByName: nullableText,
};

/** One report in a list. */
export const REPORT_LIST_ITEM_SCHEMA = object(listItemProperties);

export const REPORT_PAGE_SCHEMA = pageOf(REPORT_LIST_ITEM_SCHEMA);

const delivery = object({
  recipient: nullableText,
  status: text,
  attempts: count,
  deliveredAt: nullableDateTime,
  lastError: nullableText,
});

/** P10: the seal, with the county key's SM2 signature (`SM2-SM3`) or none (`legacy-sha256`). */
const seal = object({
  approvedBy: text,
  approvedByName: text,
  approverTitle: nullableText,
  approvedAt: dateTime,
  revision,
  contentHash: hash,
  sealHash: hash,
  scheme: { type: 'string', enum: ['SM2-SM3', 'legacy-sha256'] },
  signature: nullable(
    object({
      keyId: text,
      signedAt: dateTime,
      document: object({ sm3: text, sha256: text }),
      statement: text,
      value: text,
    }),
  ),
});

/** One report: stored content, seal, history, deliveries and the live state. */
export const REPORT_DETAIL_SCHEMA = object({
  ...listItemProperties,
  workflowId: nullableText,
  contentHash: hash,
  content: anyObject,
  seal: nullable(seal),
  events: arrayOf(object({ id: text, type: text, actor: nullableText, at: dateTime, payload: anyObject })),
  prefectureSubmission: nullable(delivery),
  leadershipDeliveries: arrayOf(delivery),
  live: nullable(DUTY_REPORT_STATE_SCHEMA),
  temporalUiUrl: nullableText,
});

const unitName = { unitCode: text, unitName: text };

/** Who sent a period's reports on time, late, or not yet. */
export const MISSING_REPORTS_SCHEMA = object({
  kind,
  period: text,
  periodLabel: text,
  dueAt: nullableDateTime,
  expected: count,
  onTime: arrayOf(object({ ...unitName, submittedAt: dateTime, approvedByName: nullableText })),
  late: arrayOf(
    object({
      ...unitName,
      submittedAt: dateTime,
      approvedByName: nullableText,
      lateMarkedAt: nullableDateTime,
    }),
  ),
  missing: arrayOf(
    object({ ...unitName, reportId: nullableText, lateMarkedAt: nullableDateTime, chased: count }),
  ),
});

/** `POST /api/v1/bulletins`: the started bulletin and its draft. */
export const COMPILED_BULLETIN_SCHEMA = object({
  id: text,
  workflowId: text,
  state: DUTY_REPORT_STATE_SCHEMA,
});
