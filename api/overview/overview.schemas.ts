import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { ISSUE_CODE_PATTERN } from '../../domain/issue/issue-code';
import { STATE_IDS } from '../../domain/process/issue-process.definition';
import {
  anyObject,
  arrayOf,
  bool,
  count,
  dateTime,
  nullableText,
  number,
  object,
  text,
  texts,
} from '../common/response-schemas';

const unitCounts = object({
  unitCode: text,
  unitName: text,
  open: count,
  overdue: count,
  escalated: count,
  closed: count,
});

/** `GET /api/v1/overview`: counts by state, unit and township, and the last 12 weeks. */
export const COUNTY_OVERVIEW_SCHEMA: SchemaObject = object({
  generatedAt: dateTime,
  byStatus: { type: 'object', additionalProperties: count },
  byUnit: arrayOf(unitCounts),
  byTownship: arrayOf(unitCounts),
  trend: arrayOf(object({ week: text, reported: count, closed: count })),
});

/** `GET /api/v1/overview/map`: located open issues and the grids' GeoJSON boundaries. */
export const COUNTY_MAP_SCHEMA: SchemaObject = object({
  issues: arrayOf(
    object({
      code: { type: 'string', pattern: ISSUE_CODE_PATTERN.source },
      title: text,
      status: { type: 'string', enum: [...STATE_IDS] },
      category: text,
      township: text,
      lat: number,
      lng: number,
      overdue: bool,
      escalationLevel: { type: 'integer', minimum: 0, maximum: 3 },
    }),
  ),
  grids: arrayOf(object({ code: text, name: text, unitCode: text, kind: text, boundary: anyObject })),
});

/** `GET /api/v1/console/settings`. */
export const CONSOLE_SETTINGS_SCHEMA: SchemaObject = object({
  map: object({
    tileUrl: nullableText,
    attribution: text,
    subdomains: texts,
    center: object({ lat: number, lng: number }),
    zoom: number,
  }),
});
