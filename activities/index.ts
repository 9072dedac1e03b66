import { createIssueActivities, type IssueActivityDeps } from './issue.activities';

export type ActivityDeps = IssueActivityDeps;

/** Every activity the worker registers, built once from the worker's dependencies. */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createIssueActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
