import { createCalendarActivities, type CalendarActivityDeps } from './calendar.activities';
import { createComplianceActivities } from './duties/compliance.activities';
import { createDutySettingsActivities } from './duties/duty-settings.activities';
import { createReportActivities, type ReportActivityDeps } from './duties/report.activities';
import { createWorkPlanActivities } from './duties/work-plan.activities';
import { createHousekeepingActivities, type HousekeepingActivityDeps } from './housekeeping.activities';
import { createIssueActivities, type IssueActivityDeps } from './issue.activities';
import {
  createNotificationActivities,
  type NotificationActivityDeps,
} from './notifications/notification.activities';
import { createClueActivities } from './records/violation-clue.activities';
import { createTaskActivities } from './tasks/assigned-task.activities';

export type ActivityDeps = IssueActivityDeps &
  NotificationActivityDeps &
  HousekeepingActivityDeps &
  CalendarActivityDeps &
  Pick<ReportActivityDeps, 'sealKey'>;

/** Every activity the worker registers, built once from the worker's dependencies. */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createIssueActivities(deps),
    ...createNotificationActivities(deps),
    ...createDutySettingsActivities(),
    ...createReportActivities(deps),
    ...createComplianceActivities(deps),
    ...createHousekeepingActivities(deps),
    ...createCalendarActivities(deps),
    ...createWorkPlanActivities(deps),
    ...createClueActivities(deps),
    ...createTaskActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
