import type { EntityManager } from 'typeorm';
import type { AssignedTaskState, TaskEventRecord, TaskStatus } from '../../domain/tasks/assigned-task';
import type { Db } from './db';

/** A task as lists show it, from the read model. */
export interface AssignedTaskRow {
  code: string;
  workflowId: string;
  title: string;
  assignee: string;
  assigneeName: string;
  assigner: { id: string; name: string };
  deadline: string;
  dueAt: string;
  status: TaskStatus;
  overdue: boolean;
  escalationLevel: number;
  countySupervision: boolean;
  issueCodes: string[];
  assignedAt: string;
  completedAt: string | null;
  updatedAt: string;
}

export interface TaskEventRow {
  seq: number;
  type: string;
  actor: string;
  actorName: string;
  at: string;
  payload: Record<string, unknown>;
}

export interface TaskFilter {
  /** The reader's own unit unless county-wide: tasks it was assigned. */
  scopeUnit?: string;
  assignee?: string;
  status?: TaskStatus;
  overdue?: boolean;
}

interface Row {
  code: string;
  workflow_id: string;
  title: string;
  assignee: string;
  assignee_name: string;
  assigner: string;
  assigner_name: string;
  deadline: string;
  due_at: Date;
  status: TaskStatus;
  step: number;
  overdue: boolean;
  county_supervision: boolean;
  issue_codes: string[];
  assigned_at: Date;
  completed_at: Date | null;
  updated_at: Date;
}

const toRow = (r: Row): AssignedTaskRow => ({
  code: r.code,
  workflowId: r.workflow_id,
  title: r.title,
  assignee: r.assignee,
  assigneeName: r.assignee_name,
  assigner: { id: r.assigner, name: r.assigner_name },
  deadline: r.deadline,
  dueAt: r.due_at.toISOString(),
  status: r.status,
  overdue: r.overdue,
  escalationLevel: Math.max(0, r.step),
  countySupervision: r.county_supervision,
  issueCodes: r.issue_codes,
  assignedAt: r.assigned_at.toISOString(),
  completedAt: r.completed_at?.toISOString() ?? null,
  updatedAt: r.updated_at.toISOString(),
});

const SELECT = `
  SELECT t.code, t.workflow_id, t.title, t.assignee, u.name AS assignee_name, t.assigner, t.assigner_name,
    to_char(t.deadline, 'YYYY-MM-DD') AS deadline, t.due_at, t.status, t.step, t.overdue, t.county_supervision,
    t.issue_codes, t.assigned_at, t.completed_at, t.updated_at
  FROM assigned_tasks t JOIN units u ON u.code = t.assignee`;

/** 交办任务 (`assigned_tasks` and `assigned_task_events`, R4): the projection of the task workflows. */
export class AssignedTaskRepository {
  constructor(private readonly db: Db) {}

  within(manager: EntityManager): AssignedTaskRepository {
    return new AssignedTaskRepository(manager);
  }

  /** The next number of the county-wide task sequence. */
  async nextNumber(): Promise<number> {
    const [row] = await this.db.query<Array<{ n: string }>>(`SELECT nextval('assigned_task_seq') AS n`);
    return Number(row.n);
  }

  /**
   * Appends the events (a retried write adds nothing: the event id is the key) and moves the read model to the
   * state they lead to, never back to an older one. Returns the ids written by this call.
   */
  async record(workflowId: string, state: AssignedTaskState, events: TaskEventRecord[]): Promise<string[]> {
    await this.db.query(
      `INSERT INTO assigned_tasks (code, workflow_id, title, assignee, assigner, assigner_name, deadline, due_at,
         status, step, overdue, county_supervision, issue_codes, assigned_at, completed_at, state, event_count, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, now())
       ON CONFLICT (code) DO UPDATE SET deadline = EXCLUDED.deadline, due_at = EXCLUDED.due_at,
         status = EXCLUDED.status, step = EXCLUDED.step, overdue = EXCLUDED.overdue,
         county_supervision = EXCLUDED.county_supervision, completed_at = EXCLUDED.completed_at,
         state = EXCLUDED.state, event_count = EXCLUDED.event_count, updated_at = now()
       WHERE assigned_tasks.event_count <= EXCLUDED.event_count`,
      [
        state.code,
        workflowId,
        state.title,
        state.assignee,
        state.assigner.id,
        state.assigner.name,
        state.deadline,
        state.dueAt,
        state.status,
        state.step,
        state.overdue,
        state.countySupervision,
        state.issueCodes,
        state.assignedAt,
        state.completedAt,
        JSON.stringify(state),
        state.eventCount,
      ],
    );
    const written: string[] = [];
    for (const e of events) {
      const rows = await this.db.query<Array<{ id: string }>>(
        `INSERT INTO assigned_task_events (id, task_code, seq, type, actor, actor_name, at, payload)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO NOTHING RETURNING id`,
        [e.id, e.taskCode, e.seq, e.type, e.actor, e.actorName, e.at, JSON.stringify(e.payload)],
      );
      if (rows.length > 0) written.push(e.id);
    }
    return written;
  }

  async find(code: string): Promise<AssignedTaskRow | undefined> {
    const [row] = await this.db.query<Row[]>(`${SELECT} WHERE t.code = $1`, [code]);
    return row ? toRow(row) : undefined;
  }

  /** The state the workflow last wrote, for a task whose workflow has completed. */
  async storedState(code: string): Promise<AssignedTaskState | undefined> {
    const [row] = await this.db.query<Array<{ state: AssignedTaskState }>>(
      `SELECT state FROM assigned_tasks WHERE code = $1`,
      [code],
    );
    return row?.state;
  }

  async events(code: string): Promise<TaskEventRow[]> {
    const rows = await this.db.query<
      Array<{
        seq: number;
        type: string;
        actor: string;
        actor_name: string;
        at: Date;
        payload: Record<string, unknown>;
      }>
    >(
      `SELECT seq, type, actor, actor_name, at, payload FROM assigned_task_events WHERE task_code = $1 ORDER BY seq`,
      [code],
    );
    return rows.map((r) => ({
      seq: r.seq,
      type: r.type,
      actor: r.actor,
      actorName: r.actor_name,
      at: r.at.toISOString(),
      payload: r.payload,
    }));
  }

  /** One page, soonest deadline first. */
  async page(
    filter: TaskFilter,
    page: number,
    pageSize: number,
  ): Promise<{ items: AssignedTaskRow[]; total: number }> {
    const params: unknown[] = [];
    const clauses: string[] = [];
    for (const [column, value] of [
      ['assignee', filter.scopeUnit],
      ['assignee', filter.assignee],
      ['status', filter.status],
      ['overdue', filter.overdue],
    ] as const) {
      if (value === undefined) continue;
      params.push(value);
      clauses.push(`t.${column} = $${params.length}`);
    }
    const sql = clauses.length ? `WHERE ${clauses.join(' AND ')}` : '';
    const [{ total }] = await this.db.query<Array<{ total: number }>>(
      `SELECT count(*)::int AS total FROM assigned_tasks t ${sql}`,
      params,
    );
    const rows = await this.db.query<Row[]>(
      `${SELECT} ${sql} ORDER BY t.due_at, t.code LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, pageSize, (page - 1) * pageSize],
    );
    return { items: rows.map(toRow), total };
  }
}
