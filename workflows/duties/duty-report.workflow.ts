import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  patched,
  proxyActivities,
  setCurrentDetails,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../../activities';
import type { ReportStepChange } from '../../activities/duties/report.activities';
import type { DutyNotice } from '../../domain/duties/duty-notices';
import type { Rejection } from '../../domain/common/rejection';
import {
  applyApproval,
  applyContent,
  chaseNotice,
  checkApprove,
  checkRevise,
  initialReportState,
  lateNotice,
  reminderNotice,
  reportClock,
  stepIsMoot,
  submittedNotices,
  withNarrative,
  type ApproveArgs,
  type DutyReportInput,
  type DutyReportState,
  type ReportClockStep,
  type ReviseArgs,
} from '../../domain/duties/reports/reports';
import {
  approveReportUpdate,
  dutyReportStateQuery,
  REPORT_REJECTED,
  reviseReportUpdate,
} from './report.messages';
import {
  dutyReportCurrentDetails,
  reportStepSummary,
} from '../../domain/duties/reports/report-operator-view';
import { REPORTS } from '../activity-options';
import { dutyReportSearchAttributes } from './report.search-attributes';

const { draftDutyReport, recordDutyReportStep } =
  proxyActivities<Pick<Activities, 'draftDutyReport' | 'recordDutyReportStep'>>(REPORTS);

function refused(rejection: Rejection): ApplicationFailure {
  return ApplicationFailure.create({
    type: REPORT_REJECTED,
    message: rejection.message,
    details: [rejection],
    nonRetryable: true,
  });
}

/**
 * One report of one unit for one period (SPEC P3, P4, P6, P8), id `duty-report/<kind>/<unit>/<period>`: drafted
 * from the records, revised by the unit, approved (sealed and submitted) by its head. Its clock reminds the unit
 * before the deadline, marks the report late at the deadline and chases it while it is missing. Completes once
 * submitted; a late approval is accepted and recorded as late.
 */
export async function dutyReport(input: DutyReportInput): Promise<DutyReportState> {
  const workflowId = workflowInfo().workflowId;
  const state = initialReportState(input, workflowId);
  const steps = reportClock(input);
  let unitName = input.unit;
  // Revisions and the approval take turns, so a seal always covers the revision it names.
  let busy = false;
  // Reports started before the search attributes existed replay without them.
  const indexed = patched('duty-report-search-attributes');
  // Reports started before the operators' view replay without timer summaries.
  const labelled = patched('duty-report-operator-view');
  // Not a command (the UI reads it through the metadata query): safe for every history.
  const describe = () => setCurrentDetails(dutyReportCurrentDetails(state, Date.now()));
  const index = () => {
    if (indexed) upsertSearchAttributes(dutyReportSearchAttributes(state));
    describe();
  };
  // P4: the risk list is approved by the principal head alone; reports started before keep their deputies' right.
  const rules = { principalRiskList: patched('risk-warning-principal-approval') };

  const record = (
    key: string,
    type: string,
    actor: string | null,
    payload: Record<string, unknown>,
    change: ReportStepChange,
    notices: DutyNotice[] = [],
  ) =>
    recordDutyReportStep({
      report: {
        id: state.reportId,
        kind: state.kind,
        unit: state.unit,
        period: state.period,
        dueAt: state.dueAt,
        workflowId,
      },
      // Keys from the workflow id and the step: a retried or replayed step writes nothing twice.
      event: { id: `${workflowId}#${key}`, type, actor, at: new Date().toISOString(), payload },
      change,
      notices,
    });

  const draft = () =>
    draftDutyReport({
      kind: input.kind,
      unit: input.unit,
      period: input.period,
      asOf: new Date().toISOString(),
      ecoOffice: input.ecoOffice,
    });

  async function exclusive(work: () => Promise<DutyReportState>): Promise<DutyReportState> {
    await condition(() => !busy && state.status !== 'drafting');
    busy = true;
    try {
      return await work();
    } finally {
      busy = false;
    }
  }

  setHandler(dutyReportStateQuery, () => state);
  setHandler(
    reviseReportUpdate,
    (args: ReviseArgs) =>
      exclusive(async () => {
        const rejection = checkRevise(state, args);
        if (rejection) throw refused(rejection);
        const current = state.content!;
        // A redraft takes the records as they are now and keeps what the unit has written.
        const drafted = args.redraft ? withNarrative(await draft(), current.narrative) : current;
        const content = withNarrative(drafted, args.narrative ?? {});
        applyContent(state, content);
        await record(
          `revised-${state.revision}`,
          'revised',
          args.actor.id,
          {
            actorName: args.actor.name,
            revision: state.revision,
            contentHash: state.contentHash,
            parts: Object.keys(args.narrative ?? {}),
            redraft: args.redraft === true,
          },
          { type: 'content', content, contentHash: state.contentHash!, revision: state.revision },
        );
        return state;
      }),
    {
      validator: (args: ReviseArgs) => {
        const rejection = checkRevise(state, args);
        if (rejection) throw refused(rejection);
      },
    },
  );
  setHandler(
    approveReportUpdate,
    (args: ApproveArgs) =>
      exclusive(async () => {
        const rejection = checkApprove(state, args, rules);
        if (rejection) throw refused(rejection);
        const approval = applyApproval(state, args.actor, Date.now());
        await record(
          'approved',
          'approved',
          args.actor.id,
          {
            approverName: approval.approverName,
            approverTitle: approval.approverTitle,
            revision: approval.revision,
            contentHash: approval.contentHash,
            sealHash: approval.sealHash,
            dueAt: state.dueAt,
            onTime: state.onTime,
          },
          {
            type: 'approved',
            content: state.content!,
            contentHash: approval.contentHash,
            revision: approval.revision,
            approval,
            onTime: state.onTime!,
          },
          submittedNotices(state, unitName, input.ecoOffice),
        );
        index();
        return state;
      }),
    {
      validator: (args: ApproveArgs) => {
        const rejection = checkApprove(state, args, rules);
        if (rejection) throw refused(rejection);
      },
    },
  );

  const content = await draft();
  unitName = content.unit.name;
  applyContent(state, content);
  await record(
    'drafted',
    'drafted',
    null,
    { revision: state.revision, contentHash: state.contentHash, dueAt: state.dueAt },
    { type: 'content', content, contentHash: state.contentHash!, revision: state.revision },
  );
  state.status = 'draft';
  index();

  const runStep = async (step: ReportClockStep): Promise<void> => {
    switch (step.kind) {
      case 'reminder':
        state.remindersSent += 1;
        await record(
          `reminder-${step.n}`,
          'reminded',
          null,
          { n: step.n, dueAt: state.dueAt },
          { type: 'none' },
          [reminderNotice(state, unitName, step.n)],
        );
        return;
      case 'late': {
        const at = new Date().toISOString();
        state.lateMarkedAt = at;
        await record('late', 'late_marked', null, { dueAt: state.dueAt }, { type: 'late', at }, [
          lateNotice(state, unitName, input.ecoOffice),
        ]);
        index();
        return;
      }
      case 'chase':
        state.chased = step.n;
        await record(
          `chase-${step.n}`,
          'chased',
          null,
          { n: step.n, dueAt: state.dueAt },
          {
            type: 'chased',
            chased: step.n,
          },
          [chaseNotice(state, unitName, input.ecoOffice, step.n)],
        );
        return;
    }
  };

  // The approval arrives through the update handler, between any two awaits of this loop.
  const submitted = () => state.status === 'submitted';
  for (const step of steps) {
    if (submitted()) break;
    state.next = { kind: step.kind, at: new Date(step.at).toISOString() };
    const wait = step.at - Date.now();
    describe();
    if (wait > 0) await condition(submitted, wait, labelled ? { summary: reportStepSummary(step) } : {});
    if (submitted()) break;
    if (!stepIsMoot(step, steps, Date.now())) await runStep(step);
  }
  if (!submitted()) state.next = null;
  describe();
  await condition(submitted);
  await condition(allHandlersFinished);
  return state;
}
