import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { CLUE_STATUSES } from '../../domain/records/violation-clues';
import {
  anyObject,
  arrayOf,
  bool,
  dateTime,
  integer,
  nullable,
  nullableText,
  object,
  pageOf,
  text,
  texts,
} from '../common/response-schemas';

const status: SchemaObject = { type: 'string', enum: [...CLUE_STATUSES] };
const person = object({ id: text, name: text });
const location = nullable(object({ lat: { type: 'number' }, lng: { type: 'number' } }));

/** The clue's live state (`ClueState`), as its workflow answers after an action (R2). */
export const CLUE_STATE_SCHEMA = object({
  id: text,
  title: text,
  description: text,
  township: nullableText,
  village: nullableText,
  location,
  suspect: nullable(anyObject),
  evidence: texts,
  issueCodes: texts,
  handedBy: person,
  handedByUnit: text,
  handedAt: dateTime,
  receiver: text,
  status,
  answers: arrayOf(anyObject),
  caseNumber: nullableText,
  decisionReason: nullableText,
  eventCount: integer,
});

/** `POST /api/v1/violation-clues`: the clue handed over and its workflow. */
export const HANDED_CLUE_SCHEMA = object({
  id: text,
  workflowId: text,
  temporalUiUrl: text,
  state: CLUE_STATE_SCHEMA,
});

const CLUE_VIEW_PROPERTIES: Record<string, SchemaObject> = {
  id: text,
  workflowId: text,
  title: text,
  description: text,
  township: nullableText,
  village: nullableText,
  location,
  suspect: nullable(anyObject),
  evidence: texts,
  issueCodes: texts,
  status,
  statusLabel: text,
  receiverUnit: text,
  handedBy: person,
  handedByUnit: text,
  handedByUnitName: text,
  handedAt: dateTime,
  firstAnswerDue: dateTime,
  firstAnsweredAt: nullable(dateTime),
  overdue: bool,
  caseNumber: nullableText,
  decisionReason: nullableText,
  updatedAt: dateTime,
};

export const CLUE_PAGE_SCHEMA = pageOf(object(CLUE_VIEW_PROPERTIES));

/** One clue with its history and its Temporal UI link. */
export const CLUE_DETAIL_SCHEMA = object({
  ...CLUE_VIEW_PROPERTIES,
  events: arrayOf(
    object({ seq: integer, type: text, actor: text, actorName: text, at: dateTime, payload: anyObject }),
  ),
  temporalUiUrl: text,
});
