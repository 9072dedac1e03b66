import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { TASK_STATUSES } from '../../domain/tasks/assigned-task';
import {
  anyObject,
  arrayOf,
  bool,
  dateTime,
  integer,
  nullable,
  object,
  pageOf,
  text,
  texts,
} from '../common/response-schemas';

const status: SchemaObject = { type: 'string', enum: [...TASK_STATUSES] };
const person = object({ id: text, name: text });
const day: SchemaObject = {
  type: 'string',
  format: 'date',
  description: '年-月-日 YYYY-MM-DD (Asia/Shanghai)',
};

/** The task's live state (`AssignedTaskState`), as its workflow answers after an action (R4). */
export const TASK_STATE_SCHEMA = object({
  code: text,
  title: text,
  description: text,
  assignee: text,
  assigneeName: text,
  assigner: person,
  deadline: day,
  dueAt: dateTime,
  issueCodes: texts,
  assignedAt: dateTime,
  status,
  reports: arrayOf(anyObject),
  decisions: arrayOf(anyObject),
  step: integer,
  overdue: bool,
  countySupervision: bool,
  completedAt: nullable(dateTime),
  eventCount: integer,
});

/** `POST /api/v1/assigned-tasks`: the task and its workflow. */
export const TASK_ANSWER_SCHEMA = object({
  code: text,
  workflowId: text,
  temporalUiUrl: text,
  state: TASK_STATE_SCHEMA,
});

/** One task with its history. */
export const TASK_DETAIL_SCHEMA = object({
  code: text,
  workflowId: text,
  temporalUiUrl: text,
  state: TASK_STATE_SCHEMA,
  events: arrayOf(
    object({ seq: integer, type: text, actor: text, actorName: text, at: dateTime, payload: anyObject }),
  ),
});

/** A page of tasks as lists show them (`AssignedTaskRow`). */
export const TASK_PAGE_SCHEMA = pageOf(
  object({
    code: text,
    workflowId: text,
    title: text,
    assignee: text,
    assigneeName: text,
    assigner: person,
    deadline: day,
    dueAt: dateTime,
    status,
    overdue: bool,
    escalationLevel: integer,
    countySupervision: bool,
    issueCodes: texts,
    assignedAt: dateTime,
    completedAt: nullable(dateTime),
    updatedAt: dateTime,
  }),
);
