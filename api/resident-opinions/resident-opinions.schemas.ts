import { bool, dateTime, nullable, object, pageOf, text, anyObject } from '../common/response-schemas';
import { OPINION_KINDS } from '../../domain/records/resident-opinions';

/** One resident opinion (`ResidentOpinionView`); `resident` is null outside the collecting unit (R1). */
export const OPINION_SCHEMA = object({
  id: text,
  unitCode: text,
  unitName: text,
  gridCode: text,
  gridName: text,
  kind: { type: 'string', enum: [...OPINION_KINDS] },
  content: text,
  collectedAt: dateTime,
  collectedBy: object({ id: text, name: text }),
  residentContactKept: bool,
  resident: nullable(anyObject),
  patrolId: nullable(text),
  answer: nullable(object({ text, by: object({ id: text, name: text }), at: dateTime })),
  monthId: text,
  recordedAt: dateTime,
});

export const OPINION_PAGE_SCHEMA = pageOf(OPINION_SCHEMA);
