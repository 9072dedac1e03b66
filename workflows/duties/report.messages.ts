import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { ApproveArgs, DutyReportState, ReviseArgs } from '../../domain/duties/reports/reports';

/** The live state of one report: status, revision, content, seal, and the next step of its clock. */
export const dutyReportStateQuery = defineQuery<DutyReportState>('dutyReportState');

/** A member of the unit rewrites narrative parts or redrafts from the records; revision + 1. */
export const reviseReportUpdate = defineUpdate<DutyReportState, [ReviseArgs]>('reviseReport');

/** The unit's head approves: the digital seal, and the submission to 县环委办. */
export const approveReportUpdate = defineUpdate<DutyReportState, [ApproveArgs]>('approveReport');

/** The failure type of a refused revision or approval; its details carry the domain Rejection. */
export const REPORT_REJECTED = 'DutyReportRejected';
