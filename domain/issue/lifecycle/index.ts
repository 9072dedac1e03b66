// The issue lifecycle's rules, as the workflow and the API use them: one rule per action (`action-rules.ts`),
// the deadlines and their ladder (`obligations.ts`, `timers.ts`), the notices' words (`notice-texts.ts`).
export type { ActionOutcome, ActionRule, ActionRules, PartyNarrowing } from './action-rule';
export { ACTION_RULES } from './action-rules';
export { endOfShanghaiDay, ruleOn, shanghaiToday, type LifecycleContext } from './context';
export { isFinished, refreshDerived } from './derived';
export { allowedActions, applyAction, checkAction } from './dispatch';
export { beijingTime, unitName } from './notice-texts';
export { SYSTEM_ACTOR, type Audience, type EventDraft, type LedgerChange, type NoticeDraft } from './events';
export { ladderTimes } from './obligations';
export { archiveManifest } from './rules/sign-off.rules';
export { replanForCalendar } from './replan';
export { blankIssueState, reopenIssue, startIssue } from './start';
export { applyTimer, nextTimer, TIMER_SPREAD_MS, timerSpreadMs, type Timer } from './timers';
