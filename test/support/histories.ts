import fs from 'node:fs';
import path from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import { historyFromJSON, historyToJSON } from '@temporalio/common/lib/proto-utils';
import type { temporal } from '@temporalio/proto';
import type { AppendIssueEventsInput } from '../../activities/issue.activities';

export const HISTORIES_DIR = path.resolve(__dirname, '..', 'fixtures', 'histories');

/** Saves a workflow's history as a replay fixture: `<name>.json`. */
export async function saveHistory(name: string, handle: WorkflowHandle): Promise<string> {
  const history = await handle.fetchHistory();
  fs.mkdirSync(HISTORIES_DIR, { recursive: true });
  const file = path.join(HISTORIES_DIR, `${name}.json`);
  fs.writeFileSync(file, `${historyToJSON(history)}\n`);
  // The workflow id beside it: replay runs the workflow under the id it ran with.
  fs.writeFileSync(path.join(HISTORIES_DIR, `${name}.workflow-id`), `${handle.workflowId}\n`);
  return file;
}

/** Saves the history when `RECORD_HISTORIES` is set (`npm run record-histories`); otherwise does nothing. */
export async function recordHistoryIfAsked(name: string, handle: WorkflowHandle): Promise<void> {
  if (process.env.RECORD_HISTORIES) await saveHistory(name, handle);
}

function workflowIdOf(file: string): string {
  const sidecar = path.join(HISTORIES_DIR, `${path.basename(file, '.json')}.workflow-id`);
  if (fs.existsSync(sidecar)) return fs.readFileSync(sidecar, 'utf8').trim();
  return /issue-\d{4}-\d{6}/.exec(file)?.[0] ?? path.basename(file, '.json');
}

/** Every recorded history; the workflow id is the one in the fixture's name (ids shape child workflow ids). */
export function loadHistories(): Array<{
  name: string;
  workflowId: string;
  history: temporal.api.history.v1.IHistory;
}> {
  return fs
    .readdirSync(HISTORIES_DIR)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => ({
      name: path.basename(file, '.json'),
      workflowId: workflowIdOf(file),
      history: historyFromJSON(JSON.parse(fs.readFileSync(path.join(HISTORIES_DIR, file), 'utf8'))),
    }));
}

/** One ledger write (`appendIssueEvents`) as a history records it: an activity's events, or a local activity's marker. */
export interface LedgerWriteRecord {
  local: boolean;
  /** The attempt that ended it (1 when it was not retried). */
  attempt: number;
  summary?: string;
  /** Its input: an activity's history holds it; a local activity's marker does not. */
  input?: AppendIssueEventsInput;
  /** Its answer when it succeeded: what it wrote, as `seq:type`. */
  result?: { written: number; events?: string[] };
  failure?: temporal.api.failure.v1.IFailure;
}

/** The marker the SDK records for each local activity, with its attempt and answer (or failure). */
export const LOCAL_ACTIVITY_MARKER = 'core_local_activity';

const payloadValue = <T>(payload: temporal.api.common.v1.IPayload | null | undefined): T | undefined =>
  payload ? defaultPayloadConverter.fromPayload<T>(payload) : undefined;

/** The ledger writes of an issue's history, in the order they were scheduled, in either form. */
export function ledgerWritesIn(history: temporal.api.history.v1.IHistory): LedgerWriteRecord[] {
  const writes: LedgerWriteRecord[] = [];
  const scheduled = new Map<string, LedgerWriteRecord>();
  for (const event of history.events ?? []) {
    const summary = payloadValue<string>(event.userMetadata?.summary);
    const activity = event.activityTaskScheduledEventAttributes;
    if (activity?.activityType?.name === 'appendIssueEvents') {
      const write: LedgerWriteRecord = {
        local: false,
        attempt: 1,
        ...(summary ? { summary } : {}),
        input: payloadValue<AppendIssueEventsInput>(activity.input?.payloads?.[0]),
      };
      scheduled.set(String(event.eventId), write);
      writes.push(write);
      continue;
    }
    const started = event.activityTaskStartedEventAttributes;
    if (started) {
      const write = scheduled.get(String(started.scheduledEventId));
      if (write) write.attempt = started.attempt ?? 1;
    }
    const completed = event.activityTaskCompletedEventAttributes;
    if (completed) {
      const write = scheduled.get(String(completed.scheduledEventId));
      if (write) write.result = payloadValue(completed.result?.payloads?.[0]);
    }
    const failed = event.activityTaskFailedEventAttributes;
    if (failed) {
      const write = scheduled.get(String(failed.scheduledEventId));
      if (write && failed.failure) write.failure = failed.failure;
    }
    const marker = event.markerRecordedEventAttributes;
    if (marker?.markerName === LOCAL_ACTIVITY_MARKER) {
      const data = payloadValue<{ activity_type?: string; attempt?: number }>(
        marker.details?.data?.payloads?.[0],
      );
      if (data?.activity_type !== 'appendIssueEvents') continue;
      writes.push({
        local: true,
        attempt: data.attempt ?? 1,
        ...(summary ? { summary } : {}),
        ...(marker.details?.result?.payloads?.[0]
          ? { result: payloadValue(marker.details.result.payloads[0]) }
          : {}),
        ...(marker.failure ? { failure: marker.failure } : {}),
      });
    }
  }
  return writes;
}
