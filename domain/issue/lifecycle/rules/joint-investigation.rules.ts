import { requireDate, requireText, type ActionData } from '../../actions';
import { isRecord, nothingToCheck, type ActionRule } from '../action-rule';
import { iso, ruleOn, shanghaiToday, type LifecycleContext } from '../context';
import { event, notice, SYSTEM_ACTOR, type Audience, type EventDraft } from '../events';
import { jointInvestigationText } from '../notice-texts';
import { closeObligation, nextProgressDue } from '../obligations';
import { setOwner, takeOwnership } from '../ownership';
import type { IssueState } from '../../issue.types';
import { reject } from '../../../common/rejection';
import { type Rejection } from '../../../common/rejection';

// L11: a joint investigation organised by the county heads; its lead unit owns the issue once all have reported.

const isList = (value: unknown): value is unknown[] => Array.isArray(value);

/** Each unit's task: a unit, a task and a due date; each unit appears once. */
function checkTasks(data: Record<string, unknown>): Rejection | null {
  const lead = data.lead;
  const co = data.coUnits;
  if (!isRecord(lead)) {
    return reject('invalid-data', 'field-required', 'lead is required', { field: 'lead', rule: 'L11' });
  }
  if (!isList(co) || co.length < 1) {
    return reject('invalid-data', 'co-units-required', 'a joint investigation needs at least one co-unit', {
      field: 'coUnits',
      rule: 'L11',
    });
  }
  const tasks: unknown[] = [lead, ...co];
  for (const [i, task] of tasks.entries()) {
    const fields = isRecord(task) ? task : {};
    const problem =
      requireText(fields, 'unit', 'L11', 32) ??
      requireText(fields, 'task', 'L11') ??
      requireDate(fields, 'dueDate', 'L11');
    if (problem) return { ...problem, field: `${i === 0 ? 'lead' : `coUnits[${i - 1}]`}.${problem.field}` };
  }
  const units = tasks.map((task) => (isRecord(task) ? task.unit : undefined));
  if (new Set(units).size !== units.length) {
    return reject('invalid-data', 'duplicate-unit', 'each unit appears once in a joint investigation', {
      field: 'coUnits',
      rule: 'L11',
    });
  }
  return null;
}

/** The tasks as the state keeps them, the lead's first. */
const tasksOf = (data: ActionData['startJointInvestigation']) => [
  { unit: data.lead.unit, task: data.lead.task, dueDate: data.lead.dueDate, lead: true },
  ...data.coUnits.map((t) => ({ unit: t.unit, task: t.task, dueDate: t.dueDate, lead: false })),
];

export const startJointInvestigation: ActionRule<'startJointInvestigation'> = {
  shape: checkTasks,
  check: (_state, data, _actor, ctx) => {
    const today = shanghaiToday(ctx.now);
    const late = [data.lead, ...data.coUnits].find((t) => t.dueDate < today);
    return late
      ? reject('invalid-data', 'due-date-in-past', `the due date of ${late.unit} is before today`, {
          field: 'dueDate',
          rule: 'L11',
        })
      : null;
  },
  apply: (state, data, actor, ctx) => {
    // v3 (L11): started during rectification, it runs beside the plan: deadline, ladder and feedback stay.
    const duringRectification =
      ruleOn(ctx, 'jointInvestigationKeepsRectification') && state.status === 'rectifying';
    // Otherwise it replaces the deadlines of handling, planning and rectifying until its lead owns the issue.
    const replaced = duringRectification
      ? []
      : (['report_handling', 'plan', 'rectification', 'transfer_feedback'] as const);
    for (const kind of replaced) closeObligation(state, kind);
    const tasks = tasksOf(data);
    state.jointInvestigation = {
      round: (state.jointInvestigation?.round ?? 0) + 1,
      coordinator: actor.name,
      startedAt: iso(ctx.now),
      tasks,
      ...(duringRectification ? { duringRectification } : {}),
    };
    state.status = 'joint_investigation';
    const audiences: Audience[] = [
      ...tasks.map((t): Audience => ({ role: 'unit_head', unit: t.unit })),
      { role: 'eco_office', unit: state.organisation.ecoOffice },
    ];
    const text = jointInvestigationText(state, actor.name, data);
    return { notices: [notice('joint_investigation', audiences, text)] };
  },
};

export const reportJointFinding: ActionRule<'reportJointFinding'> = {
  shape: (data) => requireText(data, 'finding', 'L11'),
  check: nothingToCheck,
  ready: (state, actor) => {
    const task = state.jointInvestigation?.tasks.find((t) => t.unit === actor.unitCode);
    if (task && !task.finding) return null;
    const message = `${actor.unitCode} has already reported its finding`;
    return reject('wrong-state', 'finding-already-reported', message, { rule: 'L11' });
  },
  apply: (state, data, actor, ctx) => {
    const investigation = state.jointInvestigation!;
    const task = investigation.tasks.find((t) => t.unit === actor.unitCode)!;
    task.finding = { text: data.finding, at: iso(ctx.now), by: actor.name };
    if (!investigation.tasks.every((t) => t.finding)) return {};
    // The last finding completes the investigation; its lead unit takes the issue on.
    const lead = investigation.tasks.find((t) => t.lead)!;
    const done = event(SYSTEM_ACTOR, 'joint_investigation_completed', {
      round: investigation.round,
      lead: lead.unit,
      rule: 'L11',
    });
    const system = { name: SYSTEM_ACTOR.name, unit: SYSTEM_ACTOR.unit };
    if (investigation.duringRectification)
      return { then: [done, ...resumeRectification(state, ctx, lead.unit)] };
    return { then: [done, ...setOwner(state, ctx, lead.unit, system)] };
  },
};

/**
 * L11 (v3): rectification goes on under its plan, deadline and ladder where they stood; a lead unit that is not the
 * owner takes the issue, and its deadline, on.
 */
function resumeRectification(state: IssueState, ctx: LifecycleContext, lead: string): EventDraft[] {
  state.status = 'rectifying';
  state.progressDueAt = nextProgressDue(state, ctx);
  if (lead === state.owner) return [];
  const system = { name: SYSTEM_ACTOR.name, unit: SYSTEM_ACTOR.unit };
  const taken = takeOwnership(state, lead, system);
  for (const ob of state.obligations) if (ob.kind === 'rectification') ob.unit = lead;
  return [taken];
}
