import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { Client, Connection, type WorkflowHandle } from '@temporalio/client';
import { type DataSource } from 'typeorm';
import { createActivities } from '../../activities';
import type { NumberedEvent } from '../../activities/issue.activities';
import type { ActionData } from '../../domain/issue/actions';
import type { Actor } from '../../domain/organisation/roles';
import type { ActionId } from '../../domain/process/issue-process.definition';
import { PROJECT_ROOT } from '../../deploy/local/tools';
import { openDataSource } from '../../persistence/data-source';
import { actionUpdates, issueStateQuery, stateFromResult } from '../../workflows/issue/issue.messages';
import { ISSUE_RUN_VERSION, issueLifecycle } from '../../workflows/issue/issue.workflow';
import type { IssueLifecycleInput } from '../../domain/issue/issue.types';
import { ledgerWritesIn, recordHistoryIfAsked } from '../support/histories';
import { actors, fivePlan, lifecycleInput } from '../support/lifecycle-fixtures';
import { eventually } from '../support/harness';
import { testServers } from '../support/servers';
import { generateSealKey } from '../../documents/seal/seal-keys';

const TASK_QUEUE = 'it-crash';

/** The production worker entry point, as its own process, so it can really be killed. */
function startWorkerProcess(): Promise<ChildProcess> {
  const servers = testServers();
  const child = spawn(process.execPath, [path.join(PROJECT_ROOT, 'dist', 'worker', 'main.js')], {
    env: {
      ...process.env,
      SEAL_PRIVATE_KEY: generateSealKey().privateKey,
      DATABASE_URL: servers.databaseUrl,
      TEMPORAL_ADDRESS: servers.temporalAddress,
      TEMPORAL_NAMESPACE: servers.namespace,
      TEMPORAL_TASK_QUEUE: TASK_QUEUE,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`worker did not start:\n${output}`)), 60_000);
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('worker polling')) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`worker exited ${code}:\n${output}`)));
  });
}

function kill(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

/** The events the workflow asked to append, read back from its own Temporal history (activities' inputs). */
async function eventsFromHistory(handle: WorkflowHandle): Promise<NumberedEvent[]> {
  return ledgerWritesIn(await handle.fetchHistory()).flatMap((write) => write.input?.events ?? []);
}

describe('issue lifecycle with real activities', () => {
  let dataSource: DataSource;
  let connection: Connection;
  let client: Client;
  let worker: ChildProcess | undefined;

  beforeAll(async () => {
    const servers = testServers();
    dataSource = await openDataSource(servers.databaseUrl, { poolSize: 4 });
    connection = await Connection.connect({ address: servers.temporalAddress });
    client = new Client({ connection, namespace: servers.namespace });
  });
  afterAll(async () => {
    if (worker && worker.exitCode === null) await kill(worker);
    await connection?.close();
    await dataSource?.destroy();
  });

  // The Update goes out at once (the worker is killed while it runs); its state is read after it answers.
  const act = async <A extends ActionId>(
    handle: WorkflowHandle,
    action: A,
    actor: Actor,
    data: ActionData[A],
  ) => {
    const result = await handle.executeUpdate(actionUpdates[action], { args: [{ actor, data }] });
    return stateFromResult(result) ?? (await handle.query(issueStateQuery));
  };

  /** The report and its whole lifecycle to the archive, with the worker killed twice on the way (once mid-action). */
  async function closeWithKills(input: IssueLifecycleInput): Promise<WorkflowHandle> {
    worker ??= await startWorkerProcess();
    const handle = await client.workflow.start(issueLifecycle, {
      args: [input],
      workflowId: `issue-${input.code}`,
      taskQueue: TASK_QUEUE,
    });
    await act(handle, 'transfer', actors.wrbMember, { toUnit: 'ULE', reason: '生活垃圾属执法局职责' });
    await act(handle, 'acceptTransfer', actors.uleMember, {});

    // Kill the worker while it handles the next action, then bring up a new one: the action still completes once.
    const planning = act(handle, 'submitPlan', actors.uleMember, fivePlan('2027-06-30'));
    await new Promise((r) => setTimeout(r, 30));
    await kill(worker);
    worker = await startWorkerProcess();
    expect((await planning).status).toBe('rectifying');

    await act(handle, 'reportTransferFeedback', actors.uleMember, { result: '已立案查处' });
    await act(handle, 'applyForClosure', actors.uleMember, {
      summary: '垃圾已清运',
      evidence: ['after.jpg'],
    });
    await kill(worker);
    worker = await startWorkerProcess();
    await act(handle, 'acceptRectification', actors.eco, { opinion: '验收合格', publicNotice: false });
    await act(handle, 'signOff', actors.uleHead, { opinion: '同意销号' });
    const final = await act(handle, 'signOff', actors.township, { opinion: '同意销号' });
    expect(final.status).toBe('archived');
    await handle.result();
    return handle;
  }

  /** What an issue left in PostgreSQL, by event number (not id), to compare two issues' records. */
  async function recordsOf(code: string) {
    const q = <T>(sql: string) => dataSource.query<T[]>(sql, [code]);
    return {
      events: await q<{ seq: number; type: string; actor_unit: string }>(
        `SELECT seq, type, actor_unit FROM issue_events WHERE issue_code = $1 ORDER BY seq`,
      ),
      ledger: await q<{ line: string }>(
        `SELECT unit_code || '/' || role || '/' || (closed_at IS NULL) AS line FROM ledger_entries
         WHERE issue_code = $1 ORDER BY 1`,
      ),
      outbox: await q<{ line: string }>(
        `SELECT e.seq || '|' || o.kind || '|' || o.audience || '|' || count(*) AS line
         FROM notification_outbox o JOIN issue_events e ON e.id = o.event_id
         WHERE o.issue_code = $1 GROUP BY e.seq, o.kind, o.audience ORDER BY 1`,
      ),
      issue: await q<{ status: string; last_event_seq: number; owner: string }>(
        `SELECT status, last_event_seq, owner FROM issues WHERE code = $1`,
      ),
    };
  }

  it('L15: ledger, read model and outbox match the workflow’s own history after the worker is killed mid-lifecycle', async () => {
    // A run started without a runVersion: its ledger writes are activities, whose inputs the history keeps.
    const input = lifecycleInput('2026-700001', { reportedAt: new Date().toISOString() });
    const handle = await closeWithKills(input);

    const expected = await eventsFromHistory(handle);
    expect(expected.map((e) => e.seq)).toEqual(expected.map((_, i) => i + 1));
    const rows = await eventually(async () => {
      const found = await dataSource.query<
        Array<{ id: string; seq: number; type: string; actor_unit: string }>
      >(`SELECT id, seq, type, actor_unit FROM issue_events WHERE issue_code = $1 ORDER BY seq`, [
        input.code,
      ]);
      return found.length === expected.length ? found : undefined;
    });
    expect(rows).toEqual(
      expected.map((e) => ({ id: e.id, seq: e.seq, type: e.type, actor_unit: e.actorUnit })),
    );

    // The ledger is exactly what the events opened and closed (L2, L6, L14).
    const ledger = new Map<string, boolean>();
    for (const change of expected.flatMap((e) => e.ledger))
      ledger.set(`${change.unit}/${change.role}`, change.op !== 'close');
    const ledgerRows = await dataSource.query<Array<{ unit_code: string; role: string; open: boolean }>>(
      `SELECT unit_code, role, closed_at IS NULL AS open FROM ledger_entries WHERE issue_code = $1`,
      [input.code],
    );
    expect(new Map(ledgerRows.map((r) => [`${r.unit_code}/${r.role}`, r.open]))).toEqual(ledger);
    expect(ledgerRows.every((r) => !r.open)).toBe(true);

    // Every notice of every event is in the outbox, once per resolved recipient.
    const outbox = await dataSource.query<
      Array<{ event_id: string; kind: string; audience: string; n: number }>
    >(
      `SELECT event_id, kind, audience, count(*)::int AS n FROM notification_outbox WHERE issue_code = $1
       GROUP BY event_id, kind, audience ORDER BY event_id, kind, audience`,
      [input.code],
    );
    const expectedNotices = expected
      .flatMap((e) => e.notices.flatMap((n) => n.audiences.map((a) => `${e.id}|${n.kind}|${a.role}`)))
      .sort();
    expect(outbox.map((r) => `${r.event_id}|${r.kind}|${r.audience}`).sort()).toEqual([
      ...new Set(expectedNotices),
    ]);

    const [issue] = await dataSource.query<Array<{ status: string; last_event_seq: number; owner: string }>>(
      `SELECT status, last_event_seq, owner FROM issues WHERE code = $1`,
      [input.code],
    );
    expect(issue).toEqual({ status: 'archived', last_event_seq: expected.length, owner: 'ULE' });
  }, 180_000);

  it('L15: at the API’s run version (local-activity writes) the same lifecycle with the same kills leaves the same records', async () => {
    const input = lifecycleInput('2026-700002', {
      reportedAt: new Date().toISOString(),
      runVersion: ISSUE_RUN_VERSION,
    });
    const handle = await closeWithKills(input);
    // `npm run record-histories` keeps it: a run whose local activities were cut short by a killed worker.
    await recordHistoryIfAsked(`run-v${ISSUE_RUN_VERSION}-L15-worker-killed`, handle);
    // The history's markers name what each write wrote; the ledger holds exactly that, each event once.
    const writes = ledgerWritesIn(await handle.fetchHistory());
    expect(writes.every((w) => w.local)).toBe(true);
    const written = writes.flatMap((w) => w.result?.events ?? []);
    const mine = await recordsOf(input.code);
    expect(mine.events.map((e) => `${e.seq}:${e.type}`)).toEqual(written);
    expect(written.map((w) => Number(w.split(':')[0]))).toEqual(written.map((_, i) => i + 1));
    // And the ledger lines, the notices and the read-model row are those of the activity-written issue above.
    const theirs = await recordsOf('2026-700001');
    expect(mine).toEqual(theirs);
  }, 180_000);

  it('L15: a retried ledger write appends nothing twice', async () => {
    const activities = createActivities({ dataSource });
    const handle = client.workflow.getHandle('issue-2026-700001');
    const state = await handle.query(issueStateQuery);
    const events = await eventsFromHistory(handle);
    const count = async () =>
      (
        await dataSource.query<Array<{ n: number }>>(
          `SELECT (SELECT count(*) FROM issue_events WHERE issue_code = $1)::int +
                  (SELECT count(*) FROM notification_outbox WHERE issue_code = $1)::int +
                  (SELECT count(*) FROM ledger_entries WHERE issue_code = $1)::int AS n`,
          [state.code],
        )
      )[0]?.n;
    const before = await count();
    const result = await activities.appendIssueEvents({ state, events });
    expect(result.written).toBe(0);
    expect(await count()).toBe(before);
  });

  it('L10: notices reach the people the organisation names, and unresolvable ones are kept for the office', async () => {
    const rows = await dataSource.query<
      Array<{ audience: string; member_id: string | null; status: string }>
    >(`SELECT audience, member_id, status FROM notification_outbox WHERE issue_code = '2026-700001'`);
    const transfer = rows.filter((r) => r.audience === 'unit_head');
    expect(transfer.length).toBeGreaterThan(0);
    // The worker process runs the notification dispatcher too: a resolved notice is pending or already delivered.
    expect(transfer.every((r) => r.member_id !== null && ['pending', 'delivered'].includes(r.status))).toBe(
      true,
    );
  });
});
