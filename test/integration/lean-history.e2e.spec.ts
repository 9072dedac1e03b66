import { temporal } from '@temporalio/proto';
import { IssueActionsController } from '../../api/issues/issue-actions.controller';
import { startHarness, type Harness } from '../support/harness';
import { recordHistoryIfAsked } from '../support/histories';
import { describeFigures, historyFigures, type HistoryFigures } from '../support/history-size';
import { IssueApi } from '../support/http-lifecycle';
import { takeAction } from '../support/take-action';
import { issueStateQuery, stateFromResult, type ActionResult } from '../../workflows/issue/issue.messages';
import { actors } from '../support/lifecycle-fixtures';

const EventType = temporal.api.enums.v1.EventType;

/** How many issues to drive (`LEAN_HISTORY_ISSUES`, default 3): the figures are printed, never asserted. */
const ISSUES = Number(process.env.LEAN_HISTORY_ISSUES ?? 3);

const decoded = (payloads: temporal.api.common.v1.IPayloads | null | undefined): unknown[] =>
  (payloads?.payloads ?? []).map((p) => JSON.parse(Buffer.from(p.data ?? []).toString('utf8')) as unknown);

/** Whether a value holds a whole issue state anywhere inside (its report and its ledger count side by side). */
function holdsIssueState(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return false;
  const record = value as Record<string, unknown>;
  if ('report' in record && 'eventCount' in record && 'status' in record) return true;
  return Object.values(record).some(holdsIssueState);
}

/**
 * The history one issue costs Temporal (issue #15): report, immediate fix, its confirmation and the two sign-offs,
 * through the HTTP API; prints its events and bytes, and holds the lean history's shape.
 */
describe(`${IssueActionsController.name} history size`, () => {
  let h: Harness;
  let api: IssueApi;
  beforeAll(async () => {
    h = await startHarness('it-lean-history');
    api = new IssueApi(h);
  });
  afterAll(async () => {
    await h?.stop();
  });

  let recorded = false;
  async function closeOne(): Promise<{ code: string; history: temporal.api.history.v1.IHistory }> {
    const code = await api.report(actors.uleMember);
    // The API answers the state it built from the Update's change: the workflow's own, to the byte.
    expect(await api.ok(actors.uleMember, code, 'recordImmediateFix')).toEqual(await api.state(code));
    expect(await api.ok(actors.uleLeader, code, 'confirmFix')).toEqual(await api.state(code));
    expect(await api.ok(actors.township, code, 'signOff')).toEqual(await api.state(code));
    const last = await api.ok(actors.uleHead, code, 'signOff');
    expect(last.status).toBe('archived');
    const handle = h.client.workflow.getHandle(`issue-${code}`);
    await handle.result();
    // `npm run record-histories` keeps the first as the replay fixture of the lean histories' commands.
    if (!recorded)
      recorded = await recordHistoryIfAsked('lean-L4-immediate-fix-signed-off', handle).then(() => true);
    return { code, history: await handle.fetchHistory() };
  }

  it('report → immediate fix → confirmation → two sign-offs: events and bytes printed, no state shipped around', async () => {
    const closed: Array<{
      code: string;
      history: temporal.api.history.v1.IHistory;
      figures: HistoryFigures;
    }> = [];
    for (let i = 0; i < ISSUES; i++) {
      const { code, history } = await closeOne();
      closed.push({ code, history, figures: historyFigures(history) });
    }
    for (const { code, figures } of closed) console.log(describeFigures(`issue ${code}`, figures));
    // `LEAN_HISTORY_EVENTS=1` lists the first issue's events, to see where they go.
    if (process.env.LEAN_HISTORY_EVENTS && closed[0])
      console.log(
        (closed[0].history.events ?? [])
          .map((e) => {
            const name = EventType[e.eventType ?? 0]?.replace('EVENT_TYPE_', '') ?? '?';
            const fields = Object.keys(
              e.upsertWorkflowSearchAttributesEventAttributes?.searchAttributes?.indexedFields ?? {},
            )
              .concat(Object.keys(e.workflowPropertiesModifiedEventAttributes?.upsertedMemo?.fields ?? {}))
              .concat(e.markerRecordedEventAttributes?.markerName ?? [])
              .concat(e.activityTaskScheduledEventAttributes?.activityType?.name ?? []);
            const size = temporal.api.history.v1.HistoryEvent.encode(e).finish().length;
            return `${e.eventId?.toString()} ${name} ${size} B ${fields.join(',')}`;
          })
          .join('\n'),
      );
    const range = (pick: (f: HistoryFigures) => number) =>
      `${Math.min(...closed.map((c) => pick(c.figures)))}–${Math.max(...closed.map((c) => pick(c.figures)))}`;
    console.log(
      `history of one issue over ${closed.length} issues: ${range((f) => f.events)} events, ` +
        `${range((f) => Math.round(f.bytes / 1024))} KB`,
    );

    for (const { history, figures } of closed) {
      const events = history.events ?? [];
      const scheduled = events.filter((e) => e.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED);
      // A run's first ledger write carries the whole state (the read model starts from it); the others its change.
      for (const event of scheduled.slice(1))
        expect(decoded(event.activityTaskScheduledEventAttributes?.input).some(holdsIssueState)).toBe(false);
      // Updates answer the change they made: the API holds the rest.
      for (const event of events)
        if (event.eventType === EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED)
          expect(
            decoded(event.workflowExecutionUpdateCompletedEventAttributes?.outcome?.success).some(
              holdsIssueState,
            ),
          ).toBe(false);
      // One visibility change per transition at most: four actions, one record of attributes and one of memo each.
      expect(figures.visibilityEvents).toBeLessThanOrEqual(2 * 4);
    }
  });

  it('the state an action answers: its change applied here, against a workflow query or the read model (timed, printed)', async () => {
    const code = await api.report(actors.uleMember);
    const handle = h.client.workflow.getHandle(`issue-${code}`);
    const found = await api.state(code);
    const updateId = `lean-read-${code}`;
    const result = await takeAction(
      handle,
      'recordImmediateFix',
      { actor: actors.uleMember, data: { description: '现场清运', evidence: ['fix.jpg'] } },
      updateId,
    );
    const outcome = await handle.getUpdateHandle<ActionResult>(updateId).result();
    const rounds = Number(process.env.LEAN_HISTORY_READS ?? 30);
    const timed = async (read: () => Promise<unknown>): Promise<string> => {
      const took: number[] = [];
      for (let i = 0; i < rounds; i++) {
        const started = process.hrtime.bigint();
        await read();
        took.push(Number(process.hrtime.bigint() - started) / 1e6);
      }
      took.sort((a, b) => a - b);
      const at = (q: number) =>
        (took[Math.min(took.length - 1, Math.floor(q * took.length))] ?? NaN).toFixed(2);
      return `p50 ${at(0.5)} ms, p99 ${at(0.99)} ms`;
    };
    const fromChange = await timed(() => Promise.resolve(stateFromResult(outcome, found)));
    const fromQuery = await timed(() => handle.query(issueStateQuery));
    const fromReadModel = await timed(() =>
      h.dataSource.query(`SELECT state FROM issues WHERE code = $1`, [code]),
    );
    console.log(
      `the state after an action, ${rounds} reads each (shared machine): its change applied ${fromChange}; ` +
        `a workflow query ${fromQuery}; the read model ${fromReadModel}`,
    );
    expect(stateFromResult(outcome, found)).toEqual(result);
    expect(result.status).toBe('fix_confirmation');
  });
});
