import {
  addWorkingDays,
  CalendarRangeError,
  firstUncoveredDate,
  isProvisional,
  workingDaysBefore,
  workingDaysBetween,
  type OfficialCalendar,
} from '../../calendar/working-days';
import type { ObligationKind } from '../../process/issue-process.definition';
import type { IssueState, Obligation } from '../issue.types';
import { DAY_MS, endOfShanghaiDay, iso, ruleOn, type LifecycleContext } from './context';
import type { Audience } from './events';
import { reject } from '../../common/rejection';
import { type Rejection } from '../../common/rejection';

// Obligations are the deadlines an issue is under; each climbs its own escalation ladder (L10).

/** When each ladder step of an obligation fires. */
export function ladderTimes(
  state: IssueState,
  ctx: LifecycleContext,
  ob: Obligation,
): [number, number, number, number] {
  const due = Date.parse(ob.due);
  const p = state.policy;
  return [
    workingDaysBefore(ctx.calendar, due, p.reminderWorkingDaysBefore).getTime(),
    due + 1,
    addWorkingDays(ctx.calendar, due, p.countySupervisionAfterWorkingDays).getTime(),
    addWorkingDays(ctx.calendar, due, p.chiefEscalationAfterWorkingDays).getTime(),
  ];
}

/** Opens (or restarts) the obligation of this kind on a unit. */
export function openObligation(
  state: IssueState,
  ctx: LifecycleContext,
  kind: ObligationKind,
  unit: string,
  due: number,
): void {
  closeObligation(state, kind);
  const ob: Obligation = { id: kind, kind, unit, startedAt: iso(ctx.now), due: iso(due), step: -1 };
  // Steps whose time has already passed when the obligation opens are not announced after the fact.
  if (ladderTimes(state, ctx, ob)[0] <= ctx.now) ob.step = 0;
  if (ruleOn(ctx, 'managedCalendar')) ob.provisional = countsBeyondData(state, ctx, ob);
  state.obligations.push(ob);
}

/** L9: whether the obligation's term or any of its ladder steps is counted in a year the calendar lacks. */
function countsBeyondData(state: IssueState, ctx: LifecycleContext, ob: Obligation): boolean {
  return isProvisional(
    ctx.calendar,
    Date.parse(ob.startedAt),
    Date.parse(ob.due),
    ...ladderTimes(state, ctx, ob),
  );
}

/**
 * L9: a new official calendar re-plans the open deadlines: a term of working days is counted again from its
 * start (the plan's own time limit stays as approved), and each is provisional only while it still counts days
 * beyond the data. Answers the obligations whose due date or provisional mark changed.
 */
export function replanObligations(
  state: IssueState,
  previous: OfficialCalendar,
  ctx: LifecycleContext,
): Array<{ kind: ObligationKind; due: string; previousDue: string; provisional: boolean }> {
  const changed: Array<{ kind: ObligationKind; due: string; previousDue: string; provisional: boolean }> = [];
  for (const ob of state.obligations) {
    const previousDue = ob.due;
    const wasProvisional = ob.provisional === true;
    if (ob.kind !== 'rectification') {
      const started = Date.parse(ob.startedAt);
      const term = workingDaysBetween(previous, started, Date.parse(ob.due));
      ob.due = iso(addWorkingDays(ctx.calendar, started, Math.max(0, term)).getTime());
    }
    ob.provisional = countsBeyondData(state, ctx, ob);
    if (ob.due !== previousDue || ob.provisional !== wasProvisional)
      changed.push({ kind: ob.kind, due: ob.due, previousDue, provisional: ob.provisional });
  }
  return changed;
}

export function closeObligation(state: IssueState, kind: ObligationKind): void {
  state.obligations = state.obligations.filter((ob) => ob.kind !== kind);
}

/** The end of a term of working days from now (L9). */
export function dueIn(ctx: LifecycleContext, workingDays: number): number {
  return addWorkingDays(ctx.calendar, ctx.now, workingDays).getTime();
}

/** L7: progress reports are due every few calendar days from now. */
export function nextProgressDue(state: IssueState, ctx: LifecycleContext): string {
  return iso(ctx.now + state.policy.progressIntervalDays * DAY_MS);
}

/**
 * Who hears of each ladder step: the responsible person, then the leaders, then the county. An issue placed in a
 * grid (G7) reaches that grid's 直接负责人 and the plan's 责任人 by member id; an issue without a grid (reported
 * before areas existed) reaches whom it always did, so recorded histories replay unchanged.
 */
export function ladderAudiences(state: IssueState, ob: Obligation, step: number): Audience[] {
  return [...ownLadderAudiences(state, ob, step), ...routedAudiences(state, ob, step)];
}

/**
 * L22: 县水务局 supervises (督办) the river-chief findings it dispatched: it hears of every escalation of them; 县林业局,
 * which cooperates on the forest-chief findings, hears when one goes overdue.
 */
function routedAudiences(state: IssueState, ob: Obligation, step: number): Audience[] {
  const routing = state.routing;
  if (!routing || ob.unit === routing.unit || step < 1) return [];
  if (routing.duty === 'cooperate' && step > 1) return [];
  return [{ role: 'unit_head', unit: routing.unit }];
}

function ownLadderAudiences(state: IssueState, ob: Obligation, step: number): Audience[] {
  const plan = state.plan && ob.kind === 'rectification' ? state.plan : null;
  switch (step) {
    case 0:
      return [
        {
          role: 'responsible_person',
          unit: ob.unit,
          ...(plan ? { name: plan.responsiblePerson } : {}),
          ...(plan?.responsibleMemberId ? { memberId: plan.responsibleMemberId } : {}),
          ...placeOf(state, ob.unit),
        },
      ];
    case 1:
      return [...gridLeaders(state, ob), { role: 'unit_head', unit: ob.unit }];
    case 2:
      return [{ role: 'deputy_chief' }, { role: 'eco_office', unit: state.organisation.ecoOffice }];
    default:
      return [{ role: 'chief' }];
  }
}

/** G7: where the unit's people are found: the issue's grid for its 属地, the unit's own grid at the point else. */
export function placeOf(state: IssueState, unit: string): Pick<Audience, 'grid' | 'at'> {
  const { grid, location } = state.report;
  if (!grid) return {};
  if (unit === state.territorialOwner) return { grid };
  return location ? { at: location } : {};
}

/** The 直接负责人 of the issue's grid, and of the obligated unit's own grid there when that is another unit. */
function gridLeaders(state: IssueState, ob: Obligation): Audience[] {
  const grid = state.report.grid;
  if (!grid) return [{ role: 'direct_leader', unit: ob.unit }];
  const own: Audience[] = [{ role: 'direct_leader', grid }];
  if (ob.unit === state.territorialOwner) return own;
  return [...own, { role: 'direct_leader', unit: ob.unit, ...placeOf(state, ob.unit) }];
}

/**
 * L9 under definition 2: a deadline whose escalations would run past the official calendar data is refused.
 * From definition 3 on nothing is refused for its date: days beyond the data count Monday–Friday, provisionally.
 */
export function checkCalendarCovers(
  state: IssueState,
  ctx: LifecycleContext,
  date: string,
  field: string,
  rule: string,
): Rejection | null {
  if (ruleOn(ctx, 'managedCalendar')) return null;
  const due = iso(endOfShanghaiDay(date));
  const times = ladderTimes(state, ctx, {
    id: 'check',
    kind: 'rectification',
    unit: '',
    startedAt: iso(ctx.now),
    due,
    step: -1,
  });
  const uncovered = firstUncoveredDate(ctx.calendar, ctx.now, Date.parse(due), ...times);
  if (uncovered === null) return null;
  const error = new CalendarRangeError(uncovered, ctx.calendar.firstYear, ctx.calendar.lastYear);
  return reject('invalid-data', 'beyond-official-calendar', error.message, { field, rule: `${rule},L9` });
}
