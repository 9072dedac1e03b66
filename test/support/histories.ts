import fs from 'node:fs';
import path from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { historyFromJSON, historyToJSON } from '@temporalio/common/lib/proto-utils';
import type { temporal } from '@temporalio/proto';

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
