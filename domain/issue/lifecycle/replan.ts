import type { OfficialCalendar } from '../../calendar/working-days';
import type { IssueState } from '../issue.types';
import { ruleOn, type LifecycleContext } from './context';
import { refreshDerived } from './derived';
import { event, notice, SYSTEM_ACTOR, type EventDraft } from './events';
import { deadlinesReplannedText } from './notice-texts';
import { replanObligations } from './obligations';

/**
 * L9 (definition 3 on): a new official calendar reached the issue. Its open deadlines are counted again on it, and
 * an event records every deadline that moved or stopped being provisional, telling the units whose deadline moved.
 * Nothing for issues under definition 2, whose deadlines keep their dates.
 */
export function replanForCalendar(
  state: IssueState,
  previous: OfficialCalendar,
  ctx: LifecycleContext,
): EventDraft[] {
  if (!ruleOn(ctx, 'managedCalendar')) return [];
  const changes = replanObligations(state, previous, ctx);
  refreshDerived(state);
  if (changes.length === 0) return [];
  const replanned = event(SYSTEM_ACTOR, 'deadlines_replanned', {
    changes,
    calendar: { firstYear: ctx.calendar.firstYear, lastYear: ctx.calendar.lastYear },
    rule: 'L9',
  });
  const moved = changes.filter((change) => change.due !== change.previousDue);
  const units = [
    ...new Set(moved.map((change) => state.obligations.find((o) => o.kind === change.kind)!.unit)),
  ];
  if (units.length > 0) {
    const audiences = units.map((unit) => ({ role: 'unit_head' as const, unit }));
    replanned.notices.push(notice('deadlines_replanned', audiences, deadlinesReplannedText(state, moved)));
  }
  return [replanned];
}
