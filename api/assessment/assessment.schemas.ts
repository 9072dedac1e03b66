import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { UNIT_KINDS } from '../../persistence/entities/unit.entity';
import { bool, count, dateTime, object, text, texts } from '../common/response-schemas';

const unitKind: SchemaObject = { type: 'string', enum: [...UNIT_KINDS] };

/** Indicators (1)–(4): counts, a 0–100 score (null when not assessed), the formula and the ids behind each count. */
const COMPUTED_INDICATOR_SCHEMA = object({
  number: { type: 'integer', enum: [1, 2, 3, 4] },
  key: { type: 'string', enum: ['discovery', 'rectification', 'operation', 'materials'] },
  label: text,
  computed: { type: 'boolean', enum: [true] },
  assessed: bool,
  score: { type: 'number', minimum: 0, maximum: 100, nullable: true },
  formula: text,
  counts: { type: 'object', additionalProperties: count },
  labels: { type: 'object', additionalProperties: text },
  basis: { type: 'object', additionalProperties: texts },
});

/** Indicator (5) 创新工作: judged by the assessment group, never computed. */
const INNOVATION_INDICATOR_SCHEMA = object({
  number: { type: 'integer', enum: [5] },
  key: { type: 'string', enum: ['innovation'] },
  label: text,
  computed: { type: 'boolean', enum: [false] },
  score: { type: 'number', nullable: true, enum: [null] },
  note: text,
});

const UNIT_ASSESSMENT_PROPERTIES: Record<string, SchemaObject> = {
  unitCode: text,
  unitName: text,
  unitKind,
  year: { type: 'integer', minimum: 2000, maximum: 2100 },
  asOf: dateTime,
  indicators: {
    type: 'array',
    minItems: 5,
    maxItems: 5,
    items: { oneOf: [COMPUTED_INDICATOR_SCHEMA, INNOVATION_INDICATOR_SCHEMA] },
  },
};

/** `GET /api/v1/assessment/{year}/units/{code}` as JSON (`UnitAssessmentBody`). */
export const UNIT_ASSESSMENT_SCHEMA = object({ ...UNIT_ASSESSMENT_PROPERTIES, note: text });

/** `GET /api/v1/assessment/{year}` as JSON (`AssessmentBody`): every assessed unit, the note said once. */
export const ASSESSMENT_SCHEMA = object({
  year: { type: 'integer', minimum: 2000, maximum: 2100 },
  asOf: dateTime,
  note: text,
  units: { type: 'array', items: object(UNIT_ASSESSMENT_PROPERTIES) },
});
