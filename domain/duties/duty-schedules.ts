import { DEFAULT_DUTY_POLICY, type DutyPolicy } from './duty-policy';

/**
 * The clocks of the standing duties as Temporal Schedules, in Asia/Shanghai (SPEC P1–P6, P8). Pure data: the worker
 * creates or updates these schedules at start-up; each fires one workflow that knows its period from the time
 * it starts (or from `periodId`, when an operator starts one by hand for a given period).
 */

/** Argument every duty-cycle workflow takes. Without `periodId` it works on the period its start time implies. */
export interface DutyCycleInput {
  /** `2027-W02`, `2027-03` or `2027`, depending on the cycle. */
  periodId?: string;
}

export interface DutyScheduleDefinition {
  /** Schedule id, also the prefix of the workflow ids it starts. */
  id: string;
  /** The workflow type it starts (exported from `workflows/index.ts`). */
  workflowType:
    | 'weeklyPatrolCompliance'
    | 'monthlyDutyCompliance'
    | 'weeklyReportRound'
    | 'monthlyReportRound'
    | 'annualReportRound'
    | 'bulletinRound'
    | 'housekeeping';
  /** When it fires, on the Shanghai wall clock. */
  calendar: { dayOfWeek?: Weekday; month?: number; dayOfMonth?: number; hour: number; minute: number };
  rules: string[];
  /** What an operator sees in the Temporal UI. */
  note: string;
}

export const DUTY_TIME_ZONE = 'Asia/Shanghai';

/** Weekdays as Temporal's calendar spec names them, 1 = Monday … 7 = Sunday. */
export const WEEKDAYS = [
  'MONDAY',
  'TUESDAY',
  'WEDNESDAY',
  'THURSDAY',
  'FRIDAY',
  'SATURDAY',
  'SUNDAY',
] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** P8: the bulletin clock, on the policy's period: the day after the period's reports fall due, by default. */
export function bulletinSchedule(policy: DutyPolicy): DutyScheduleDefinition {
  const { hour, minute } = policy.bulletinDraftTime;
  const weekly = policy.bulletinPeriod === 'week';
  return {
    id: 'duty-bulletins',
    workflowType: 'bulletinRound',
    calendar: weekly
      ? { dayOfWeek: WEEKDAYS[policy.bulletinWeekday - 1], hour, minute }
      : { dayOfMonth: policy.bulletinDayOfMonth, hour, minute },
    rules: ['P8'],
    note: weekly
      ? '情况通报：汇总上周各单位报送和巡查、问题情况，起草通报，县环委办负责人审定后呈报县委、县政府、县生态环境保护委员会'
      : '情况通报：汇总上月各单位报送和巡查、问题情况，起草通报，县环委办负责人审定后呈报县委、县政府、县生态环境保护委员会',
  };
}

/** The duty clocks under a policy: the annual round fires on `annualDraftOn`, the bulletins on their period. */
export function dutySchedules(policy: DutyPolicy = DEFAULT_DUTY_POLICY): DutyScheduleDefinition[] {
  return [
    ...FIXED_DUTY_SCHEDULES,
    {
      id: 'duty-annual-reports',
      workflowType: 'annualReportRound',
      calendar: {
        month: policy.annualDraftOn.month,
        dayOfMonth: policy.annualDraftOn.day,
        hour: 0,
        minute: 15,
      },
      rules: ['P6'],
      note: '年度自评：各单位12月10日前，全县报告12月20日前（本年度）',
    },
    bulletinSchedule(policy),
  ];
}

const FIXED_DUTY_SCHEDULES: readonly DutyScheduleDefinition[] = [
  {
    id: 'duty-weekly-patrols',
    workflowType: 'weeklyPatrolCompliance',
    calendar: { dayOfWeek: 'MONDAY', hour: 0, minute: 1 },
    rules: ['P1', 'P2'],
    note: '每周巡查：本周未巡查的网格到期前提醒，周末后通知网格长（本周）',
  },
  {
    id: 'duty-monthly-coverage',
    workflowType: 'monthlyDutyCompliance',
    calendar: { dayOfMonth: 1, hour: 0, minute: 2 },
    rules: ['P1', 'P5'],
    note: '每月：重点点位不少于2次全覆盖、网格长每月至少一次会商（本月）',
  },
  {
    id: 'duty-weekly-reports',
    workflowType: 'weeklyReportRound',
    calendar: { dayOfWeek: 'MONDAY', hour: 0, minute: 5 },
    rules: ['P3'],
    note: '周报：起草上周巡查简报和问题台账，周三12:00前审定报送县环委办',
  },
  {
    id: 'duty-monthly-reports',
    workflowType: 'monthlyReportRound',
    calendar: { dayOfMonth: 1, hour: 0, minute: 10 },
    rules: ['P4'],
    note: '月报：双调度报告、总结提炼材料、风险预警问题清单（上月）',
  },
];

/** The duty clocks under the default policy. */
export const DUTY_SCHEDULES: readonly DutyScheduleDefinition[] = dutySchedules();

/** Not a duty: the daily clean-up of what is kept only for a while (never a record of the county's work). */
export const HOUSEKEEPING_SCHEDULE: DutyScheduleDefinition = {
  id: 'housekeeping-daily',
  workflowType: 'housekeeping',
  calendar: { hour: 3, minute: 30 },
  rules: [],
  note: '每日清理：删除过期的幂等键（IDEMPOTENCY_KEY_TTL_HOURS，默认72小时）；工作记录从不删除',
};

/** Every schedule a worker keeps in place, under a policy. */
export function allSchedules(policy: DutyPolicy = DEFAULT_DUTY_POLICY): DutyScheduleDefinition[] {
  return [...dutySchedules(policy), HOUSEKEEPING_SCHEDULE];
}

/** Every schedule a worker keeps in place under the default policy. */
export const SCHEDULES: readonly DutyScheduleDefinition[] = allSchedules();
