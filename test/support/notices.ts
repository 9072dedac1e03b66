import type { DataSource } from 'typeorm';
import { createActivities } from '../../activities';
import type { NumberedEvent } from '../../activities/issue.activities';
import { blankIssueState, type Audience } from '../../domain/issue/lifecycle';
import { ISSUE_PROCESS } from '../../domain/process/issue-process.definition';
import { lifecycleInput } from './lifecycle-fixtures';

export interface NoticeSpec {
  kind: string;
  type?: string;
  audiences: Audience[];
  subject: string;
  body: string;
  payload?: Record<string, unknown>;
}

/**
 * Puts notices in the outbox exactly as the issue workflow does: through the real `appendIssueEvents` activity,
 * one event per notice, on a fresh issue (SPEC timers run in working days; a test cannot wait for one).
 */
export async function enqueueNotices(
  dataSource: DataSource,
  code: string,
  specs: NoticeSpec[],
): Promise<Array<{ id: string; member_id: string | null; status: string; kind: string }>> {
  const input = lifecycleInput(code, { reportedAt: new Date().toISOString() });
  const state = blankIssueState(input, ISSUE_PROCESS.policy);
  const at = new Date().toISOString();
  const events: NumberedEvent[] = specs.map((spec, i) => ({
    id: `issue-${code}#${i + 1}`,
    issueCode: code,
    seq: i + 1,
    at,
    type: spec.type ?? 'escalated',
    actor: '系统',
    actorUnit: 'SYSTEM',
    payload: spec.payload ?? {},
    ledger: [],
    notices: [{ kind: spec.kind, audiences: spec.audiences, subject: spec.subject, body: spec.body }],
  }));
  await createActivities({ dataSource }).appendIssueEvents({ state, events });
  return dataSource.query(
    `SELECT id, member_id, status, kind FROM notification_outbox WHERE issue_code = $1 ORDER BY event_id, id`,
    [code],
  );
}
