// The workflow bundle's entry: every workflow type the worker registers.
export { issueLifecycle } from './issue/issue.workflow';
export { jointInvestigation } from './issue/joint-investigation.workflow';
export { notificationDispatcher } from './notifications/notification-dispatcher.workflow';
export { monthlyDutyCompliance, weeklyPatrolCompliance } from './duties/compliance.workflow';
export { dutyReport } from './duties/duty-report.workflow';
export {
  annualReportRound,
  bulletinRound,
  monthlyReportRound,
  weeklyReportRound,
} from './duties/report-rounds.workflow';
export { housekeeping } from './housekeeping.workflow';
export { calendarBroadcast } from './calendar-broadcast.workflow';
export { annualWorkPlanCompliance } from './duties/work-plan.workflow';
export { violationClue } from './records/violation-clue.workflow';
export { assignedTask } from './tasks/assigned-task.workflow';
