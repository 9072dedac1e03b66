import { addWorkingDays, CalendarRangeError, workingDaysBefore } from '../../calendar/working-days';
import type { ObligationKind } from '../../process/issue-process.definition';
import type { IssueState, Obligation } from '../issue.types';
import { DAY_MS, endOfShanghaiDay, iso, type LifecycleContext } from './context';
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
  state.obligations.push(ob);
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

/** Who hears of each ladder step: the responsible person, then the unit's leaders, then the county. */
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
  switch (step) {
    case 0:
      return [
        {
          role: 'responsible_person',
          unit: ob.unit,
          ...(state.plan && ob.kind === 'rectification' ? { name: state.plan.responsiblePerson } : {}),
        },
      ];
    case 1:
      return [
        { role: 'direct_leader', unit: ob.unit },
        { role: 'unit_head', unit: ob.unit },
      ];
    case 2:
      return [{ role: 'deputy_chief' }, { role: 'eco_office', unit: state.organisation.ecoOffice }];
    default:
      return [{ role: 'chief' }];
  }
}

/** L9: a deadline whose escalations would run past the official calendar data is refused, not crashed on. */
export function checkCalendarCovers(
  state: IssueState,
  ctx: LifecycleContext,
  date: string,
  field: string,
  rule: string,
): Rejection | null {
  try {
    const due = iso(endOfShanghaiDay(date));
    ladderTimes(state, ctx, {
      id: 'check',
      kind: 'rectification',
      unit: '',
      startedAt: iso(ctx.now),
      due,
      step: -1,
    });
    return null;
  } catch (error) {
    if (!(error instanceof CalendarRangeError)) throw error;
    return reject('invalid-data', 'beyond-official-calendar', error.message, { field, rule: `${rule},L9` });
  }
}
