import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { STATE_IDS } from '../../domain/process/issue-process.definition';
import { ISSUE_CODE_PATTERN } from '../../domain/issue/issue-code';
import { ISSUE_SOURCES, SEVERITIES } from '../../domain/issue/issue.types';
import {
  arrayOf,
  bool,
  nullableDateTime,
  nullableText,
  object,
  pageOf,
  text,
} from '../common/response-schemas';

const code: SchemaObject = { type: 'string', pattern: ISSUE_CODE_PATTERN.source };
const unit: SchemaObject = { type: 'string' };

/** An issue's live state as the workflow answers it (`IssueState`); the fields clients rely on are required. */
export const ISSUE_STATE_SCHEMA: SchemaObject = {
  type: 'object',
  description: '问题的实时状态 The live state of the issue (the workflow’s query)',
  required: [
    'code',
    'status',
    'report',
    'sectorOwner',
    'territorialOwner',
    'owner',
    'reportedAt',
    'deadline',
    'awaiting',
    'overdue',
    'escalationLevel',
    'obligations',
    'transfers',
  ],
  properties: {
    code,
    status: { type: 'string', enum: [...STATE_IDS] },
    definitionVersion: { type: 'string' },
    report: {
      type: 'object',
      required: ['title', 'description', 'category', 'severity', 'source', 'township', 'finderUnit'],
      properties: {
        title: { type: 'string' },
        description: { type: 'string' },
        category: { type: 'string' },
        severity: { type: 'string' },
        source: { type: 'string' },
        township: unit,
        finderUnit: unit,
        evidence: { type: 'array', items: { type: 'string' } },
      },
    },
    sectorOwner: unit,
    territorialOwner: unit,
    owner: { type: 'string', nullable: true },
    reportedAt: { type: 'string', format: 'date-time' },
    deadline: { type: 'string', format: 'date-time', nullable: true },
    awaiting: { type: 'array', items: unit },
    overdue: { type: 'boolean' },
    escalationLevel: { type: 'integer', minimum: 0, maximum: 3 },
    countySupervision: { type: 'boolean' },
    responsibleParty: {
      type: 'object',
      nullable: true,
      description: '责任主体（业主，L21） The responsible party',
      required: ['kind', 'name'],
      properties: {
        kind: { type: 'string', enum: ['organisation', 'person'] },
        name: { type: 'string' },
        creditCode: { type: 'string' },
        contact: { type: 'string' },
      },
    },
    routing: {
      type: 'object',
      description: '河长制、林长制巡查问题的分办或协调配合单位（L22） Who dispatches or cooperates',
      required: ['unit', 'duty'],
      properties: { unit, duty: { type: 'string', enum: ['dispatch', 'cooperate'] } },
    },
    obligations: { type: 'array', items: { type: 'object' } },
    transfers: { type: 'array', items: { type: 'object' } },
    attention: {
      type: 'object',
      nullable: true,
      description:
        '需人工处理（S4）：写入被数据库拒绝的原因 Set while a write was refused for its data and the issue waits for an operator (S4)',
      properties: {
        reason: { type: 'string' },
        sqlstate: { type: 'string' },
        since: { type: 'string', format: 'date-time' },
        pendingEvents: { type: 'array', items: { type: 'integer' } },
      },
    },
  },
};

/** 202: an action still running after UPDATE_WAIT_SECONDS, and where its outcome will be (S3). */
export const ACTION_PENDING_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['status', 'updateId', 'location', 'message'],
  properties: {
    status: { type: 'string', enum: ['pending'] },
    updateId: { type: 'string' },
    location: { type: 'string', description: 'GET it for the outcome (also in the Location header)' },
    message: { type: 'string' },
  },
};

/** `POST /api/v1/issues`: the started issue. */
export const STARTED_ISSUE_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['code', 'workflowId', 'runId', 'state', 'temporalUiUrl', 'possibleDuplicates'],
  properties: {
    code,
    workflowId: { type: 'string' },
    runId: { type: 'string' },
    state: ISSUE_STATE_SCHEMA,
    temporalUiUrl: { type: 'string' },
    possibleDuplicates: {
      type: 'array',
      items: { type: 'object', required: ['code'], properties: { code } },
    },
  },
};

/** `GET /api/v1/issues/{code}`: live state, events and the caller's allowed actions. */
export const ISSUE_DETAIL_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['state', 'events', 'temporalUiUrl', 'allowedActions'],
  properties: {
    state: ISSUE_STATE_SCHEMA,
    events: { type: 'array', items: { type: 'object' } },
    temporalUiUrl: { type: 'string' },
    allowedActions: { type: 'array', items: { type: 'string' } },
  },
};

/** `POST /api/v1/issues/{code}/reopen`: the new run (its state null while it is still starting). */
export const REOPENED_ISSUE_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['code', 'workflowId', 'runId', 'state', 'temporalUiUrl'],
  properties: {
    code,
    workflowId: { type: 'string' },
    runId: { type: 'string' },
    state: { ...ISSUE_STATE_SCHEMA, nullable: true },
    temporalUiUrl: { type: 'string' },
  },
};

const status: SchemaObject = { type: 'string', enum: [...STATE_IDS] };
const dateTime: SchemaObject = { type: 'string', format: 'date-time' };
const nullableNumber: SchemaObject = { type: 'number', nullable: true };

/** One issue of a list (`IssueListItem`), from the read model. */
export const ISSUE_LIST_ITEM_SCHEMA: SchemaObject = object({
  code,
  title: text,
  category: text,
  severity: { type: 'string', enum: [...SEVERITIES] },
  source: { type: 'string', enum: [...ISSUE_SOURCES] },
  status,
  township: unit,
  finderUnit: unit,
  sectorOwner: unit,
  territorialOwner: unit,
  owner: nullableText,
  awaiting: arrayOf(unit),
  deadline: nullableDateTime,
  overdue: bool,
  escalationLevel: { type: 'integer', minimum: 0, maximum: 3 },
  countySupervision: bool,
  accountabilityFlagged: bool,
  reportedAt: dateTime,
  lat: nullableNumber,
  lng: nullableNumber,
});

/** `GET /api/v1/issues`. */
export const ISSUE_PAGE_SCHEMA: SchemaObject = pageOf(ISSUE_LIST_ITEM_SCHEMA, {
  nextCursor: {
    type: 'string',
    nullable: true,
    description: '下一页的游标，末页为 null The `cursor` of the next page; null on the last page (Q2)',
  },
  totalEstimated: {
    type: 'boolean',
    description:
      'total 为估计值（计数超过 25 毫秒时） `total` is PostgreSQL’s estimate: counting took longer than 25 ms (Q2)',
  },
});

/** `GET /api/v1/issues/possible-duplicates`: nearest first. */
export const POSSIBLE_DUPLICATES_SCHEMA: SchemaObject = arrayOf(
  object({ code, title: text, status, reportedAt: dateTime, distanceMetres: { type: 'number', minimum: 0 } }),
);
