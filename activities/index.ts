import { createDutySettingsActivities } from './duties/duty-settings.activities';
import { createIssueActivities, type IssueActivityDeps } from './issue.activities';
import {
  createNotificationActivities,
  type NotificationActivityDeps,
} from './notifications/notification.activities';

export type ActivityDeps = IssueActivityDeps & NotificationActivityDeps;

/** Every activity the worker registers, built once from the worker's dependencies. */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createIssueActivities(deps),
    ...createNotificationActivities(deps),
    ...createDutySettingsActivities(),
  };
}

export type Activities = ReturnType<typeof createActivities>;
