import type { OfficialCalendar } from '../../calendar/working-days';
import type { ProcessDefinition, RuleSwitches } from '../../process/issue-process.definition';

/** Everything the rules need besides the state: the definition, the calendar and the workflow's clock. */
export interface LifecycleContext {
  definition: ProcessDefinition;
  calendar: OfficialCalendar;
  /** Workflow time, epoch ms. */
  now: number;
}

/** Whether the issue's own definition switched a changed rule on (v3 and later); older issues keep the old rule. */
export const ruleOn = (ctx: LifecycleContext, rule: keyof RuleSwitches): boolean =>
  ctx.definition.rules[rule] === true;

export const DAY_MS = 24 * 3600 * 1000;
const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;

export const iso = (ms: number) => new Date(ms).toISOString();

/** The end (23:59:59.999) of a calendar day in Asia/Shanghai, as epoch ms. */
export function endOfShanghaiDay(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d, 23, 59, 59, 999) - SHANGHAI_OFFSET_MS;
}

export function shanghaiToday(now: number): string {
  return new Date(now + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}
