#!/usr/bin/env node
// Scale benchmark (`npm run bench:scale`, issue 15): the production engine on one machine: Temporal server on
// PostgreSQL, the app's PostgreSQL and the compiled worker. Then
//   1. hold:  starts N open issues (default 100,000) in bulk through the Temporal client, each accepted by its own
//             unit with a 五定 plan due in working days (a pending deadline timer per issue), with progress lines;
//             samples the worker's RSS and its sticky cache over time, and what each issue costs (history, CPU,
//             rows and bytes in the three databases);
//   2. fire:  starts F more issues whose deadlines count in minutes (DEADLINE_UNIT=minute, refused in production),
//             paced over a window of W seconds, each with its plan due a few minutes on, so that their three
//             escalations (overdue, county supervision a minute later, the chief a minute after that) fire at
//             F/W per second each while the N issues are held; measures the lateness of each escalation from its
//             scheduled time to the event in the issue's history (its workflow time) and to its notice row in the
//             outbox: p50/p99/max.
// Prints figures and asserts nothing. Flags (or the BENCH_SCALE_* environment variables):
//   --issues N (100000)  --fire F (2000)  --concurrency C (32)  --cache N (WORKER_MAX_CACHED_WORKFLOWS, 1000)
//   --fire-window-seconds W (60)  --shards N (Temporal history shards, 4)  --hold-seconds S (60)
//   --sample-seconds S (10)
//   --max-start-minutes M (90; stops starting then and says so)  --out FILE (the figures as JSON)  --keep
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { clearTimeout, setTimeout } from 'node:timers';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { cpuMs, duration, gauge, mib, rssBytes, summary, treeCpuMs } from './bench-scale/measure.mjs';
import { freePort, startTemporalOnPostgres } from './temporal-postgres.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const require = createRequire(import.meta.url);
const say = (message) => console.log(`[bench:scale] ${message}`);

// ── settings ─────────────────────────────────────────────────────────────────────────────────────────────────
const flags = {
  issues: 100_000,
  fire: 2000,
  'fire-window-seconds': 60,
  concurrency: 32,
  cache: 1000,
  shards: 4,
  'hold-seconds': 60,
  'sample-seconds': 10,
  'max-start-minutes': 90,
};
const { values: given } = parseArgs({
  options: {
    ...Object.fromEntries(Object.keys(flags).map((name) => [name, { type: 'string' }])),
    out: { type: 'string' },
    keep: { type: 'boolean' },
  },
});
const settings = {};
for (const [name, fallback] of Object.entries(flags)) {
  const raw = given[name] ?? process.env[`BENCH_SCALE_${name.toUpperCase().replace(/-/g, '_')}`];
  const value = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < 0) {
    console.error(`--${name} must be a whole number (got ${raw})`);
    process.exit(2);
  }
  settings[name] = value;
}
if (
  !fs.existsSync(path.join(dist, 'workflow-bundle.js')) ||
  !fs.existsSync(path.join(dist, 'worker', 'main.js'))
) {
  console.error(
    'dist/ is missing: run `npm run build` and `node dist/worker/build-bundle.js` (or `npm run setup`)',
  );
  process.exit(1);
}

const load = (file) => require(path.join(dist, file));
const { startEmbeddedPostgres } = load('deploy/local/postgres.js');
const { openDataSource } = load('persistence/data-source.js');
const { seed } = load('persistence/seed/seed.js');
const { loadConfiguration, deadlinePolicyOverride } = load('config/configuration.js');
const { ensureLocalSealKey } = load('config/seal-config.js');
const { DEFAULT_CALENDAR, withDeadlineUnit } = load('domain/calendar/working-days.js');
const { ISSUE_PROCESS } = load('domain/process/issue-process.definition.js');
const { startIssue } = load('domain/issue/lifecycle/start.js');
const { formatIssueCode, issueCodeYear, issueWorkflowId } = load('domain/issue/issue-code.js');
const { issueSummary } = load('domain/issue/issue-state.js');
const { issueStaticSummary, issueStaticDetails } = load('domain/issue/operator-view.js');
const { issueSearchAttributes } = load('workflows/issue/issue.search-attributes.js');
const { ISSUE_RUN_VERSION } = load('workflows/issue/issue.workflow.js');
const { DEFAULT_ORGANISATION } = load('domain/organisation/roles.js');
const { Client, Connection } = require('@temporalio/client');
const { temporal: proto } = require('@temporalio/proto');
const pg = require('pg');

const TASK_QUEUE = 'eco-grid';
const figures = {
  settings,
  machine: { cores: os.cpus().length, memory: os.totalmem() },
  startedAt: new Date(),
};
const stops = [];
let stopping = false;
async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  for (const stop of stops.reverse()) {
    try {
      await stop();
    } catch (error) {
      say(`while stopping: ${error?.message ?? error}`);
    }
  }
  process.exit(code);
}
process.on('SIGINT', () => void shutdown(130));
process.on('SIGTERM', () => void shutdown(143));

// ── the servers ──────────────────────────────────────────────────────────────────────────────────────────────
async function startServers() {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'eco-grid-scale-'));
  // The embedded PostgreSQL runs as its own user when this runs as root: it must reach its data directory.
  fs.chmodSync(workDir, 0o755);
  if (!given.keep) stops.push(() => fs.rmSync(workDir, { recursive: true, force: true }));
  say(`working in ${workDir}${given.keep ? ' (kept)' : ''}`);

  const pgDir = path.join(workDir, 'postgres');
  const pgLog = path.join(workDir, 'postgres.log');
  const postgres = await startEmbeddedPostgres({
    dataDir: pgDir,
    port: await freePort(),
    database: 'eco_grid',
    log: (line) => fs.appendFileSync(pgLog, `${line}\n`),
  });
  stops.push(() => postgres.stop());
  const postmaster = Number(fs.readFileSync(path.join(pgDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  const serverUrl = postgres.url.replace(/\/eco_grid$/, '');

  const app = await openDataSource(postgres.url, { poolSize: 4 });
  stops.push(() => app.destroy());
  await app.runMigrations({ transaction: 'each' });
  await seed(app, { demo: true });

  const temporal = await startTemporalOnPostgres({
    workDir: path.join(workDir, 'temporal'),
    databaseUrl: `${serverUrl}/postgres`,
    numHistoryShards: settings.shards,
    logLevel: 'warn',
    say: (message) => say(`temporal: ${message}`),
  });
  stops.push(() => temporal.stop());

  const { file: sealKeyFile } = ensureLocalSealKey(workDir);
  const metricsPort = await freePort();
  const workerEnv = {
    ...process.env,
    DATABASE_URL: postgres.url,
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_NAMESPACE: temporal.namespace,
    TEMPORAL_TASK_QUEUE: TASK_QUEUE,
    WORKER_MAX_CACHED_WORKFLOWS: String(settings.cache),
    WORKER_METRICS_PORT: String(metricsPort),
    SEAL_PRIVATE_KEY_FILE: sealKeyFile,
    DEADLINE_UNIT: 'minute',
    LOG_LEVEL: 'log',
  };
  const worker = await startWorker(workerEnv, path.join(workDir, 'worker.log'));
  stops.push(() => stopChild(worker));
  const connection = await Connection.connect({ address: temporal.address });
  stops.push(() => connection.close());
  const client = new Client({ connection, namespace: temporal.namespace });
  return {
    app,
    client,
    worker,
    temporal,
    postmaster,
    serverUrl,
    workerEnv,
    metricsUrl: `http://127.0.0.1:${metricsPort}/metrics`,
  };
}

/** The compiled worker, its output to a log file; resolves once it polls the task queue. */
function startWorker(env, logFile) {
  const log = fs.openSync(logFile, 'a');
  const child = spawn(process.execPath, [path.join(dist, 'worker', 'main.js')], {
    env,
    stdio: ['ignore', 'pipe', log],
  });
  fs.closeSync(log);
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(
      () => reject(new Error(`the worker did not poll within 120 s (${logFile})`)),
      120_000,
    );
    child.stdout.on('data', (chunk) => {
      fs.appendFileSync(logFile, chunk);
      if (seen !== null) {
        seen = (seen + chunk.toString()).slice(-4000);
        if (seen.includes('worker polling task queue')) {
          seen = null;
          clearTimeout(timer);
          say(`worker up (pid ${child.pid}, log ${logFile})`);
          resolve(child);
        }
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the worker exited (${code}) before polling; see ${logFile}`));
    });
  });
}

function stopChild(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

// ── what is measured along the way ───────────────────────────────────────────────────────────────────────────
/** The text of a loopback metrics endpoint, or '' when it does not answer in time. */
function scrape(url) {
  return new Promise((resolve) => {
    const request = http.get(url, { timeout: 3000 }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => (text += chunk));
      response.on('end', () => resolve(text));
      response.on('error', () => resolve(''));
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(''));
  });
}

function cpuNow(s) {
  return {
    worker: cpuMs(s.worker.pid),
    temporal: cpuMs(s.temporal.process.pid),
    postgres: treeCpuMs(s.postmaster),
    client: (process.cpuUsage().user + process.cpuUsage().system) / 1000,
  };
}

const cpuDelta = (after, before) =>
  Object.fromEntries(Object.keys(after).map((key) => [key, after[key] - before[key]]));

/** Every few seconds: the worker's RSS and sticky cache, with a progress line while issues are being started. */
function startSampler(s, progress) {
  const series = [];
  const t0 = Date.now();
  let running = true;
  const done = (async () => {
    while (running) {
      const text = await scrape(s.metricsUrl);
      const sample = {
        t: Math.round((Date.now() - t0) / 1000),
        phase: progress.phase,
        started: progress.started,
        rss: rssBytes(s.worker.pid),
        cache: gauge(text, 'temporal_sticky_cache_size'),
      };
      series.push(sample);
      if (progress.phase === 'start') {
        const elapsed = (Date.now() - progress.since) / 1000;
        const rate = progress.started / Math.max(elapsed, 0.001);
        const eta = rate > 0 ? (progress.target - progress.started) / rate : NaN;
        say(
          `started ${progress.started}/${progress.target} (${((100 * progress.started) / progress.target).toFixed(1)}%)` +
            ` ${rate.toFixed(1)}/s, ETA ${duration(eta)}; worker RSS ${mib(sample.rss)}, cache ${sample.cache ?? '?'}` +
            `, failed ${progress.failed}, load ${os.loadavg()[0].toFixed(1)}`,
        );
      } else {
        say(
          `${progress.phase}: worker RSS ${mib(sample.rss)}, cache ${sample.cache ?? '?'}, load ${os.loadavg()[0].toFixed(1)}`,
        );
      }
      await sleep(settings['sample-seconds'] * 1000);
    }
  })();
  return {
    series,
    stop: async () => {
      running = false;
      await done;
    },
  };
}

async function databaseSizes(s) {
  const rows = await s.app.query(
    `SELECT datname, pg_database_size(datname)::bigint AS bytes FROM pg_database
      WHERE datname IN ('eco_grid', 'temporal', 'temporal_visibility')`,
  );
  return Object.fromEntries(rows.map((row) => [row.datname, Number(row.bytes)]));
}

/** Live rows per table (the statistics' estimate after ANALYZE) of one database, largest first. */
async function tableRows(s, database) {
  const db = new pg.Client({ connectionString: `${s.serverUrl}/${database}` });
  await db.connect();
  try {
    await db.query('ANALYZE');
    const { rows } = await db.query(
      `SELECT relname, n_live_tup::bigint AS rows, pg_total_relation_size(relid)::bigint AS bytes
         FROM pg_stat_user_tables WHERE n_live_tup > 0 ORDER BY pg_total_relation_size(relid) DESC LIMIT 12`,
    );
    return rows.map((row) => ({ table: row.relname, rows: Number(row.rows), bytes: Number(row.bytes) }));
  } finally {
    await db.end();
  }
}

/** Events and encoded bytes of a sample of issue histories. */
async function historySizes(s, codes) {
  const sizes = [];
  for (const code of codes) {
    const history = await s.client.workflow.getHandle(issueWorkflowId(code)).fetchHistory();
    const bytes = proto.api.history.v1.History.encode(history).finish().length;
    sizes.push({ events: history.events?.length ?? 0, bytes });
  }
  return sizes;
}

// ── the issues ───────────────────────────────────────────────────────────────────────────────────────────────
const YEAR = issueCodeYear(new Date());
const CATEGORY = { category: 'domestic_waste', owner: 'ULE' };

/** An issue as the API would start it: found by its owner's grid member, so it is accepted with a plan due. */
function issueInput(seq, calendar, policy, organisation) {
  const code = formatIssueCode(YEAR, seq);
  return {
    code,
    report: {
      title: `古州镇河段沿岸堆放生活垃圾（压测第${seq}处）`,
      description: '河道左岸堆放生活垃圾约20立方米，雨季冲入河道影响水质',
      category: CATEGORY.category,
      severity: 'general',
      source: 'patrol',
      township: 'T-GUZHOU',
      finderUnit: CATEGORY.owner,
      reportedBy: '执法局网格员',
      evidence: [],
    },
    sectorOwner: CATEGORY.owner,
    territorialOwner: 'T-GUZHOU',
    definitionVersion: ISSUE_PROCESS.version,
    // As the API starts them: lean, ordered, spread timers, local-activity ledger writes.
    runVersion: ISSUE_RUN_VERSION,
    reportedAt: new Date().toISOString(),
    policy,
    calendar,
    organisation,
  };
}

async function startOne(s, input) {
  const { state } = startIssue(input, {
    definition: ISSUE_PROCESS,
    calendar: input.calendar,
    now: Date.now(),
  });
  await s.client.workflow.start('issueLifecycle', {
    workflowId: issueWorkflowId(input.code),
    taskQueue: TASK_QUEUE,
    args: [input],
    workflowIdConflictPolicy: 'FAIL',
    memo: { summary: issueSummary(state) },
    typedSearchAttributes: issueSearchAttributes(state),
    staticSummary: issueStaticSummary(input),
    staticDetails: issueStaticDetails(input),
  });
}

/**
 * Starts issues first..first+count-1 with `concurrency` in flight, at most `perSecond` a second when given; stops
 * early at `deadline` (epoch ms).
 */
async function startMany(s, progress, { first, count, makeInput, deadline = Infinity, perSecond }) {
  let next = first;
  const end = first + count;
  const errors = new Map();
  const t0 = Date.now();
  const lane = async () => {
    while (next < end && Date.now() < deadline) {
      const seq = next++;
      if (perSecond) await sleep(Math.max(0, t0 + ((seq - first) * 1000) / perSecond - Date.now()));
      try {
        await startOne(s, makeInput(seq));
        progress.started += 1;
      } catch (error) {
        progress.failed += 1;
        const key = String(error?.message ?? error).slice(0, 160);
        errors.set(key, (errors.get(key) ?? 0) + 1);
      }
    }
  };
  await Promise.all(Array.from({ length: settings.concurrency }, lane));
  for (const [message, times] of errors) say(`start failed ${times}×: ${message}`);
  return next - first;
}

/** Waits until the read model holds `count` issues (the worker has run their first tasks), or the timeout. */
async function waitForReadModel(s, count, timeoutMs) {
  const until = Date.now() + timeoutMs;
  let rows = 0;
  while (Date.now() < until) {
    rows = Number((await s.app.query('SELECT count(*)::int AS n FROM issues'))[0].n);
    if (rows >= count) return rows;
    await sleep(2000);
  }
  return rows;
}

// ── the run ──────────────────────────────────────────────────────────────────────────────────────────────────
async function main() {
  say(
    `${settings.issues} held issues, ${settings.fire} firing, concurrency ${settings.concurrency}, ` +
      `worker cache ${settings.cache}, ${settings.shards} history shards; ${os.cpus().length} cores, ` +
      `load ${os.loadavg()[0].toFixed(1)} (a shared machine: figures are indicative)`,
  );
  const s = await startServers();
  const unitNames = Object.fromEntries(
    (await s.app.query('SELECT code, name FROM units')).map((unit) => [unit.code, unit.name]),
  );
  const organisation = { ...DEFAULT_ORGANISATION, unitNames };
  // The deadline settings go through the validated configuration, as in the API.
  const config = loadConfiguration(s.workerEnv);
  const basePolicy = { ...ISSUE_PROCESS.policy, ...deadlinePolicyOverride(config) };

  await sleep(5000);
  const idle = { rss: rssBytes(s.worker.pid), sizes: await databaseSizes(s) };
  figures.idle = idle;
  say(`idle worker RSS ${mib(idle.rss)}`);

  // 1. hold
  const progress = { phase: 'start', started: 0, failed: 0, target: settings.issues, since: Date.now() };
  const sampler = startSampler(s, progress);
  const cpuBefore = cpuNow(s);
  const startedAt = Date.now();
  const attempted = await startMany(s, progress, {
    first: 1,
    count: settings.issues,
    makeInput: (seq) => issueInput(seq, DEFAULT_CALENDAR, basePolicy, organisation),
    deadline: startedAt + settings['max-start-minutes'] * 60_000,
  });
  const startSeconds = (Date.now() - startedAt) / 1000;
  const held = progress.started;
  if (attempted < settings.issues)
    say(`stopped starting after ${settings['max-start-minutes']} min: ${held} of ${settings.issues} started`);
  progress.phase = 'settle';
  const inReadModel = await waitForReadModel(s, held, Math.max(10 * 60_000, held * 200));
  const settleSeconds = (Date.now() - startedAt) / 1000;
  const cpu = cpuDelta(cpuNow(s), cpuBefore);
  say(
    `${held} issues started in ${duration(startSeconds)} (${(held / startSeconds).toFixed(1)}/s), ` +
      `${inReadModel} in the read model after ${duration(settleSeconds)}; ${progress.failed} starts failed`,
  );
  progress.phase = 'hold';
  await sleep(settings['hold-seconds'] * 1000);
  const sizes = await databaseSizes(s);
  const rows = {
    eco_grid: await tableRows(s, 'eco_grid'),
    temporal: await tableRows(s, 'temporal'),
    temporal_visibility: await tableRows(s, 'temporal_visibility'),
  };
  const sample = Array.from({ length: Math.min(20, held) }, (_, i) =>
    formatIssueCode(YEAR, 1 + Math.floor((i * held) / Math.min(20, held))),
  );
  const histories = await historySizes(s, sample);
  const holdRss = sampler.series.filter((x) => x.phase === 'hold').map((x) => x.rss);
  figures.hold = {
    held,
    failed: progress.failed,
    startSeconds,
    startRate: held / startSeconds,
    settleSeconds,
    cpuMsPerIssue: Object.fromEntries(Object.entries(cpu).map(([k, v]) => [k, v / held])),
    historyEvents: summary(histories.map((h) => h.events)),
    historyBytes: summary(histories.map((h) => h.bytes)),
    bytesPerIssue: Object.fromEntries(
      Object.keys(sizes).map((db) => [db, (sizes[db] - idle.sizes[db]) / held]),
    ),
    sizes,
    rows,
    rssPlateau: holdRss.length ? Math.max(...holdRss) : rssBytes(s.worker.pid),
    cached: sampler.series.at(-1)?.cache ?? Math.min(settings.cache, held),
  };
  figures.hold.rssPerCachedWorkflow = (figures.hold.rssPlateau - idle.rss) / Math.max(1, figures.hold.cached);

  // 2. fire: starts paced over the window, each plan due `lead` minutes after its start, so the escalations of
  // each level are as spread as the starts were
  const window = settings['fire-window-seconds'];
  const lead = 3;
  const windowStart = Date.now() + lead * 60_000;
  const minutes = withDeadlineUnit(DEFAULT_CALENDAR, config.DEADLINE_UNIT);
  say(
    `firing: ${settings.fire} issues with deadlines in minutes, started over ${window} s, plans due from ` +
      `${new Date(windowStart).toISOString()}`,
  );
  progress.phase = 'start';
  progress.started = 0;
  progress.failed = 0;
  progress.target = settings.fire;
  progress.since = Date.now();
  const fireFirst = settings.issues + 1;
  const fireCpuBefore = cpuNow(s);
  await startMany(s, progress, {
    first: fireFirst,
    count: settings.fire,
    ...(window > 0 ? { perSecond: settings.fire / window } : {}),
    makeInput: (seq) => {
      // Reminder at the start (skipped), overdue at the due time, county supervision 1 and the chief 2 minutes on.
      const policy = {
        ...basePolicy,
        planDueWorkingDays: lead,
        reminderWorkingDaysBefore: lead,
        countySupervisionAfterWorkingDays: 1,
        chiefEscalationAfterWorkingDays: 2,
      };
      return issueInput(seq, minutes, policy, organisation);
    },
  });
  const fired = progress.started;
  progress.phase = 'fire';
  const fireCodes = Array.from({ length: settings.fire }, (_, i) => formatIssueCode(YEAR, fireFirst + i));
  const expected = fired * 3;
  const until = windowStart + window * 1000 + 3 * 60_000 + 10 * 60_000;
  let escalations = [];
  while (Date.now() < until) {
    await sleep(10_000);
    escalations = await s.app.query(
      `SELECT e.id, e.at, e.recorded_at AS "recordedAt", e.payload->>'due' AS due, (e.payload->>'level')::int AS level,
              (SELECT min(o.created_at) FROM notification_outbox o WHERE o.event_id = e.id) AS "outboxAt"
         FROM issue_events e WHERE e.type = 'escalated' AND e.issue_code = ANY($1)`,
      [fireCodes],
    );
    say(`fire: ${escalations.length}/${expected} escalations recorded`);
    if (escalations.length >= expected) break;
  }
  const fireCpu = cpuDelta(cpuNow(s), fireCpuBefore);
  await sampler.stop();
  const AFTER = { 1: 1, 2: 60_000, 3: 120_000 };
  const late = { history: [], ledger: [], outbox: [] };
  const byLevel = {};
  const scheduledTimes = [];
  const scheduledByLevel = {};
  for (const e of escalations) {
    const scheduled = Date.parse(e.due) + AFTER[e.level];
    scheduledTimes.push(scheduled);
    (scheduledByLevel[e.level] ??= []).push(scheduled);
    const history = new Date(e.at).getTime() - scheduled;
    late.history.push(history);
    late.ledger.push(new Date(e.recordedAt).getTime() - scheduled);
    if (e.outboxAt) late.outbox.push(new Date(e.outboxAt).getTime() - scheduled);
    (byLevel[e.level] ??= []).push(history);
  }
  const spanOf = (times) => (times.length ? (Math.max(...times) - Math.min(...times)) / 1000 : 0);
  const span = spanOf(scheduledTimes);
  figures.fire = {
    started: fired,
    expected,
    recorded: escalations.length,
    withNotice: late.outbox.length,
    // Starting the firing issues is in it too: an upper bound of what one escalation costs.
    cpuMsPerEscalation: Object.fromEntries(
      Object.entries(fireCpu).map(([k, v]) => [k, v / Math.max(1, escalations.length)]),
    ),
    fireRatePerSecond: span > 0 ? escalations.length / span : undefined,
    lateness: Object.fromEntries(Object.entries(late).map(([k, v]) => [k, summary(v)])),
    historyByLevel: Object.fromEntries(
      Object.entries(byLevel).map(([k, v]) => [
        k,
        { ...summary(v), perSecond: v.length / Math.max(1, spanOf(scheduledByLevel[k])) },
      ]),
    ),
  };
  figures.series = sampler.series;
  report();
}

function report() {
  const h = figures.hold;
  const f = figures.fire;
  const ms = (x) => (Number.isFinite(x) ? `${x.toFixed(0)} ms` : '?');
  const lines = [
    '',
    `── held issues (${h.held}; ${h.failed} starts failed) ──`,
    `start rate ${h.startRate.toFixed(1)}/s (${duration(h.startSeconds)}); read model caught up after ${duration(h.settleSeconds)}`,
    `CPU per issue: ${Object.entries(h.cpuMsPerIssue)
      .map(([k, v]) => `${k} ${v.toFixed(1)} ms`)
      .join(', ')}`,
    `history per issue (sample of ${h.historyEvents.n}): ${h.historyEvents.p50} events, ${h.historyBytes.p50} bytes (max ${h.historyBytes.max})`,
    `database bytes per issue: ${Object.entries(h.bytesPerIssue)
      .map(([k, v]) => `${k} ${(v / 1024).toFixed(1)} KiB`)
      .join(', ')}; sizes ${Object.entries(h.sizes)
      .map(([k, v]) => `${k} ${mib(v)}`)
      .join(', ')}`,
    ...Object.entries(h.rows).map(
      ([db, tables]) =>
        `rows in ${db}: ${tables
          .slice(0, 8)
          .map((t) => `${t.table} ${t.rows} (${mib(t.bytes)})`)
          .join(', ')}`,
    ),
    `worker RSS: idle ${mib(figures.idle.rss)}, held plateau ${mib(h.rssPlateau)} with a cache of ${settings.cache}` +
      ` (${h.cached} cached) → ${(h.rssPerCachedWorkflow / 1024).toFixed(0)} KiB per cached workflow`,
    'worker RSS over time (s, phase, issues started, RSS, sticky cache):',
    ...figures.series.map(
      (x) =>
        `  ${String(x.t).padStart(5)}  ${x.phase.padEnd(6)} ${String(x.started).padStart(7)}  ${mib(x.rss).padStart(10)}  ${x.cache ?? '?'}`,
    ),
    '',
    `── timers firing (${f.started} issues, ${f.recorded}/${f.expected} escalations, ${f.withNotice} with a notice) ──`,
    `fire rate ≈ ${f.fireRatePerSecond?.toFixed(1) ?? '?'} escalations/s`,
    `CPU per escalation (with its issue's start): ${Object.entries(f.cpuMsPerEscalation)
      .map(([k, v]) => `${k} ${v.toFixed(1)} ms`)
      .join(', ')}`,
    ...Object.entries(f.lateness).map(
      ([k, v]) =>
        `lateness to the ${k.padEnd(7)} (n=${v.n}): p50 ${ms(v.p50)}, p99 ${ms(v.p99)}, max ${ms(v.max)}`,
    ),
    ...Object.entries(f.historyByLevel).map(
      ([level, v]) =>
        `  level ${level} (${v.perSecond.toFixed(1)}/s) in the history: p50 ${ms(v.p50)}, p99 ${ms(v.p99)}, max ${ms(v.max)}`,
    ),
    `(measured on ${figures.machine.cores} cores shared with other work; load ${os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')})`,
  ];
  console.log(lines.join('\n'));
  if (given.out) {
    fs.writeFileSync(given.out, `${JSON.stringify(figures, null, 2)}\n`);
    say(`figures written to ${given.out}`);
  }
}

try {
  await main();
  await shutdown(0);
} catch (error) {
  say(`failed: ${error?.stack ?? error}`);
  await shutdown(1);
}
