import type { ActionId } from '../process/issue-process.definition';
import type { Actor } from '../organisation/roles';
import { SUPERVISION_MEMBER_KINDS, type SupervisionGroup, type SupervisionMemberKind } from './issue.types';
import { reject, type Rejection } from '../common/rejection';

/** The data each action carries. */
export interface ActionData {
  transfer: { toUnit: string; reason: string };
  acceptTransfer: { note?: string };
  returnTransfer: { reason: string };
  assignOwner: { unit: string; note?: string };
  reportTransferFeedback: { result: string };
  recordImmediateFix: { description: string; evidence: string[] };
  confirmFix: { opinion: string };
  rejectFix: { reason: string };
  submitPlan: {
    responsibleUnit: string;
    responsiblePerson: string;
    measures: string;
    timeLimit: string;
    target: string;
    milestones?: Array<{ date: string; description: string }>;
  };
  reportProgress: {
    note: string;
    milestones?: Array<{ date: string; description: string; done?: boolean }>;
    timeLimit?: string;
  };
  requestExtension: { reason: string; proposedTimeLimit: string };
  decideExtension: { approved: boolean; note: string };
  startJointInvestigation: {
    lead: { unit: string; task: string; dueDate: string };
    coUnits: Array<{ unit: string; task: string; dueDate: string }>;
  };
  reportJointFinding: { finding: string };
  recordConsultation: { date: string; attendees: string[]; minutes: string; decisions: string[] };
  formSupervisionGroup: { members: SupervisionGroup['members'] };
  applyForClosure: { summary: string; evidence: string[] };
  acceptRectification: { opinion: string; publicNotice?: boolean };
  sendBack: { reason: string };
  fileObjection: { objector: string; content: string };
  resolveObjection: { objection: number; valid: boolean; note: string };
  signOff: { opinion: string };
  supervisionGroupSignOff: { leaderName: string; opinion: string };
}

export interface ActionRequest<A extends ActionId = ActionId> {
  action: A;
  actor: Actor;
  data: ActionData[A];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isDate(value: unknown): value is string {
  if (typeof value !== 'string' || !DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

function text(data: Record<string, unknown>, field: string, rule: string, max = 5000): Rejection | null {
  const value = data[field];
  if (typeof value !== 'string' || value.trim() === '') {
    return reject('invalid-data', 'field-required', `${field} is required`, { field, rule });
  }
  if (value.length > max)
    return reject('invalid-data', 'field-too-long', `${field} is longer than ${max}`, { field, rule });
  return null;
}

function evidence(data: Record<string, unknown>, field: string, rule: string, min: number): Rejection | null {
  const value = data[field];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || v === '')) {
    return reject('invalid-data', 'evidence-invalid', `${field} must be a list of evidence references`, {
      field,
      rule,
    });
  }
  if (value.length < min) {
    return reject(
      'invalid-data',
      'evidence-required',
      `${field} needs at least ${min} piece(s) of evidence`,
      { field, rule },
    );
  }
  return null;
}

function date(data: Record<string, unknown>, field: string, rule: string): Rejection | null {
  return isDate(data[field])
    ? null
    : reject('invalid-data', 'date-invalid', `${field} must be a date YYYY-MM-DD`, { field, rule });
}

const FIVE_ITEMS: Array<[keyof ActionData['submitPlan'], string]> = [
  ['responsibleUnit', '定责任单位'],
  ['responsiblePerson', '定责任人'],
  ['measures', '定整改措施'],
  ['timeLimit', '定整改时限'],
  ['target', '定整改目标'],
];

/** L5: a 五定 plan names all five items. */
export function checkPlan(plan: Partial<ActionData['submitPlan']>): Rejection | null {
  for (const [field, label] of FIVE_ITEMS) {
    const value = plan[field];
    if (typeof value !== 'string' || value.trim() === '') {
      return reject('invalid-data', 'five-items-incomplete', `the 五定 plan lacks ${label} (${field})`, {
        field,
        rule: 'L5',
      });
    }
  }
  return date(plan, 'timeLimit', 'L5');
}

const REQUIRED_KINDS: Array<[SupervisionMemberKind, string]> = [
  ['leader', '组长（党支部书记）'],
  ['deputy', '副组长（村主任）'],
  ['party_member', '党员'],
  ['retired_cadre', '离退休干部'],
  ['former_village_cadre', '老村干'],
  ['village_group_cadre', '村组干代表'],
  ['women_representative', '妇女代表'],
  ['villager_representative', '村民代表'],
];

/** L13: the supervision group's composition. */
export function checkSupervisionGroup(members: unknown): Rejection | null {
  const bad = (message: string) =>
    reject('invalid-data', 'supervision-group-composition', message, { field: 'members', rule: 'L13' });
  if (!Array.isArray(members)) return bad('members must be a list');
  for (const member of members as Array<Record<string, unknown>>) {
    if (typeof member?.name !== 'string' || member.name.trim() === '')
      return bad('every member needs a name');
    if (!SUPERVISION_MEMBER_KINDS.includes(member.kind as SupervisionMemberKind)) {
      return bad(`unknown member kind ${String(member.kind)}`);
    }
  }
  const count = (kind: SupervisionMemberKind) =>
    (members as Array<{ kind: SupervisionMemberKind }>).filter((m) => m.kind === kind).length;
  if (count('leader') !== 1)
    return bad('the group has exactly one 组长, the village Party branch secretary (党支部书记)');
  if (count('deputy') !== 1) return bad('the group has exactly one 副组长, the village head (村主任)');
  for (const [kind, label] of REQUIRED_KINDS.slice(2)) {
    if (count(kind) < 1) return bad(`the group needs at least one ${label} (${kind})`);
  }
  return null;
}

/** Checks the shape of an action's data (the rules that need no state). */
export function checkData(request: ActionRequest): Rejection | null {
  const data = (request.data ?? {}) as unknown as Record<string, unknown>;
  if (typeof request.data !== 'object' || request.data === null) {
    return reject('invalid-data', 'data-required', 'the action needs its data object', { field: 'data' });
  }
  switch (request.action) {
    case 'transfer':
      return text(data, 'toUnit', 'L3', 32) ?? text(data, 'reason', 'L3');
    case 'returnTransfer':
      return text(data, 'reason', 'L3');
    case 'assignOwner':
      return text(data, 'unit', 'L3', 32);
    case 'reportTransferFeedback':
      return text(data, 'result', 'L3');
    case 'recordImmediateFix':
      return text(data, 'description', 'L4') ?? evidence(data, 'evidence', 'L4', 1);
    case 'confirmFix':
      return text(data, 'opinion', 'L4');
    case 'rejectFix':
      return text(data, 'reason', 'L4');
    case 'submitPlan':
      return checkPlan(data);
    case 'reportProgress':
      return text(data, 'note', 'L7');
    case 'requestExtension':
      return text(data, 'reason', 'L8') ?? date(data, 'proposedTimeLimit', 'L8');
    case 'decideExtension':
      return typeof data.approved === 'boolean'
        ? text(data, 'note', 'L8')
        : reject('invalid-data', 'field-required', 'approved must be true or false', {
            field: 'approved',
            rule: 'L8',
          });
    case 'startJointInvestigation': {
      const lead = data.lead as Record<string, unknown> | undefined;
      const co = data.coUnits;
      if (!lead || typeof lead !== 'object') {
        return reject('invalid-data', 'field-required', 'lead is required', { field: 'lead', rule: 'L11' });
      }
      if (!Array.isArray(co) || co.length < 1) {
        return reject(
          'invalid-data',
          'co-units-required',
          'a joint investigation needs at least one co-unit',
          {
            field: 'coUnits',
            rule: 'L11',
          },
        );
      }
      for (const [i, task] of [lead, ...(co as Array<Record<string, unknown>>)].entries()) {
        const field = i === 0 ? 'lead' : `coUnits[${i - 1}]`;
        const problem =
          text(task, 'unit', 'L11', 32) ?? text(task, 'task', 'L11') ?? date(task, 'dueDate', 'L11');
        if (problem) return { ...problem, field: `${field}.${problem.field}` };
      }
      const units = [lead.unit, ...(co as Array<Record<string, unknown>>).map((t) => t.unit)];
      if (new Set(units).size !== units.length) {
        return reject('invalid-data', 'duplicate-unit', 'each unit appears once in a joint investigation', {
          field: 'coUnits',
          rule: 'L11',
        });
      }
      return null;
    }
    case 'reportJointFinding':
      return text(data, 'finding', 'L11');
    case 'recordConsultation':
      return (
        date(data, 'date', 'P5') ??
        (Array.isArray(data.attendees) && data.attendees.length > 0
          ? null
          : reject('invalid-data', 'attendees-required', 'a consultation records its attendees', {
              field: 'attendees',
              rule: 'P5',
            })) ??
        text(data, 'minutes', 'P5', 20000) ??
        (Array.isArray(data.decisions)
          ? null
          : reject('invalid-data', 'field-required', 'decisions must be a list', {
              field: 'decisions',
              rule: 'P5',
            }))
      );
    case 'formSupervisionGroup':
      return checkSupervisionGroup(data.members);
    case 'applyForClosure':
      return text(data, 'summary', 'L14') ?? evidence(data, 'evidence', 'L14', 1);
    case 'acceptRectification':
      return text(data, 'opinion', 'L14');
    case 'sendBack':
      return text(data, 'reason', 'L14');
    case 'fileObjection':
      return text(data, 'objector', 'L14', 128) ?? text(data, 'content', 'L14');
    case 'resolveObjection':
      return typeof data.objection === 'number' && typeof data.valid === 'boolean'
        ? text(data, 'note', 'L14')
        : reject('invalid-data', 'field-required', 'objection (number) and valid (boolean) are required', {
            field: 'objection',
            rule: 'L14',
          });
    case 'signOff':
      return text(data, 'opinion', 'L6');
    case 'supervisionGroupSignOff':
      return text(data, 'leaderName', 'L13', 128) ?? text(data, 'opinion', 'L13');
    case 'acceptTransfer':
      return null;
  }
}
