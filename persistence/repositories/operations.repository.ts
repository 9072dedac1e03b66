import type { Db } from './db';

/** What the operators' gauges show, read from the read model and the outbox in one round trip. */
export interface OperationsSnapshot {
  /** Outbox rows by status (`pending`, `unresolved`, `failed`; delivered ones are not counted). */
  outbox: { pending: number; unresolved: number; failed: number };
  /** Pending notices whose time to be sent has come. */
  outboxDue: number;
  /** Seconds since the oldest due notice became due; 0 when none is due. */
  oldestDueAgeSeconds: number;
  /** Open issues (not closed or archived) past a deadline. */
  overdueIssues: number;
  /** Open issues by the highest ladder step reached (L10): 1 overdue, 2 county supervision, 3 总网格长. */
  escalatedIssues: { 1: number; 2: number; 3: number };
}

/** The numbers behind the worker's gauges and the alerts on them (deploy/monitoring). */
export class OperationsRepository {
  constructor(private readonly db: Db) {}

  async snapshot(): Promise<OperationsSnapshot> {
    const [row]: Array<Record<string, string | number | null>> = await this.db.query(
      `SELECT
         (SELECT count(*) FROM notification_outbox WHERE status = 'pending') AS pending,
         (SELECT count(*) FROM notification_outbox WHERE status = 'unresolved') AS unresolved,
         (SELECT count(*) FROM notification_outbox WHERE status = 'failed') AS failed,
         due.count AS due,
         coalesce(extract(epoch FROM now() - due.oldest), 0) AS oldest_due_age,
         (SELECT count(*) FROM issues WHERE overdue AND status NOT IN ('closed', 'archived')) AS overdue,
         (SELECT count(*) FROM issues WHERE escalation_level = 1 AND status NOT IN ('closed', 'archived')) AS level1,
         (SELECT count(*) FROM issues WHERE escalation_level = 2 AND status NOT IN ('closed', 'archived')) AS level2,
         (SELECT count(*) FROM issues WHERE escalation_level >= 3 AND status NOT IN ('closed', 'archived')) AS level3
       FROM (SELECT count(*) AS count, min(coalesce(next_attempt_at, created_at)) AS oldest
             FROM notification_outbox
             WHERE status = 'pending' AND (next_attempt_at IS NULL OR next_attempt_at <= now())) AS due`,
    );
    const n = (key: string) => Number(row[key] ?? 0);
    return {
      outbox: { pending: n('pending'), unresolved: n('unresolved'), failed: n('failed') },
      outboxDue: n('due'),
      oldestDueAgeSeconds: Math.max(0, n('oldest_due_age')),
      overdueIssues: n('overdue'),
      escalatedIssues: { 1: n('level1'), 2: n('level2'), 3: n('level3') },
    };
  }
}
