import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { UNIT_KINDS } from '../../persistence/entities/unit.entity';
import {
  anyObject,
  arrayOf,
  bool,
  count,
  dateTime,
  nullable,
  nullableBool,
  object,
  pageOf,
  text,
  texts,
} from '../common/response-schemas';

const named = object({ id: text, name: text });

/** One patrol (`PatrolView`) with the names of its grid, people and key points. */
const PATROL_PROPERTIES: Record<string, SchemaObject> = {
  id: text,
  unitCode: text,
  unitName: text,
  gridCode: text,
  gridName: text,
  ledBy: named,
  members: arrayOf(named),
  startedAt: dateTime,
  endedAt: dateTime,
  methods: arrayOf(object({ code: text, label: text })),
  keyPoints: arrayOf(named),
  points: arrayOf(anyObject),
  // The recorded GPS track as sent (GeoJSON), or null.
  track: { description: '巡查轨迹 GeoJSON track, or null' },
  notes: text,
  issueCodes: texts,
  weekId: text,
  monthId: text,
  recordedBy: text,
  recordedAt: dateTime,
};

export const PATROL_SCHEMA = object(PATROL_PROPERTIES);

export const PATROL_PAGE_SCHEMA = pageOf(PATROL_SCHEMA);

/** `POST /api/v1/patrols`: the stored patrol, whether a head led it, and the issues it started. */
export const RECORDED_PATROL_SCHEMA = object({
  ...PATROL_PROPERTIES,
  ledByHead: bool,
  newIssues: arrayOf(object({ code: text, workflowId: text, temporalUiUrl: text })),
});

/** One grid's patrols in the period (P1, P2); a week has a required count, a month its key points' coverage. */
const GRID_COMPLIANCE_SCHEMA = object({
  gridCode: text,
  gridName: text,
  unitCode: text,
  unitName: text,
  unitKind: { type: 'string', enum: [...UNIT_KINDS] },
  patrols: count,
  ledByHead: count,
  patrolsRequired: nullable(count),
  ledByHeadMet: bool,
  keyPoints: arrayOf(
    object({ id: text, name: text, visits: count, required: nullable(count), met: nullableBool }),
  ),
});

/** `GET /api/v1/duties/patrol-compliance` (`PatrolComplianceReport`); `units` is empty for a week (P5 is monthly). */
export const PATROL_COMPLIANCE_SCHEMA = object({
  period: object({
    id: text,
    kind: { type: 'string', enum: ['week', 'month'] },
    label: text,
    start: dateTime,
    end: dateTime,
  }),
  grids: arrayOf(GRID_COMPLIANCE_SCHEMA),
  units: arrayOf(
    object({ unitCode: text, unitName: text, consultations: count, required: count, met: bool }),
  ),
});
