import { fnv1a } from '../../common/hash';
import { ESCALATION_STEPS, type ObligationKind } from '../../process/issue-process.definition';
import type { IssueState, Obligation } from '../issue.types';
import type { LifecycleContext } from './context';
import { refreshDerived } from './derived';
import { event, notice, SYSTEM_ACTOR, type Audience, type EventDraft } from './events';
import { ladderText, progressReminderText } from './notice-texts';
import { ladderAudiences, ladderTimes, nextProgressDue, placeOf } from './obligations';
import { finishPublicNotice } from './rules/public-notice.rules';

export type Timer =
  | { at: number; kind: 'ladder'; obligation: ObligationKind; step: number }
  | { at: number; kind: 'progress_reminder' }
  | { at: number; kind: 'public_notice_end' };

/** The longest a timer waits past its time in runs that spread them (`timerSpreadMs`): one hour. */
export const TIMER_SPREAD_MS = 3_600_000;

/**
 * How long after its time each of an issue's timers fires, in runs started at `runVersion` 2 or above: a fixed second
 * of the hour after, by the issue's code (FNV-1a). Ladder steps all fall at a Beijing midnight (the end of a working
 * day); spread this way, a county's or a province's night of escalations comes at a steady rate over the first hour
 * instead of all in one millisecond. Nothing is spread on a calendar of minutes (tests and benchmarks), whose
 * "working days" are already a minute apart.
 */
export function timerSpreadMs(code: string, calendar: { workingDayMs?: number }): number {
  if (calendar.workingDayMs !== undefined) return 0;
  return (fnv1a(code) % (TIMER_SPREAD_MS / 1000)) * 1000;
}

/** The next timer the workflow must sleep until, or null when nothing is pending. */
export function nextTimer(state: IssueState, ctx: LifecycleContext): Timer | null {
  const timers: Timer[] = [];
  for (const ob of state.obligations) {
    if (ob.step >= 3) continue;
    timers.push({
      at: ladderTimes(state, ctx, ob)[ob.step + 1],
      kind: 'ladder',
      obligation: ob.kind,
      step: ob.step + 1,
    });
  }
  if (state.status === 'rectifying' && state.progressDueAt)
    timers.push({ at: Date.parse(state.progressDueAt), kind: 'progress_reminder' });
  const pn = state.closure.publicNotice;
  if (state.status === 'public_notice' && pn && !pn.completed && ctx.now < Date.parse(pn.endsAt) + 1) {
    timers.push({ at: Date.parse(pn.endsAt) + 1, kind: 'public_notice_end' });
  }
  timers.sort((a, b) => a.at - b.at);
  return timers[0] ?? null;
}

/** What a fired timer does: a ladder step (L10), a progress reminder (L7), or the end of public notice (L14). */
export function applyTimer(state: IssueState, timer: Timer, ctx: LifecycleContext): EventDraft[] {
  let events: EventDraft[];
  if (timer.kind === 'ladder') {
    const ob = state.obligations.find((o) => o.kind === timer.obligation);
    // An obligation met, or a step already taken, since the timer was planned: nothing happens.
    if (!ob || ob.step >= timer.step) return [];
    events = [climbLadder(state, ob, timer.step)];
  } else if (timer.kind === 'progress_reminder') {
    events = [remindProgress(state, ctx)];
  } else {
    events = endPublicNotice(state);
  }
  refreshDerived(state);
  return events;
}

/** L10: the obligation reaches the next step; from county supervision on, the issue is under 县级督办. */
function climbLadder(state: IssueState, ob: Obligation, step: number): EventDraft {
  ob.step = step;
  const { id } = ESCALATION_STEPS[step];
  if (step >= 2) state.countySupervision = true;
  const e = event(SYSTEM_ACTOR, step === 0 ? 'deadline_reminder' : 'escalated', {
    obligation: ob.kind,
    unit: ob.unit,
    due: ob.due,
    step: id,
    level: step,
    rule: 'L10',
  });
  e.notices.push(notice(`ladder_${id}`, ladderAudiences(state, ob, step), ladderText(state, ob, step)));
  return e;
}

/** L7: no progress report in the interval; the responsible person is reminded, and the next one is due. */
function remindProgress(state: IssueState, ctx: LifecycleContext): EventDraft {
  state.progressDueAt = nextProgressDue(state, ctx);
  const e = event(SYSTEM_ACTOR, 'progress_reminder', { rule: 'L7', lastProgressAt: state.lastProgressAt });
  const responsible: Audience = {
    role: 'responsible_person',
    unit: state.owner ?? state.sectorOwner,
    ...(state.plan ? { name: state.plan.responsiblePerson } : {}),
    ...(state.plan?.responsibleMemberId ? { memberId: state.plan.responsibleMemberId } : {}),
    ...placeOf(state, state.owner ?? state.sectorOwner),
  };
  e.notices.push(notice('progress_reminder', [responsible], progressReminderText(state)));
  return e;
}

/** L14: the period is over; with objections still open, the last resolution finishes the notice instead. */
function endPublicNotice(state: IssueState): EventDraft[] {
  const pn = state.closure.publicNotice;
  return pn && !pn.completed && pn.objections.every((o) => o.resolution) ? finishPublicNotice(state) : [];
}
