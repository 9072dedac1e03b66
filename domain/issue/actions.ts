import type { ActionId } from '../process/issue-process.definition';
import type { Actor } from '../organisation/roles';
import {
  SUPERVISION_MEMBER_KINDS,
  type IssueSource,
  type Severity,
  type SupervisionGroup,
  type SupervisionMemberKind,
} from './issue.types';
import { reject, type Rejection } from '../common/rejection';
import type { ResponsibleParty } from '../records/responsible-party';

/** The data each action carries. */
export interface ActionData {
  transfer: { toUnit: string; reason: string };
  acceptTransfer: { note?: string };
  returnTransfer: { reason: string };
  assignOwner: { unit: string; note?: string; reason?: string };
  reportTransferFeedback: { result: string };
  recordImmediateFix: { description: string; evidence: string[] };
  confirmFix: { opinion: string };
  rejectFix: { reason: string };
  submitPlan: {
    responsibleUnit: string;
    responsiblePerson: string;
    /** The 责任人's member id, when the plan names one: the ladder's notices reach them by id (L10). */
    responsibleMemberId?: string;
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
  recordConsultation: {
    date: string;
    attendees: string[];
    minutes: string;
    decisions: string[];
    consultationId?: string;
  };
  formSupervisionGroup: { members: SupervisionGroup['members'] };
  applyForClosure: { summary: string; evidence: string[] };
  acceptRectification: { opinion: string; publicNotice?: boolean };
  sendBack: { reason: string };
  fileObjection: { objector: string; content: string };
  resolveObjection: { objection: number; valid: boolean; note: string };
  signOff: { opinion: string };
  supervisionGroupSignOff: { leaderName?: string; opinion: string };
  changeSeverity: { severity: Severity; reason: string };
  requireSupervisionGroup: { reason: string };
  allowAnotherExtension: { reason: string };
  correctSource: { source: IssueSource; reason: string; patrolId?: string };
  nameResponsibleParty: ResponsibleParty & { note?: string };
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

/** A required, non-blank text field of at most `max` characters. */
export function requireText(
  data: Record<string, unknown>,
  field: string,
  rule: string,
  max = 5000,
): Rejection | null {
  const value = data[field];
  if (typeof value !== 'string' || value.trim() === '') {
    return reject('invalid-data', 'field-required', `${field} is required`, { field, rule });
  }
  if (value.length > max)
    return reject('invalid-data', 'field-too-long', `${field} is longer than ${max}`, { field, rule });
  return null;
}

/** A list of at least `min` evidence references. */
export function requireEvidence(
  data: Record<string, unknown>,
  field: string,
  rule: string,
  min: number,
): Rejection | null {
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

/** A calendar date YYYY-MM-DD. */
export function requireDate(data: Record<string, unknown>, field: string, rule: string): Rejection | null {
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
  return requireDate(plan, 'timeLimit', 'L5');
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
    if (member.memberId !== undefined && (typeof member.memberId !== 'string' || member.memberId === ''))
      return bad('a memberId must name a member');
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
