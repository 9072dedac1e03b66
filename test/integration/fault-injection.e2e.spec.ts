import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client as PgClient } from 'pg';
import { readLocalJwtSecret, signToken } from '../../api/auth/token-signing';
import { freePort } from '../../deploy/local/ports';
import { PROJECT_ROOT } from '../../deploy/local/tools';
import { daysFromNow, REPORT, validBody } from '../support/http-lifecycle';

const LAUNCHER = path.join(PROJECT_ROOT, 'dist', 'deploy', 'local', 'launch.js');
/** At least this many lifecycles run, and the load goes on until every process has been killed once. */
const LIFECYCLES = 40;
const CONCURRENCY = 6;
const PROCESSES = ['worker', 'API', 'Temporal', 'PostgreSQL'] as const;
type ProcessName = (typeof PROCESSES)[number];

interface Launched {
  child: ChildProcess;
  output: () => string;
}

/** The compiled `npm start`, with its own data and ports; resolves once it says the system is running. */
function launch(dataDir: string, env: Record<string, string>): Promise<Launched> {
  const child = spawn(process.execPath, [LAUNCHER], {
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      DATABASE_URL: '',
      TEMPORAL_ADDRESS: '',
      TEMPORAL_UI_URL: '',
      JWT_SECRET: '',
      JWT_PUBLIC_KEY: '',
      // The launcher knows the worker is up from its 'worker polling' line, logged at info.
      LOG_LEVEL: 'log',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`launcher did not come up:\n${output}`)), 150_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('is running')) {
        clearTimeout(timer);
        resolve({ child, output: () => output });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`launcher exited with ${code}:\n${output}`));
    });
  });
}

/** The latest pid the launcher reported for a process ("started" or "restarted"). */
function currentPid(output: string, name: ProcessName): number {
  const pattern = new RegExp(`\\[start\\] ${name} (?:started|restarted) \\(pid (\\d+)\\)`, 'g');
  const all = [...output.matchAll(pattern)];
  return Number(all[all.length - 1][1]);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

/**
 * One keyed request, retried with the same Idempotency-Key through every outage (network errors, 503, 202) until it
 * is answered for good; every answer is kept, so the test can check that all of them are the first outcome.
 */
async function keyed(
  base: string,
  pathname: string,
  token: string,
  key: string,
  body: unknown,
  answers: Map<string, Answer[]>,
): Promise<Answer> {
  const deadline = Date.now() + 150_000;
  const seen: Answer[] = [];
  answers.set(key, seen);
  for (;;) {
    try {
      const response = await fetch(`${base}${pathname}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${token}`,
          'Idempotency-Key': key,
        },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(30_000),
      });
      const answer = { status: response.status, body: (await response.json()) as Record<string, unknown> };
      if (response.status < 300 && response.status !== 202) {
        seen.push(answer);
        return answer;
      }
      if (response.status !== 503 && response.status !== 202) {
        seen.push(answer);
        throw new Error(`${pathname} (${key}) answered ${response.status}: ${JSON.stringify(answer.body)}`);
      }
    } catch (error) {
      if (error instanceof Error && error.message.includes(' answered ')) throw error;
    }
    if (Date.now() > deadline) throw new Error(`${pathname} (${key}) got no answer within 150 s`);
    await sleep(300);
  }
}

describe('fault injection', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'eco-grid-faults-'));
  let launched: Launched | undefined;
  afterAll(async () => {
    if (launched && launched.child.exitCode === null) {
      const exited = new Promise((resolve) => launched!.child.once('exit', resolve));
      launched.child.kill('SIGINT');
      await Promise.race([exited, sleep(60_000)]);
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('S2, S3 and S5: lifecycles under load lose nothing, duplicate nothing and answer every keyed retry with the first outcome while each process is SIGKILLed in turn', async () => {
    const taken = new Set<number>();
    const ports = {
      PORT: await freePort(taken),
      TEMPORAL_PORT: await freePort(taken),
      TEMPORAL_UI_PORT: await freePort(taken),
      EMBEDDED_PG_PORT: await freePort(taken),
    };
    launched = await launch(dataDir, {
      ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])),
      UPDATE_WAIT_SECONDS: '5',
      RETRY_AFTER_SECONDS: '1',
      RATE_LIMIT_PER_MINUTE: '100000',
    });
    const output = launched.output;
    const base = `http://127.0.0.1:${ports.PORT}`;
    const secret = readLocalJwtSecret(dataDir)!;
    const wrb = signToken(
      { id: 'demo-wrb-member-1', name: '演示-WRB网格员1', unitCode: 'WRB', roles: ['grid_member'] },
      { secret },
    );
    const ule = signToken(
      { id: 'demo-ule-member-1', name: '演示-ULE网格员1', unitCode: 'ULE', roles: ['grid_member'] },
      { secret },
    );
    const run = `fi-${Date.now()}`;
    const answers = new Map<string, Answer[]>();
    const requests: Array<{ pathname: string; token: string; key: string; body: unknown }> = [];
    const send = async (pathname: string, token: string, key: string, body: unknown) => {
      requests.push({ pathname, token, key, body });
      return keyed(base, pathname, token, key, body, answers);
    };

    /** One issue from report to the application for closure, two progress reports on the way. */
    const lifecycle = async (n: number): Promise<string> => {
      const reported = await send('/api/v1/issues', wrb, `${run}-${n}-report`, {
        ...REPORT,
        title: `${run} 第${n}号`,
      });
      const code = String(reported.body.code);
      const act = (action: string, token: string, step: string, body: unknown) =>
        send(`/api/v1/issues/${code}/${action}`, token, `${run}-${n}-${step}`, body);
      await act('transfer', wrb, 'transfer', validBody('transfer'));
      await act('accept-transfer', ule, 'accept', validBody('acceptTransfer'));
      await act('submit-plan', ule, 'plan', validBody('submitPlan'));
      await act('report-progress', ule, 'progress-1', { note: '第一次进展' });
      await act('report-progress', ule, 'progress-2', { note: '第二次进展' });
      await act('apply-for-closure', ule, 'closure', {
        summary: `已整改完毕 ${daysFromNow(0)}`,
        evidence: ['closure-1.pdf'],
      });
      return code;
    };

    // The chaos: each process SIGKILLed in turn, once the load runs; recovery is the launcher's restart plus
    // readiness (the API answers /health/ready with 200 again).
    const recoveries: Array<{ name: ProcessName; pid: number; restartedMs: number; readyMs: number }> = [];
    let chaosDone = false;
    const chaos = (async () => {
      for (const name of PROCESSES) {
        await sleep(3000);
        const before = (output().match(new RegExp(`\\[start\\] ${name} restarted`, 'g')) ?? []).length;
        const pid =
          name === 'PostgreSQL'
            ? Number(fs.readFileSync(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0])
            : currentPid(output(), name);
        const killedAt = Date.now();
        process.kill(pid, 'SIGKILL');
        let restartedMs = -1;
        let readyMs = -1;
        while (Date.now() - killedAt < 120_000 && readyMs < 0) {
          const restarts = (output().match(new RegExp(`\\[start\\] ${name} restarted`, 'g')) ?? []).length;
          if (restartedMs < 0 && restarts > before) restartedMs = Date.now() - killedAt;
          if (restartedMs >= 0) {
            const ready = await fetch(`${base}/health/ready`, { signal: AbortSignal.timeout(5000) }).catch(
              () => undefined,
            );
            if (ready?.status === 200) readyMs = Date.now() - killedAt;
          }
          await sleep(200);
        }
        recoveries.push({ name, pid, restartedMs, readyMs });
      }
      chaosDone = true;
    })();

    const codes: string[] = [];
    let next = 0;
    const runner = async () => {
      while (next < LIFECYCLES || !chaosDone) {
        const n = next++;
        codes.push(await lifecycle(n));
      }
    };
    const started = Date.now();
    await Promise.all([chaos, ...Array.from({ length: CONCURRENCY }, runner)]);
    const loadMs = Date.now() - started;

    console.log(
      [
        `fault injection: ${codes.length} lifecycles (${requests.length} keyed requests) in ${Math.round(loadMs / 1000)} s`,
        ...recoveries.map(
          (r) =>
            `  ${r.name.padEnd(10)} pid ${String(r.pid).padEnd(7)} SIGKILL → restarted ${r.restartedMs} ms, /health/ready 200 after ${r.readyMs} ms`,
        ),
      ].join('\n'),
    );
    // Every process died once and came back, and the launcher said so.
    expect(recoveries.map((r) => r.name)).toEqual([...PROCESSES]);
    for (const r of recoveries) {
      expect(r.restartedMs).toBeGreaterThan(0);
      expect(r.readyMs).toBeGreaterThan(0);
    }
    expect(output()).toMatch(/\[start\] worker \(pid \d+\) exited unexpectedly \(SIGKILL\)/);

    // 0 lost, 0 duplicated: every lifecycle's issue exists once; each workflow took the same steps (two progress
    // reports, awaiting acceptance); the ledger holds exactly the workflow's events, each once.
    expect(codes.length).toBeGreaterThanOrEqual(LIFECYCLES);
    expect(new Set(codes).size).toBe(codes.length);
    const states = new Map<string, { status: string; progressReports: number; eventCount: number }>();
    for (const code of codes) {
      const detail = await fetch(`${base}/api/v1/issues/${code}`, {
        headers: { authorization: `Bearer ${wrb}` },
      });
      states.set(
        code,
        ((await detail.json()) as { state: { status: string; progressReports: number; eventCount: number } })
          .state,
      );
    }
    const reference = states.get(codes[0])!;
    expect(reference).toMatchObject({ status: 'awaiting_acceptance', progressReports: 2 });
    for (const [code, state] of states)
      expect({
        code,
        status: state.status,
        progressReports: state.progressReports,
        eventCount: state.eventCount,
      }).toEqual({
        code,
        status: 'awaiting_acceptance',
        progressReports: 2,
        eventCount: reference.eventCount,
      });
    const db = new PgClient({
      connectionString: `postgres://postgres:postgres@127.0.0.1:${ports.EMBEDDED_PG_PORT}/eco_grid`,
    });
    await db.connect();
    try {
      const issues = await db.query<{ title: string; n: number }>(
        `SELECT title, count(*)::int AS n FROM issues WHERE title LIKE $1 GROUP BY title`,
        [`${run} %`],
      );
      expect(issues.rows).toHaveLength(codes.length);
      expect(issues.rows.every((r) => r.n === 1)).toBe(true);
      const events = await db.query<{ issue_code: string; n: number; seqs: number }>(
        `SELECT issue_code, count(*)::int AS n, count(DISTINCT seq)::int AS seqs
           FROM issue_events WHERE issue_code = ANY($1) GROUP BY issue_code`,
        [codes],
      );
      expect(events.rows).toHaveLength(codes.length);
      for (const row of events.rows)
        expect(row).toEqual({
          issue_code: row.issue_code,
          n: reference.eventCount,
          seqs: reference.eventCount,
        });
    } finally {
      await db.end();
    }

    // Every keyed answer is the first answer: whatever each key was answered during the chaos, and a replay now.
    for (const request of requests) {
      const first = answers.get(request.key)!;
      expect(first.every((a) => a.status < 300)).toBe(true);
      const replay = await keyed(base, request.pathname, request.token, request.key, request.body, new Map());
      const essence = (a: Answer) => ({
        status: a.status,
        code: a.body.code,
        state: (a.body.state as { status?: string } | undefined)?.status ?? a.body.status,
        eventCount: a.body.eventCount ?? (a.body.state as { eventCount?: number } | undefined)?.eventCount,
      });
      for (const answer of [...first, replay]) expect(essence(answer)).toEqual(essence(first[0]));
    }
  }, 420_000);
});
