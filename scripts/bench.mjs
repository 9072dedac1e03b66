#!/usr/bin/env node
// `npm run bench`: our issue lifecycle side by side with bare Temporal, on Temporal on PostgreSQL (issue #15).
// Starts everything itself (Temporal's PostgreSQL and Temporal, the app's PostgreSQL, the compiled worker and API,
// a worker of its own for the bare workflow), then runs interleaved rounds of
//   A  the full lifecycle through HTTP: report → immediate fix → confirmation → two sign-offs;
//   B  a bare workflow with the same 4 Updates and 5 one-row activities (scripts/bench/bare-workflow.js);
//   W  our workflow driven directly through the Temporal client, with the API's input and start options;
// and prints throughput, CPU per issue (every process involved), Update latency at concurrency 1 and N, history
// size per issue, and the API's /health/live while a ledger renders as a PDF. Prints figures; asserts nothing.
//
//   npm run bench -- [--issues 80] [--rounds 3] [--concurrency 20] [--serial 30] [--ledger-lines 3000]
//                    [--stall-seconds 120] [--bare-worker-process] [--json file] [--keep] [--cpu-prof dir]
// --issues: issues per mode and round at --concurrency; --serial: issues per mode and round one at a time;
// an issue whose Update waits for an operator (needs attention) or --stall-seconds is counted as stalled.
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { Buffer } from 'node:buffer';
import http from 'node:http';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { clearTimeout, setTimeout } from 'node:timers';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startBareWorker } from './bench/bare-worker.mjs';
import { cpuByTree, cpuDelta } from './bench/proc-cpu.mjs';
import { kib, latencySummary, median, ms, ratio, table, times } from './bench/stats.mjs';
import { freePort, startTemporalOnPostgres, TEMPORAL_SERVER_VERSION } from './temporal-postgres.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const require = createRequire(import.meta.url);

const { values: flags } = parseArgs({
  options: {
    issues: { type: 'string', default: '80' },
    rounds: { type: 'string', default: '3' },
    concurrency: { type: 'string', default: '20' },
    serial: { type: 'string', default: '30' },
    'ledger-lines': { type: 'string', default: '3000' },
    'stall-seconds': { type: 'string', default: '120' },
    json: { type: 'string' },
    keep: { type: 'boolean', default: false },
    'bare-worker-process': { type: 'boolean', default: false },
    'cpu-prof': { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});
if (flags.help) {
  console.log(
    fs
      .readFileSync(fileURLToPath(import.meta.url), 'utf8')
      .split('\n')
      .slice(1)
      .filter((line, i, all) => all.slice(0, i + 1).every((l) => l.startsWith('//')))
      .join('\n'),
  );
  process.exit(0);
}
const whole = (name, min = 0) => {
  const value = Number(flags[name]);
  if (!Number.isInteger(value) || value < min) {
    console.error(`--${name} must be a whole number of at least ${min}`);
    process.exit(2);
  }
  return value;
};
const ISSUES = whole('issues', 1);
const ROUNDS = whole('rounds', 1);
const CONCURRENCY = whole('concurrency', 1);
const SERIAL = whole('serial', 0);
const LEDGER_LINES = whole('ledger-lines', 0);
const STALL_SECONDS = whole('stall-seconds', 5);

if (!fs.existsSync(path.join(dist, 'api', 'main.js'))) {
  console.error('dist/ is missing: run `npm run build` (npm run bench builds first)');
  process.exit(1);
}

const started = Date.now();
const say = (message) =>
  console.log(`[bench ${String(Math.round((Date.now() - started) / 1000)).padStart(4)}s] ${message}`);

// The project's compiled code: the same modules the API uses to start an issue (for W) and to set up a database.
const { Client, Connection } = require('@temporalio/client');
const { Runtime, DefaultLogger } = require('@temporalio/worker');
const { temporal: proto } = require('@temporalio/proto');
const { startPostgresProcess } = require(path.join(dist, 'deploy/local/postgres.js'));
const { openDataSource } = require(path.join(dist, 'persistence/data-source.js'));
const { seed } = require(path.join(dist, 'persistence/seed/seed.js'));
const { upsertServiceAccount } = require(path.join(dist, 'persistence/repositories/roster.repository.js'));
const { ensureLocalSealKey } = require(path.join(dist, 'config/seal-config.js'));
const { signToken } = require(path.join(dist, 'api/auth/token-signing.js'));
const { actionPath } = require(path.join(dist, 'api/issues/issue-actions.js'));
const { actionUpdates } = require(path.join(dist, 'workflows/issue/issue.messages.js'));
const { ISSUE_RUN_VERSION } = require(path.join(dist, 'workflows/issue/issue.workflow.js'));
const { issueSearchAttributes } = require(path.join(dist, 'workflows/issue/issue.search-attributes.js'));
const { startIssue } = require(path.join(dist, 'domain/issue/lifecycle/index.js'));
const { issueSummary } = require(path.join(dist, 'domain/issue/issue-state.js'));
const { issueStaticDetails, issueStaticSummary } = require(path.join(dist, 'domain/issue/operator-view.js'));
const { formatIssueCode, issueCodeYear, issueWorkflowId } = require(
  path.join(dist, 'domain/issue/issue-code.js'),
);
const { ISSUE_PROCESS } = require(path.join(dist, 'domain/process/issue-process.definition.js'));
const { DEFAULT_CALENDAR } = require(path.join(dist, 'domain/calendar/working-days.js'));
const { DEFAULT_ORGANISATION } = require(path.join(dist, 'domain/organisation/roles.js'));

// Quiet SDK logs in this process: warnings only.
Runtime.install({ logger: new DefaultLogger('WARN') });

/** The people of the lifecycle (test/support/lifecycle-fixtures.ts), enrolled as service accounts. */
const ACTORS = {
  uleMember: { id: 'bench-ule-1', name: '执法局网格员', unitCode: 'ULE', roles: ['grid_member'] },
  uleLeader: {
    id: 'bench-ule-2',
    name: '执法局直接负责人',
    unitCode: 'ULE',
    roles: ['grid_member', 'direct_leader'],
  },
  uleHead: { id: 'bench-ule-3', name: '执法局局长', unitCode: 'ULE', roles: ['sector_head'] },
  township: { id: 'bench-gz-1', name: '古州镇网格长', unitCode: 'T-GUZHOU', roles: ['grid_head'] },
};

/** L4 as test/integration/lifecycle-http.e2e.spec.ts walks it: found by the owner, fixed at once, closed. */
const REPORT = {
  title: '河道旁堆放生活垃圾',
  description: '村口河道左岸约50米处堆放生活垃圾，渗滤液流入河道。',
  category: 'domestic_waste',
  severity: 'general',
  source: 'resident_visit',
  township: 'T-GUZHOU',
  village: 'V-GUZHOU-01',
};
const STEPS = [
  ['uleMember', 'recordImmediateFix', { description: '现场清运垃圾并设置警示牌', evidence: ['fix.jpg'] }],
  ['uleLeader', 'confirmFix', { opinion: '经现场核实，整改到位' }],
  ['township', 'signOff', { opinion: '同意' }],
  ['uleHead', 'signOff', { opinion: '同意' }],
];

const MODES = {
  A: 'A  lifecycle through HTTP',
  B: 'B  bare Temporal workflow',
  W: 'W  our workflow, direct',
};

// ── processes ──────────────────────────────────────────────────────────────────────────────────────────────────
const dataDir = path.join(root, '.data', `bench-${process.pid}`);
const logDir = path.join(dataDir, 'logs');
const stops = [];
const pids = { bench: process.pid };

async function shutdown() {
  for (const stop of stops.reverse()) {
    try {
      await stop();
    } catch (error) {
      say(`while stopping: ${error?.message ?? error}`);
    }
  }
  if (!flags.keep) fs.rmSync(dataDir, { recursive: true, force: true });
}
let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    say(`${signal}: stopping everything this benchmark started`);
    void shutdown().then(() => process.exit(130));
  });
}

/** Stops a child: SIGTERM, then SIGKILL after the grace period. */
function stopChild(child, graceMs = 20_000) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Runs a compiled entry point (worker or API) with its output in a log file; resolves when `ready()` holds. */
async function startNode(name, entry, env, ready, args = []) {
  const logFile = path.join(logDir, `${name.replace(/ /g, '-')}.log`);
  const log = fs.createWriteStream(logFile);
  // `--cpu-prof DIR`: the worker and the API write V8 CPU profiles there when they stop (open them in Chrome's DevTools).
  const profile = flags['cpu-prof']
    ? [
        '--cpu-prof',
        `--cpu-prof-dir=${path.resolve(flags['cpu-prof'])}`,
        `--cpu-prof-name=${name}.cpuprofile`,
      ]
    : [];
  const child = spawn(process.execPath, [...profile, entry, ...args], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let seen = '';
  for (const stream of [child.stdout, child.stderr]) {
    stream.on('data', (chunk) => {
      log.write(chunk);
      if (seen.length < 100_000) seen += chunk.toString();
    });
  }
  stops.push(() => stopChild(child));
  const deadline = Date.now() + 120_000;
  while (!(await ready(seen))) {
    if (child.exitCode !== null) throw new Error(`${name} exited during start-up; see ${logFile}`);
    if (Date.now() > deadline) throw new Error(`${name} was not up within 120 s; see ${logFile}`);
    await sleep(250);
  }
  pids[name] = child.pid;
  return child;
}

// ── HTTP ───────────────────────────────────────────────────────────────────────────────────────────────────────
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

/** One request; answers status, parsed body (JSON when it is) and bytes. */
function request(base, method, pathname, { token, body } = {}) {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const call = http.request(
      `${base}${pathname}`,
      {
        method,
        agent,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {}),
        },
      },
      (response) => {
        const chunks = [];
        response.on('data', (chunk) => chunks.push(chunk));
        response.on('end', () => {
          const raw = Buffer.concat(chunks);
          let parsed = null;
          if (String(response.headers['content-type']).includes('json')) parsed = JSON.parse(raw.toString());
          resolve({ status: response.statusCode, body: parsed, bytes: raw.length });
        });
        response.on('error', reject);
      },
    );
    call.on('error', reject);
    call.end(payload);
  });
}

// ── the three drivers ──────────────────────────────────────────────────────────────────────────────────────────
const BARE_QUEUE = 'bench-bare';
const W_FIRST_SEQUENCE = 500_000; // far from the API's codes, which count from 1
let wSequence = 0;
let bSequence = 0;

/** An issue whose Update did not finish: the workflow asks for attention, or nothing answered in STALL_SECONDS. */
class Stalled extends Error {
  constructor(workflowId, reason) {
    super(`${workflowId}: ${reason}`);
    this.workflowId = workflowId;
    this.reason = reason;
  }
}

function makeDrivers({ apiBase, client, tokens, unitNames }) {
  const timed = async (into, work) => {
    const t0 = performance.now();
    const result = await work();
    into.push(performance.now() - t0);
    return result;
  };
  /**
   * An Update timed like `timed`; while it waits, the issue's memo is read every 3 s: an issue that needs
   * attention (a write the database refused, say) waits for an operator, so the benchmark notes it and moves on.
   */
  const timedUpdate = async (into, workflowId, work) => {
    const t0 = performance.now();
    const running = work();
    running.catch(() => undefined); // a stalled Update's outcome arrives after the benchmark stopped waiting
    for (;;) {
      const done = await Promise.race([running.then((value) => ({ value })), sleep(3000).then(() => null)]);
      if (done) {
        into.push(performance.now() - t0);
        return done.value;
      }
      const { memo } = await client.workflow.getHandle(workflowId).describe();
      if (memo?.attention) throw new Stalled(workflowId, `needs attention: ${memo.attention.reason}`);
      if (performance.now() - t0 > STALL_SECONDS * 1000)
        throw new Stalled(workflowId, `no answer in ${STALL_SECONDS} s`);
    }
  };
  return {
    /** A: every step an HTTP request, as a client of the API makes it. */
    async A(lat) {
      const reported = await timed(lat.start, () =>
        request(apiBase, 'POST', '/api/v1/issues', { token: tokens.uleMember, body: REPORT }),
      );
      if (reported.status !== 201)
        throw new Error(`report: ${reported.status} ${JSON.stringify(reported.body)}`);
      const code = reported.body.code;
      let last;
      for (const [actor, action, body] of STEPS) {
        last = await timedUpdate(lat.update, issueWorkflowId(code), async () => {
          let answer = await request(apiBase, 'POST', `/api/v1/issues/${code}/${actionPath(action)}`, {
            token: tokens[actor],
            body,
          });
          // Past UPDATE_WAIT_SECONDS the API answers 202 and where to ask: a client polls until the outcome.
          if (answer.status === 202) lat.pending += 1;
          while (answer.status === 202) {
            await sleep(250);
            answer = await request(apiBase, 'GET', answer.body.location, { token: tokens[actor] });
          }
          return answer;
        });
        if (last.status !== 200)
          throw new Error(`${action} on ${code}: ${last.status} ${JSON.stringify(last.body)}`);
      }
      if (last.body.status !== 'archived') throw new Error(`${code} ended ${last.body.status}, not archived`);
      return issueWorkflowId(code);
    },
    /** B: the bare workflow, started and updated through the same Temporal client. */
    async B(lat) {
      bSequence += 1;
      const workflowId = `bare-${bSequence}`;
      const handle = await timed(lat.start, () =>
        client.workflow.start('bareLifecycle', { workflowId, taskQueue: BARE_QUEUE, args: [workflowId] }),
      );
      for (const [, action] of STEPS) {
        await timedUpdate(lat.update, workflowId, () =>
          handle.executeUpdate('step', { args: [action], updateId: randomUUID() }),
        );
      }
      return workflowId;
    },
    /** W: our workflow with the input and start options the API gives it (api/issues/issues.service.ts). */
    async W(lat) {
      wSequence += 1;
      const now = new Date();
      const code = formatIssueCode(issueCodeYear(now), W_FIRST_SEQUENCE + wSequence);
      const reporter = ACTORS.uleMember;
      const input = {
        code,
        report: {
          ...REPORT,
          finderUnit: reporter.unitCode,
          reportedBy: reporter.name,
          evidence: [],
        },
        sectorOwner: 'ULE',
        territorialOwner: 'T-GUZHOU',
        definitionVersion: ISSUE_PROCESS.version,
        reportedAt: now.toISOString(),
        policy: ISSUE_PROCESS.policy,
        calendar: DEFAULT_CALENDAR,
        organisation: { ...DEFAULT_ORGANISATION, unitNames },
        runVersion: ISSUE_RUN_VERSION,
      };
      const { state } = startIssue(input, {
        definition: ISSUE_PROCESS,
        calendar: DEFAULT_CALENDAR,
        now: now.getTime(),
      });
      const workflowId = issueWorkflowId(code);
      const handle = await timed(lat.start, () =>
        client.workflow.start('issueLifecycle', {
          workflowId,
          taskQueue: 'eco-grid',
          args: [input],
          workflowIdConflictPolicy: 'FAIL',
          memo: { summary: issueSummary(state) },
          typedSearchAttributes: issueSearchAttributes(state),
          staticSummary: issueStaticSummary(input),
          staticDetails: issueStaticDetails(input),
        }),
      );
      let last;
      for (const [actor, action, data] of STEPS) {
        last = await timedUpdate(lat.update, workflowId, () =>
          handle.executeUpdate(actionUpdates[action], {
            args: [{ actor: ACTORS[actor], data }],
            updateId: randomUUID(),
          }),
        );
      }
      // A lean run answers the change an action made (`{ base, changes }`), an older one the whole state.
      const status = last.changes ? (last.changes.set.status ?? state.status) : last.status;
      if (status !== 'archived') throw new Error(`${code} ended ${status}, not archived`);
      return workflowId;
    },
  };
}

/** `count` issues of one mode, `concurrency` at a time; answers wall time, latencies and workflow ids. */
async function runIssues(driver, count, concurrency, label) {
  const lat = { start: [], update: [], pending: 0, stalled: [] };
  const ids = [];
  let next = 0;
  const t0 = performance.now();
  // A line every 15 s, so that a slow round on a busy machine never looks hung.
  const progress = setInterval(
    () => say(`  … ${ids.length} of ${count} issues closed (${label}, concurrency ${concurrency})`),
    15_000,
  );
  try {
    await Promise.all(
      Array.from({ length: Math.min(concurrency, count) }, async () => {
        while (next < count) {
          next += 1;
          try {
            ids.push(await driver(lat));
          } catch (error) {
            if (!(error instanceof Stalled)) throw error;
            lat.stalled.push({ workflowId: error.workflowId, reason: error.reason });
            say(`  stalled: ${error.message}`);
          }
        }
      }),
    );
  } finally {
    clearInterval(progress);
  }
  return { seconds: (performance.now() - t0) / 1000, lat, ids };
}

// ── main ───────────────────────────────────────────────────────────────────────────────────────────────────────
async function main() {
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.mkdirSync(logDir, { recursive: true });
  say(
    `issues ${ISSUES} per mode and round at concurrency ${CONCURRENCY}, ${SERIAL} at concurrency 1, ` +
      `${ROUNDS} rounds; ${os.cpus().length} cores, load average ${os.loadavg()[0].toFixed(1)}; data in ${path.relative(root, dataDir)}`,
  );

  // Temporal on PostgreSQL, with a PostgreSQL of its own.
  say('starting PostgreSQL for Temporal');
  const temporalPg = await startPostgresProcess({
    dataDir: path.join(dataDir, 'temporal-postgres'),
    port: await freePort(),
    database: 'postgres',
    logFile: path.join(logDir, 'temporal-postgres.log'),
  });
  stops.push(() => temporalPg.stop());
  pids['PostgreSQL (Temporal)'] = temporalPg.process.pid;
  say(
    `starting Temporal server v${TEMPORAL_SERVER_VERSION} on PostgreSQL: schema set-up, start, namespace and ` +
      'search attributes take a while (seconds to a minute; building the server the first time takes minutes)',
  );
  const temporal = await startTemporalOnPostgres({
    workDir: path.join(dataDir, 'temporal'),
    databaseUrl: temporalPg.url,
    say: (message) => say(`temporal: ${message}`),
  });
  stops.push(() => temporal.stop());
  pids.Temporal = temporal.process.pid;

  // The app's PostgreSQL, migrated and seeded like `npm start` does, with the benchmark's actors enrolled.
  say('starting the app’s PostgreSQL, migrating and seeding it');
  const appPg = await startPostgresProcess({
    dataDir: path.join(dataDir, 'app-postgres'),
    port: await freePort(),
    database: 'eco_grid',
    logFile: path.join(logDir, 'app-postgres.log'),
  });
  stops.push(() => appPg.stop());
  pids['PostgreSQL (app)'] = appPg.process.pid;
  const dataSource = await openDataSource(appPg.url, { poolSize: 2 });
  await dataSource.runMigrations({ transaction: 'each' });
  await seed(dataSource, { demo: true });
  for (const actor of Object.values(ACTORS)) await upsertServiceAccount(dataSource, actor);
  await dataSource.query(
    `CREATE TABLE bench_bare_rows (id bigserial PRIMARY KEY, issue text NOT NULL, step text NOT NULL,
       at timestamptz NOT NULL DEFAULT now())`,
  );
  const unitNames = Object.fromEntries(
    (await dataSource.query(`SELECT code, name FROM units`)).map((row) => [row.code, row.name]),
  );

  // The compiled worker and API, as `npm start` runs them.
  const secret = randomBytes(32).toString('hex');
  const apiPort = await freePort();
  const env = {
    ...process.env,
    DATABASE_URL: appPg.url,
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_NAMESPACE: temporal.namespace,
    PORT: String(apiPort),
    JWT_SECRET: secret,
    SEAL_PRIVATE_KEY_FILE: ensureLocalSealKey(dataDir).file,
    LOG_LEVEL: 'warn',
    // Metrics stay on, as in production, on a port of their own: another worker on this machine may hold 9464.
    WORKER_METRICS_PORT: String(await freePort()),
    // A benchmark's client sends thousands of requests a minute from one address.
    RATE_LIMIT_PER_MINUTE: '1000000',
    RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '1000000',
  };
  say('starting the worker (dist/worker/main.js)');
  await startNode('worker', path.join(dist, 'worker', 'main.js'), env, async (seen) =>
    seen.includes('worker polling task queue'),
  );
  say('starting the API (dist/api/main.js)');
  const apiBase = `http://127.0.0.1:${apiPort}`;
  await startNode('API', path.join(dist, 'api', 'main.js'), env, async () => {
    try {
      return (await request(apiBase, 'GET', '/health/ready')).status === 200;
    } catch {
      return false;
    }
  });

  // The bench's own client, and the bare workflow's worker inside this process.
  const connection = await Connection.connect({ address: temporal.address });
  const client = new Client({ connection, namespace: temporal.namespace });
  const bareOptions = {
    address: temporal.address,
    namespace: temporal.namespace,
    databaseUrl: appPg.url,
    taskQueue: BARE_QUEUE,
  };
  if (flags['bare-worker-process']) {
    say('bundling the bare workflow and starting its worker (a process of its own)');
    await startNode(
      'bare worker',
      path.join(root, 'scripts', 'bench', 'bare-worker.mjs'),
      process.env,
      async (seen) => seen.includes('bare worker polling'),
      [JSON.stringify(bareOptions)],
    );
  } else {
    say('bundling the bare workflow and starting its worker (in this process)');
    const bare = await startBareWorker(bareOptions);
    stops.push(() => bare.stop());
  }
  stops.push(() => dataSource.destroy());

  const tokens = Object.fromEntries(
    Object.entries(ACTORS).map(([key, actor]) => [key, signToken(actor, { secret, expiresIn: 24 * 3600 })]),
  );
  const drivers = makeDrivers({ apiBase, client, tokens, unitNames });

  say('warming up: 3 issues of each mode (not counted)');
  for (const mode of Object.keys(MODES)) await runIssues(drivers[mode], 3, 3, `warm-up ${mode}`);

  // Interleaved rounds; the order turns each round so that no mode always runs first.
  const results = Object.fromEntries(
    Object.keys(MODES).map((mode) => [
      mode,
      {
        rounds: [],
        serial: [],
        concurrent: [],
        ids: [],
        cpu: [],
        issues: 0,
        seconds: 0,
        pending: 0,
        stalled: [],
      },
    ]),
  );
  const order = Object.keys(MODES);
  for (let round = 1; round <= ROUNDS; round += 1) {
    const turn = order.slice(round - 1).concat(order.slice(0, round - 1));
    for (const mode of turn) {
      const r = results[mode];
      if (SERIAL > 0) {
        const serial = await runIssues(drivers[mode], SERIAL, 1, `round ${round} ${mode}`);
        r.pending += serial.lat.pending;
        r.stalled.push(...serial.lat.stalled);
        r.serial.push(...serial.lat.update);
        r.ids.push(...serial.ids);
      }
      const before = cpuByTree(pids);
      const run = await runIssues(drivers[mode], ISSUES, CONCURRENCY, `round ${round} ${mode}`);
      r.pending += run.lat.pending;
      r.stalled.push(...run.lat.stalled);
      const cpu = cpuDelta(before, cpuByTree(pids));
      r.concurrent.push(...run.lat.update);
      r.ids.push(...run.ids);
      r.cpu.push(cpu);
      r.issues += run.ids.length;
      r.seconds += run.seconds;
      r.rounds.push(run.ids.length / run.seconds);
      say(
        `round ${round}/${ROUNDS} ${mode}: ${(run.ids.length / run.seconds).toFixed(2)} issues/s, ` +
          `CPU ${(cpu.total / Math.max(1, run.ids.length)).toFixed(0)} ms/issue, Update p50 ${ms(median(run.lat.update))}`,
      );
    }
  }

  say('reading history sizes (DescribeWorkflowExecution)');
  for (const mode of Object.keys(MODES)) {
    const r = results[mode];
    const sample = r.ids.slice(-Math.min(20, r.ids.length));
    const described = [];
    for (const id of sample) {
      // A run's description counts after its last task: wait for the close the final Update leads to.
      const handle = client.workflow.getHandle(id);
      await handle.result();
      const d = await handle.describe();
      described.push({ events: d.historyLength, bytes: d.historySize });
    }
    r.history = {
      n: described.length,
      events: median(described.map((d) => d.events)),
      bytes: median(described.map((d) => d.bytes)),
      byType: await eventsByType(client, sample[sample.length - 1]),
    };
  }

  const health = LEDGER_LINES > 0 ? await ledgerProbe({ apiBase, dataSource, token: tokens.uleHead }) : null;
  report(results, health);
}

/** One closed issue's history by event type: { type: { events, bytes } }, bytes as each event encodes. */
async function eventsByType(client, workflowId) {
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  const byType = {};
  for (const event of history.events ?? []) {
    const type = proto.api.enums.v1.EventType[event.eventType]
      .replace(/^EVENT_TYPE_/, '')
      .toLowerCase()
      .replace(/_(\w)/g, (_, letter) => letter.toUpperCase());
    byType[type] ??= { events: 0, bytes: 0 };
    byType[type].events += 1;
    byType[type].bytes += proto.api.history.v1.HistoryEvent.encode(event).finish().length;
  }
  return byType;
}

/** Warnings and errors the worker and the API logged (JSON lines), counted by message. */
function loggedTrouble() {
  const found = {};
  for (const name of ['worker', 'API']) {
    const file = path.join(logDir, `${name}.log`);
    if (!fs.existsSync(file)) continue;
    for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
      let entry;
      try {
        entry = JSON.parse(line);
      } catch {
        if (/error|warn/i.test(line)) entry = { level: 'other', msg: line };
        else continue;
      }
      if (!['warn', 'error', 'other'].includes(entry.level)) continue;
      const key = `${name} ${entry.level}: ${String(entry.msg).slice(0, 100)}`;
      found[key] = (found[key] ?? 0) + 1;
    }
  }
  return found;
}

/**
 * The API's /health/live while it renders a ledger of LEDGER_LINES lines as a PDF: the ULE ledger is filled up to
 * that size with copies of the issues the rounds closed (read-model rows only), then exported through the API
 * while a probe asks /health/live every 10 ms.
 */
async function ledgerProbe({ apiBase, dataSource, token }) {
  const [{ n }] = await dataSource.query(
    `SELECT count(DISTINCT issue_code)::int AS n FROM ledger_entries WHERE unit_code = 'ULE'`,
  );
  const missing = LEDGER_LINES - n;
  if (missing > 0) {
    say(`filling the ULE ledger to ${LEDGER_LINES} lines (${missing} copies of closed issues' rows)`);
    // Codes of year 2099 stay clear of real ones; every other column is copied as it is.
    await dataSource.query(
      `CREATE TEMP TABLE bench_copies AS
         SELECT i.code AS source, format('2099-%s', lpad(g::text, 6, '0')) AS code
         FROM generate_series(1, $1) AS g
         JOIN LATERAL (SELECT code FROM issues WHERE sector_owner = 'ULE' ORDER BY code OFFSET (g % $2) LIMIT 1) i ON true`,
      [missing, n],
    );
    // Column by column, leaving out generated ones, so that columns added later are copied too.
    const copy = async (table, replaced) => {
      const columns = (
        await dataSource.query(
          `SELECT column_name FROM information_schema.columns
           WHERE table_schema = current_schema() AND table_name = $1 AND is_generated = 'NEVER'
           ORDER BY ordinal_position`,
          [table],
        )
      ).map((row) => row.column_name);
      const values = columns.map((column) => replaced[column] ?? `t."${column}"`);
      await dataSource.query(
        `INSERT INTO ${table} (${columns.map((column) => `"${column}"`).join(', ')})
         SELECT ${values.join(', ')} FROM bench_copies c JOIN ${table} t ON t.${replaced.key} = c.source`,
      );
    };
    await copy('issues', { key: 'code', code: 'c.code', workflow_id: `'issue-' || c.code` });
    await copy('ledger_entries', { key: 'issue_code', issue_code: 'c.code' });
  }
  const probe = async (work) => {
    const times = [];
    let running = true;
    const asking = (async () => {
      while (running) {
        const t0 = performance.now();
        await request(apiBase, 'GET', '/health/live');
        times.push(performance.now() - t0);
        await sleep(10);
      }
    })();
    await sleep(200);
    const t0 = performance.now();
    const outcome = await work();
    const seconds = (performance.now() - t0) / 1000;
    running = false;
    await asking;
    return { ...latencySummary(times), seconds, outcome };
  };
  say('probing /health/live while idle, then while the ledger renders as a PDF');
  const idle = await probe(() => sleep(1000));
  const render = () =>
    probe(() => request(apiBase, 'GET', '/api/v1/ledgers/ULE/export?format=pdf', { token }));
  await render(); // the first render loads the font
  const rendering = await render();
  if (rendering.outcome.status !== 200) throw new Error(`ledger export: ${rendering.outcome.status}`);
  return { idle, rendering, lines: Math.max(n, LEDGER_LINES) };
}

function report(results, health) {
  const rows = (mode) => results[mode];
  const throughput = (mode) => rows(mode).issues / rows(mode).seconds;
  const cpuPerIssue = (mode) => rows(mode).cpu.reduce((sum, cpu) => sum + cpu.total, 0) / rows(mode).issues;
  const lines = [];
  const out = (text = '') => lines.push(text);
  out();
  out(
    `npm run bench — ${new Date().toISOString()}; ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), ` +
      `load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}; Temporal v${TEMPORAL_SERVER_VERSION} on PostgreSQL`,
  );
  out(
    `--issues ${ISSUES} --rounds ${ROUNDS} --concurrency ${CONCURRENCY} --serial ${SERIAL} --ledger-lines ${LEDGER_LINES}`,
  );
  out();
  out('Throughput and CPU (rounds at concurrency ' + CONCURRENCY + '; CPU of every process involved)');
  out(
    table([
      ['mode', 'issues/s', 'per round', 'CPU ms/issue', 'vs B'],
      ...Object.keys(MODES).map((mode) => [
        MODES[mode],
        throughput(mode).toFixed(2),
        rows(mode)
          .rounds.map((t) => t.toFixed(1))
          .join(' '),
        cpuPerIssue(mode).toFixed(0),
        mode === 'B'
          ? ''
          : `${times(ratio(throughput(mode), throughput('B')))} / ${times(ratio(cpuPerIssue(mode), cpuPerIssue('B')))}`,
      ]),
    ]),
  );
  out(
    `A/B throughput ${times(ratio(throughput('A'), throughput('B')))}, W/B ${times(ratio(throughput('W'), throughput('B')))}; ` +
      `CPU per issue A/B ${times(ratio(cpuPerIssue('A'), cpuPerIssue('B')))}, W/B ${times(ratio(cpuPerIssue('W'), cpuPerIssue('B')))}`,
  );
  for (const mode of Object.keys(MODES)) {
    const stalled = rows(mode).stalled;
    if (stalled.length === 0) continue;
    const reasons = [...new Set(stalled.map((s) => s.reason))];
    out(
      `${mode}: ${stalled.length} issues stalled and are left out of the figures (${stalled
        .slice(0, 3)
        .map((s) => s.workflowId)
        .join(', ')}${stalled.length > 3 ? ', …' : ''}): ${reasons.join('; ')}`,
    );
  }
  out();
  out('CPU ms per issue by process');
  const names = Object.keys(rows('A').cpu[0]).filter((name) => name !== 'total');
  out(
    table([
      ['mode', ...names],
      ...Object.keys(MODES).map((mode) => [
        mode,
        ...names.map((name) =>
          (rows(mode).cpu.reduce((sum, cpu) => sum + cpu[name], 0) / rows(mode).issues).toFixed(0),
        ),
      ]),
    ]),
  );
  out();
  out('Update latency (A: the HTTP action request; B, W: executeUpdate)');
  const latencyRows = [['mode', 'concurrency', 'n', 'p50', 'p95', 'p99', 'p99 vs B']];
  const summaries = {};
  for (const [label, key, c] of [
    ['1', 'serial', 1],
    [String(CONCURRENCY), 'concurrent', CONCURRENCY],
  ]) {
    for (const mode of Object.keys(MODES)) {
      summaries[`${mode}${c}`] = latencySummary(rows(mode)[key]);
    }
    for (const mode of Object.keys(MODES)) {
      const s = summaries[`${mode}${c}`];
      const b = summaries[`B${c}`];
      latencyRows.push([
        mode,
        label,
        s.n,
        ms(s.p50),
        ms(s.p95),
        ms(s.p99),
        mode === 'B'
          ? ''
          : `${times(ratio(s.p50, b.p50))} ${times(ratio(s.p95, b.p95))} ${times(ratio(s.p99, b.p99))}`,
      ]);
    }
  }
  out(table(latencyRows));
  out('(the last column: p50, p95 and p99 as multiples of B’s at the same concurrency)');
  if (rows('A').pending > 0)
    out(
      `A: ${rows('A').pending} actions outlasted UPDATE_WAIT_SECONDS, were answered 202 and polled to their outcome`,
    );
  out();
  out('History per issue (median of the last 20 closed issues of each mode)');
  out(
    table([
      ['mode', 'events', 'bytes'],
      ...Object.keys(MODES).map((mode) => [
        mode,
        String(rows(mode).history.events),
        kib(rows(mode).history.bytes),
      ]),
    ]),
  );
  out();
  out('One issue’s history by event type (events, encoded bytes)');
  const types = [...new Set(Object.keys(MODES).flatMap((mode) => Object.keys(rows(mode).history.byType)))];
  out(
    table([
      ['event type', ...Object.keys(MODES)],
      ...types.map((type) => [
        type,
        ...Object.keys(MODES).map((mode) => {
          const t = rows(mode).history.byType[type];
          return t ? `${t.events} ${kib(t.bytes)}` : '';
        }),
      ]),
    ]),
  );
  const trouble = loggedTrouble();
  out();
  out(
    Object.keys(trouble).length === 0
      ? 'The worker and the API logged no warnings or errors.'
      : 'Warnings and errors the worker and the API logged (count, message):',
  );
  for (const [message, count] of Object.entries(trouble)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 8))
    out(`  ${String(count).padStart(5)}  ${message}`);
  if (health) {
    out();
    out(`The API's /health/live while a ${health.lines}-line ledger renders as a PDF`);
    out(
      table([
        ['', 'n', 'p50', 'p99', 'max', 'render'],
        ['idle', health.idle.n, ms(health.idle.p50), ms(health.idle.p99), ms(health.idle.max), ''],
        [
          'rendering',
          health.rendering.n,
          ms(health.rendering.p50),
          ms(health.rendering.p99),
          ms(health.rendering.max),
          `${health.rendering.seconds.toFixed(2)} s, ${kib(health.rendering.outcome.bytes)}`,
        ],
      ]),
    );
  }
  console.log(lines.join('\n'));
  if (flags.json) {
    const summary = Object.fromEntries(
      Object.keys(MODES).map((mode) => [
        mode,
        {
          issuesPerSecond: throughput(mode),
          perRound: rows(mode).rounds,
          cpuMsPerIssue: cpuPerIssue(mode),
          updateLatency: { 1: summaries[`${mode}1`], [CONCURRENCY]: summaries[`${mode}${CONCURRENCY}`] },
          history: rows(mode).history,
          answered202: rows(mode).pending,
          stalled: rows(mode).stalled,
        },
      ]),
    );
    fs.writeFileSync(
      flags.json,
      `${JSON.stringify({ at: new Date().toISOString(), flags, loadAverage: os.loadavg(), summary, health, text: lines }, null, 2)}\n`,
    );
    say(`figures written to ${flags.json}`);
  }
}

try {
  await main();
  await shutdown();
  say('done');
  process.exit(0);
} catch (error) {
  console.error(`[bench] failed: ${error?.stack ?? error}`);
  say(`logs are in ${path.relative(root, logDir)} (kept)`);
  flags.keep = true;
  await shutdown();
  process.exit(1);
}
