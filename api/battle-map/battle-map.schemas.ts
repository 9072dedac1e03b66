import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { ISSUE_CODE_PATTERN } from '../../domain/issue/issue-code';
import { SEVERITIES } from '../../domain/issue/issue.types';
import { GRID_KINDS } from '../../domain/organisation/organisation.types';
import { STATE_IDS } from '../../domain/process/issue-process.definition';
import {
  arrayOf,
  bool,
  dateTime,
  nullable,
  nullableDateTime,
  nullableNumber,
  nullableText,
  object,
  text,
  texts,
} from '../common/response-schemas';

/** One person on the map (`BattleMapPerson`), with role labels in Chinese. */
const PERSON_SCHEMA = object({
  id: text,
  name: text,
  unitCode: text,
  roles: texts,
  roleLabels: texts,
  post: nullableText,
  isSectionCadre: bool,
  phone: nullableText,
  publicContact: nullableText,
});

const KEY_POINT_SCHEMA = object({
  id: text,
  name: text,
  lat: nullableNumber,
  lng: nullableNumber,
  description: text,
});

const GRID_PROPERTIES: Record<string, SchemaObject> = {
  code: text,
  name: text,
  kind: { type: 'string', enum: [...GRID_KINDS] },
  kindLabel: text,
  village: nullableText,
  description: text,
  directLeader: nullable(PERSON_SCHEMA),
  members: arrayOf(PERSON_SCHEMA),
  keyPoints: arrayOf(KEY_POINT_SCHEMA),
};

/** A grid with its 分片 (G4), each a grid of the same shape one level down. */
const GRID_SCHEMA = object({
  ...GRID_PROPERTIES,
  subAreas: arrayOf(object({ ...GRID_PROPERTIES, subAreas: arrayOf({ type: 'object' }) })),
});

const CATEGORY_SCHEMA = object({ code: text, name: text, description: text });

/** One open issue on the rectification timetable (`BattleMapTimetableEntry`), soonest due first. */
const TIMETABLE_ENTRY_SCHEMA = object({
  code: { type: 'string', pattern: ISSUE_CODE_PATTERN.source },
  title: text,
  category: text,
  categoryName: text,
  severity: { type: 'string', enum: [...SEVERITIES] },
  status: { type: 'string', enum: [...STATE_IDS] },
  township: text,
  townshipName: text,
  village: nullableText,
  roles: arrayOf({ type: 'string', enum: ['owner', 'sector_owner', 'territorial_owner'] }),
  owner: nullableText,
  responsibleUnit: nullableText,
  responsiblePerson: nullableText,
  timeLimit: nullable({ type: 'string', format: 'date' }),
  milestones: arrayOf(object({ date: text, description: text, done: bool }, ['done'])),
  dueAt: nullableDateTime,
  overdue: bool,
  escalationLevel: { type: 'integer', minimum: 0 },
  countySupervision: bool,
});

/** `GET /api/v1/units/{code}/battle-map` as JSON (`BattleMap`, P9). */
export const BATTLE_MAP_SCHEMA = object({
  unit: object({ code: text, name: text, kind: text }),
  generatedAt: dateTime,
  organisation: object({
    heads: arrayOf(PERSON_SCHEMA),
    deputies: arrayOf(PERSON_SCHEMA),
    liaisons: arrayOf(PERSON_SCHEMA),
    others: arrayOf(PERSON_SCHEMA),
  }),
  duties: object({ statement: text, categories: arrayOf(CATEGORY_SCHEMA), standing: texts }),
  grids: arrayOf(GRID_SCHEMA),
  timetable: arrayOf(TIMETABLE_ENTRY_SCHEMA),
});
