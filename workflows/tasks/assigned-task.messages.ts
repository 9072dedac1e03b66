import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { AssignedTaskState, DecideTaskArgs, ReportTaskArgs } from '../../domain/tasks/assigned-task';

/** The live state of one assigned task: status, deadline, ladder step, reports and decisions. */
export const assignedTaskStateQuery = defineQuery<AssignedTaskState>('assignedTaskState');

/** The assignee reports the task done (R4). */
export const reportTaskUpdate = defineUpdate<AssignedTaskState, [ReportTaskArgs]>('reportTask');

/** The assigner accepts the report: the task is done (R4). */
export const acceptTaskUpdate = defineUpdate<AssignedTaskState, [DecideTaskArgs]>('acceptTask');

/** The assigner sends the report back, perhaps with a new deadline (R4). */
export const sendBackTaskUpdate = defineUpdate<AssignedTaskState, [DecideTaskArgs]>('sendBackTask');

/** The failure type of a refused task action; its details carry the domain Rejection. */
export const TASK_REJECTED = 'AssignedTaskRejected';
