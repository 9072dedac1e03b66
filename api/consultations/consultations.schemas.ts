import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { anyObject, arrayOf, bool, dateTime, object, pageOf, text, texts } from '../common/response-schemas';

/** One consultation (`ConsultationView`). */
const CONSULTATION_PROPERTIES: Record<string, SchemaObject> = {
  id: text,
  unitCode: text,
  unitName: text,
  convenedBy: object({ id: text, name: text }),
  heldAt: dateTime,
  topic: text,
  attendees: arrayOf(anyObject),
  minutes: text,
  decisions: arrayOf(anyObject),
  issueCodes: texts,
  monthId: text,
  recordedBy: text,
  recordedAt: dateTime,
};

export const CONSULTATION_SCHEMA = object(CONSULTATION_PROPERTIES);

export const CONSULTATION_PAGE_SCHEMA = pageOf(CONSULTATION_SCHEMA);

/** `POST /api/v1/consultations`: the stored consultation and, per linked issue, whether it was recorded there. */
export const RECORDED_CONSULTATION_SCHEMA = object({
  ...CONSULTATION_PROPERTIES,
  issues: arrayOf(
    object({ code: text, awaited: bool, recorded: bool, reason: text, detail: text }, ['reason', 'detail']),
  ),
});
