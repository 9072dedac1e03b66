import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { ISSUE_CODE_PATTERN } from '../../domain/issue/issue-code';
import { VILLAGE_RELAY_STATUSES } from '../../domain/organisation/village-relay';
import {
  dateTime,
  nullable,
  nullableDateTime,
  nullableText,
  object,
  pageOf,
  text,
  texts,
} from '../common/response-schemas';

const issueCode: SchemaObject = { type: 'string', pattern: ISSUE_CODE_PATTERN.source };
const named = object({ id: text, name: text });

/** One village relay (`VillageRelayView`, G8): waiting, accepted as an issue, or answered. */
export const VILLAGE_RELAY_SCHEMA = object({
  id: text,
  gridCode: text,
  gridName: text,
  township: text,
  townshipName: text,
  reporter: object({ id: text, name: text, unitCode: text }),
  title: text,
  description: text,
  location: nullable(
    object({
      lat: { type: 'number', minimum: -90, maximum: 90 },
      lng: { type: 'number', minimum: -180, maximum: 180 },
    }),
  ),
  evidence: texts,
  reportedAt: dateTime,
  status: { type: 'string', enum: [...VILLAGE_RELAY_STATUSES] },
  issueCode: nullable(issueCode),
  answer: nullableText,
  handledBy: nullable(named),
  handledAt: nullableDateTime,
});

export const VILLAGE_RELAY_PAGE_SCHEMA = pageOf(VILLAGE_RELAY_SCHEMA);

/** `POST /api/v1/village-relays/{id}/accept`: the relay and the issue it became. */
export const ACCEPTED_RELAY_SCHEMA = object({
  relay: VILLAGE_RELAY_SCHEMA,
  issue: object({ code: issueCode, workflowId: text, temporalUiUrl: text }),
});
