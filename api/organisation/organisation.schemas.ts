import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { GRID_KINDS } from '../../domain/organisation/organisation.types';
import { UNIT_KINDS } from '../../persistence/entities/unit.entity';
import {
  anyObject,
  arrayOf,
  bool,
  count,
  dateTime,
  nullable,
  nullableNumber,
  nullableText,
  object,
  text,
  texts,
} from '../common/response-schemas';

/** The version behind a row's ETag (`W/"<version>"`). */
const version: SchemaObject = { type: 'integer', minimum: 1 };

/** 单位 One unit as the organisation API answers for it. */
export const UNIT_SCHEMA = object({
  code: text,
  name: text,
  kind: { type: 'string', enum: [...UNIT_KINDS] },
  parentCode: nullableText,
  prefectureCounterpart: nullableText,
  prefectureEmail: nullableText,
  demo: bool,
  createdAt: dateTime,
  version,
});

/** 网格 One grid. */
export const GRID_SCHEMA = object({
  code: text,
  unitCode: text,
  name: text,
  kind: { type: 'string', enum: [...GRID_KINDS] },
  parentGridCode: nullableText,
  village: nullableText,
  description: text,
  boundary: nullable({ ...anyObject, description: 'GeoJSON Polygon or MultiPolygon' }),
  demo: bool,
  createdAt: dateTime,
  updatedAt: dateTime,
  version,
});

/** 重点监控点位 One key point. */
export const KEY_POINT_SCHEMA = object({
  id: text,
  gridCode: text,
  name: text,
  lat: nullableNumber,
  lng: nullableNumber,
  description: text,
  demo: bool,
  createdAt: dateTime,
  version,
});

/** 网格人员 One member (phone and e-mail are for signed-in readers only; the public listing never has them). */
export const MEMBER_SCHEMA = object({
  id: text,
  unitCode: text,
  gridCode: nullableText,
  name: text,
  roles: texts,
  phone: nullableText,
  email: nullableText,
  publicContact: nullableText,
  isSectionCadre: bool,
  post: nullableText,
  public: bool,
  active: bool,
  demo: bool,
  createdAt: dateTime,
  updatedAt: dateTime,
  version,
});

const importCounts = object({ inserted: count, updated: count });

/** `POST /api/v1/organisation/import`. */
export const IMPORT_ANSWER_SCHEMA = object({ dryRun: bool, grids: importCounts, members: importCounts });

/** `GET /api/v1/organisation/staffing-report` (G6). */
export const STAFFING_REPORT_SCHEMA = object({
  generatedAt: dateTime,
  total: count,
  findings: arrayOf(
    object(
      { rule: text, unitCode: text, unitName: nullableText, gridCode: text, code: text, message: text },
      ['gridCode'],
    ),
  ),
});

const publicPerson = object({ name: text, role: text, post: nullableText, contact: nullableText });

/** G5: one grid as the public sees it, without phone or e-mail. */
export const PUBLIC_GRID_SCHEMA = object({
  code: text,
  name: text,
  kind: { type: 'string', enum: [...GRID_KINDS] },
  kindLabel: text,
  unitCode: text,
  unitName: text,
  village: nullableText,
  parentGridCode: nullableText,
  heads: arrayOf(publicPerson),
  members: arrayOf(publicPerson),
});

export const PUBLIC_GRIDS_SCHEMA = object({ items: arrayOf(PUBLIC_GRID_SCHEMA), total: count });

/** A GeoJSON position as stored: [longitude, latitude] in WGS-84. */
const position: SchemaObject = { type: 'array', minItems: 2, items: { type: 'number' } };
const ring: SchemaObject = { type: 'array', minItems: 4, items: position };
const polygon: SchemaObject = { type: 'array', minItems: 1, items: ring };

/** 定区域 (G7): a stored area, a Polygon or MultiPolygon without its Feature wrapper. */
const AREA_GEOMETRY_SCHEMA: SchemaObject = {
  type: 'object',
  oneOf: [
    object({ type: { type: 'string', enum: ['Polygon'] }, coordinates: polygon }),
    object({
      type: { type: 'string', enum: ['MultiPolygon'] },
      coordinates: { type: 'array', items: polygon },
    }),
  ],
};

/** `GET|PUT /api/v1/{grids|units}/{code}/boundary` (`AreaView`): null while not drawn; `version` is the ETag's. */
export const AREA_SCHEMA = object({
  code: text,
  boundary: { ...AREA_GEOMETRY_SCHEMA, nullable: true },
  version,
});
