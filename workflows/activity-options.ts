import type { ActivityOptions, LocalActivityOptions, RetryPolicy } from '@temporalio/common';

/**
 * The activities' time limits and retry policies, one named policy per kind of work, for every workflow. Changing
 * them changes no recorded history (only activity names and order do), so they may be tuned freely.
 */

/** Retry without a limit, backing off to once a minute: for records that must eventually land. */
const UNTIL_DONE: RetryPolicy = {
  initialInterval: '1 second',
  backoffCoefficient: 2,
  maximumInterval: '1 minute',
};

/** Ledger and read-model writes of an issue: one short transaction each, retried until they land. */
export const LEDGER_WRITES: ActivityOptions = { startToCloseTimeout: '30 seconds', retry: UNTIL_DONE };

/**
 * The same writes run as local activities (runs from version 3 on): in the worker that runs the workflow task, inside
 * that task, recorded as one marker with their answer instead of six events and an activity task's round trip through
 * the server. They are short and idempotent (event ids), so a task retried after a crash just writes nothing twice.
 * Backoffs beyond a minute wait on a timer in the history, like an activity's retry.
 */
export const LOCAL_LEDGER_WRITES: LocalActivityOptions = {
  startToCloseTimeout: '30 seconds',
  retry: UNTIL_DONE,
  localRetryThreshold: '1 minute',
};

/** Reading the duty policy: quick, and a clock that cannot read it should fail visibly rather than wait. */
export const SETTINGS_READS: ActivityOptions = {
  startToCloseTimeout: '30 seconds',
  retry: { maximumAttempts: 5 },
};

/** A compliance clock's evaluation of a period: findings and notices must land, so retried until they do. */
export const COMPLIANCE_RUNS: ActivityOptions = { startToCloseTimeout: '2 minutes', retry: UNTIL_DONE };

/** Reports: drafting from the records, recording a step, looking up the reporting units; retried until done. */
export const REPORTS: ActivityOptions = { startToCloseTimeout: '1 minute', retry: UNTIL_DONE };

/** A dispatcher batch of sends with their own limits; the heartbeat notices a killed worker much sooner. */
export const NOTIFICATIONS: ActivityOptions = {
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '10 seconds',
  retry: UNTIL_DONE,
};

/** The daily clean-up: long batches with heartbeats, retried patiently (nothing waits for it). */
export const HOUSEKEEPING: ActivityOptions = {
  startToCloseTimeout: '30 minutes',
  heartbeatTimeout: '2 minutes',
  retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
};

/** L9: signalling a new calendar to every running issue, page by page with heartbeats; resumed until done. */
export const CALENDAR_BROADCAST: ActivityOptions = {
  startToCloseTimeout: '1 hour',
  heartbeatTimeout: '1 minute',
  retry: UNTIL_DONE,
};
