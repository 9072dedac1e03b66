import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Client, Connection } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import YAML from 'yaml';
import { createApp } from '../../api/app.factory';
import { loadConfiguration } from '../../config/configuration';
import { freePort } from '../../deploy/local/ports';
import { PROJECT_ROOT } from '../../deploy/local/tools';
import { setLogLevel, setLogSink } from '../../observability/log';
import { openDataSource } from '../../persistence/data-source';
import { eventually } from '../support/harness';
import { REPORT, validBody } from '../support/http-lifecycle';
import { actors } from '../support/lifecycle-fixtures';
import { enrolBeforeEachRequest } from '../support/roster';
import { testServers } from '../support/servers';
import { bearer, TEST_JWT_SECRET } from '../support/tokens';
import { generateSealKey } from '../../documents/seal/seal-keys';

const TASK_QUEUE = 'it-observability';

type LogLine = Record<string, unknown>;

/** The JSON lines in a stream of output (anything else is ignored). */
function jsonLines(text: string): LogLine[] {
  return text.split('\n').flatMap((line) => {
    try {
      const parsed = JSON.parse(line) as LogLine | null;
      return typeof parsed === 'object' && parsed !== null ? [parsed] : [];
    } catch {
      return [];
    }
  });
}

/** One sample's value from a Prometheus exposition, or undefined: `name{a="b",…} value`. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)/.exec(line);
    if (!match || match[1] !== name) continue;
    const present = Object.fromEntries(
      [...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]),
    );
    if (Object.entries(labels).every(([k, v]) => present[k] === v)) return Number(match[3]);
  }
  return undefined;
}

/** Every metric name a PromQL expression refers to (not functions, keywords, labels, numbers or durations). */
function metricNames(expr: string): string[] {
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^}]*\}/g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/\boffset\s+\w+/g, '')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, '');
  const keywords = new Set(['and', 'or', 'unless', 'bool', 'inf', 'nan']);
  const names = [...bare.matchAll(/(?<![\w.])([a-zA-Z_:][\w:]*)(\s*\()?/g)]
    .filter((m) => !m[2] && !keywords.has(m[1].toLowerCase()))
    .map((m) => m[1]);
  return [...new Set(names)];
}

/** Names a scrape offers, with a histogram's and a summary's series names under their family name too. */
function exportedNames(text: string): Set<string> {
  const names = new Set<string>();
  for (const line of text.split('\n')) {
    const family = /^# TYPE (\S+)/.exec(line)?.[1];
    if (family) names.add(family);
    const series = /^([a-zA-Z_:][\w:]*)[{ ]/.exec(line)?.[1];
    if (series) names.add(series);
  }
  return names;
}

describe('operators see: metrics and JSON logs', () => {
  let app: NestExpressApplication;
  let base: string;
  let dataSource: DataSource;
  let worker: ChildProcess;
  let workerOutput = '';
  let workerMetrics: string;
  const apiLines: string[] = [];

  beforeAll(async () => {
    const servers = testServers();
    const metricsPort = await freePort(new Set());
    worker = spawn(process.execPath, [path.join(PROJECT_ROOT, 'dist', 'worker', 'main.js')], {
      env: {
        ...process.env,
        SEAL_PRIVATE_KEY: generateSealKey().privateKey,
        DATABASE_URL: servers.databaseUrl,
        TEMPORAL_ADDRESS: servers.temporalAddress,
        TEMPORAL_NAMESPACE: servers.namespace,
        TEMPORAL_TASK_QUEUE: TASK_QUEUE,
        WORKER_METRICS_PORT: String(metricsPort),
        // A dispatcher of its own on this queue: its deliveries are the activities whose metrics the panels read.
        NOTIFY_DISPATCHER_ID: 'it-observability-dispatcher',
        METRICS_REFRESH_SECONDS: '1',
        LOG_LEVEL: 'log',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    worker.stdout!.on('data', (chunk: Buffer) => (workerOutput += chunk.toString()));
    worker.stderr!.on('data', (chunk: Buffer) => (workerOutput += chunk.toString()));
    workerMetrics = `http://127.0.0.1:${metricsPort}/metrics`;
    await eventually(
      () => Promise.resolve(workerOutput.includes('worker polling task queue') ? true : undefined),
      60_000,
    );

    const config = loadConfiguration(
      {
        DATABASE_URL: servers.databaseUrl,
        TEMPORAL_ADDRESS: servers.temporalAddress,
        TEMPORAL_NAMESPACE: servers.namespace,
        TEMPORAL_TASK_QUEUE: TASK_QUEUE,
        LOG_LEVEL: 'log',
        JWT_SECRET: TEST_JWT_SECRET,
        RATE_LIMIT_PER_MINUTE: '100000',
      },
      { requireAuth: true },
    );
    setLogSink((line) => apiLines.push(line));
    dataSource = await openDataSource(config.DATABASE_URL, { poolSize: 2 });
    app = await createApp(config);
    enrolBeforeEachRequest(app, dataSource);
    await app.listen(0, '127.0.0.1');
    const address = app.getHttpServer().address() as { port: number };
    base = `http://127.0.0.1:${address.port}`;
  });

  afterAll(async () => {
    await app?.close();
    setLogSink((line) => process.stdout.write(`${line}\n`));
    setLogLevel('warn');
    if (worker && worker.exitCode === null) {
      const exited = new Promise((resolve) => worker.once('exit', resolve));
      worker.kill('SIGTERM');
      await exited;
    }
    await dataSource?.destroy();
    // The test's own dispatcher ends with it.
    const connection = await Connection.connect({ address: testServers().temporalAddress });
    await new Client({ connection, namespace: testServers().namespace }).workflow
      .getHandle('it-observability-dispatcher')
      .terminate('test over')
      .catch(() => undefined);
    await connection.close();
  });

  const post = (url: string, body: unknown, requestId?: string) =>
    fetch(`${base}${url}`, {
      method: 'POST',
      headers: {
        authorization: bearer(actors.wrbMember),
        'content-type': 'application/json',
        ...(requestId ? { 'x-request-id': requestId } : {}),
      },
      body: JSON.stringify(body),
    });

  let code: string;

  it('carries the request id from the HTTP request into the workflow and the activity that writes the ledger', async () => {
    const reportId = `it-obs-report-${Date.now()}`;
    const reported = await post('/api/v1/issues', REPORT, reportId);
    expect(reported.status).toBe(201);
    expect(reported.headers.get('x-request-id')).toBe(reportId);
    code = ((await reported.json()) as { code: string }).code;

    // The API's own line for the request: one JSON object with the route template, status and duration.
    const apiLine = jsonLines(apiLines.join('\n')).find(
      (l) => l.requestId === reportId && l.msg === 'request',
    );
    expect(apiLine).toMatchObject({ level: 'info', method: 'POST', route: '/api/v1/issues', status: 201 });
    expect(typeof apiLine!.duration).toBe('number');
    expect(Date.parse(String(apiLine!.time))).not.toBeNaN();

    // The worker (another process) logs the ledger write of the report with the same id.
    const written = await eventually(() =>
      Promise.resolve(jsonLines(workerOutput).find((l) => l.requestId === reportId && l.issueCode === code)),
    );
    expect(written).toMatchObject({
      level: 'info',
      activity: 'appendIssueEvents',
      workflowId: `issue-${code}`,
      status: 'reported',
    });
    expect(written.events).toEqual(expect.arrayContaining([expect.stringMatching(/^1:reported$/)]));

    // An action's Update carries its own request's id to the write it causes.
    const actionId = `it-obs-transfer-${Date.now()}`;
    const transferred = await post(`/api/v1/issues/${code}/transfer`, validBody('transfer'), actionId);
    expect(transferred.status).toBe(200);
    const transferLine = await eventually(() =>
      Promise.resolve(jsonLines(workerOutput).find((l) => l.requestId === actionId && l.issueCode === code)),
    );
    expect(transferLine).toMatchObject({ status: 'transferred', activity: 'appendIssueEvents' });
  });

  it('generates a request id when the client sends none, and never echoes one that is not a plain token', async () => {
    const none = await fetch(`${base}/health/live`);
    expect(none.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const odd = await fetch(`${base}/health/live`, { headers: { 'x-request-id': 'a b<script>' } });
    expect(odd.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("serves the API's request latency histogram by route template and status at /metrics", async () => {
    const read = await fetch(`${base}/api/v1/issues/${code}`, {
      headers: { authorization: bearer(actors.wrbMember) },
    });
    expect(read.status).toBe(200);
    const missing = await fetch(`${base}/api/v1/issues/2099-999999`, {
      headers: { authorization: bearer(actors.wrbMember) },
    });
    expect(missing.status).toBe(404);
    const metrics = await fetch(`${base}/metrics`);
    expect(metrics.status).toBe(200);
    expect(metrics.headers.get('content-type')).toContain('text/plain');
    const text = await metrics.text();
    const route = '/api/v1/issues/:code';
    expect(
      sample(text, 'eco_grid_http_request_duration_seconds_count', { method: 'GET', route, status: '200' }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      sample(text, 'eco_grid_http_request_duration_seconds_count', { method: 'GET', route, status: '404' }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      sample(text, 'eco_grid_http_request_duration_seconds_bucket', { route, status: '200', le: '+Inf' }),
    ).toBeGreaterThanOrEqual(1);
    // The scrape itself is in flight while it is answered.
    expect(sample(text, 'eco_grid_http_requests_in_flight')).toBeGreaterThanOrEqual(1);
    // Codes never become labels: one series per template, whatever the code.
    expect(text).not.toContain(`route="/api/v1/issues/${code}"`);
  });

  it("serves the worker's metrics: the Temporal SDK's own and gauges that match the database", async () => {
    // Make the gauges say something: the read-model row of this test's issue is overdue at county supervision.
    await dataSource.query(`UPDATE issues SET overdue = true, escalation_level = 2 WHERE code = $1`, [code]);
    const truth = async () => {
      const [row]: Array<Record<string, string>> = await dataSource.query(
        `SELECT
           (SELECT count(*) FROM issues WHERE overdue AND status NOT IN ('closed','archived')) AS overdue,
           (SELECT count(*) FROM issues WHERE escalation_level = 2 AND status NOT IN ('closed','archived')) AS level2,
           (SELECT count(*) FROM notification_outbox WHERE status = 'pending') AS pending,
           (SELECT count(*) FROM notification_outbox WHERE status = 'unresolved') AS unresolved`,
      );
      return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)]));
    };
    const matched = await eventually(async () => {
      const text = await (await fetch(workerMetrics)).text();
      const expected = await truth();
      const seen = {
        overdue: sample(text, 'eco_grid_issues_overdue'),
        level2: sample(text, 'eco_grid_issues_escalated', { level: '2' }),
        pending: sample(text, 'eco_grid_outbox_notices', { status: 'pending' }),
        unresolved: sample(text, 'eco_grid_outbox_notices', { status: 'unresolved' }),
      };
      return JSON.stringify(seen) === JSON.stringify(expected) ? { text, expected } : undefined;
    }, 30_000);
    expect(matched.expected.overdue).toBeGreaterThanOrEqual(1);
    expect(matched.expected.level2).toBeGreaterThanOrEqual(1);
    expect(sample(matched.text, 'eco_grid_outbox_oldest_due_age_seconds')).toBeGreaterThanOrEqual(0);
    expect(sample(matched.text, 'eco_grid_gauges_refreshed_timestamp_seconds')).toBeGreaterThan(
      Date.now() / 1000 - 60,
    );
    // The SDK's core metrics, passed on through the same port.
    expect(sample(matched.text, 'eco_grid_sdk_metrics_up')).toBe(1);
    expect(matched.text).toMatch(/^temporal_\w+\{[^}]*task_queue="it-observability"/m);
  });

  it('alerts and dashboard panels query only metrics that the API, the worker or Prometheus itself export', async () => {
    const scraped = async () =>
      new Set([
        ...exportedNames(await (await fetch(`${base}/metrics`)).text()),
        ...exportedNames(await (await fetch(workerMetrics)).text()),
        // Prometheus' own series for every target it scrapes.
        'up',
        'scrape_duration_seconds',
      ]);
    const monitoring = path.join(PROJECT_ROOT, 'deploy', 'monitoring');
    const rules = YAML.parse(fs.readFileSync(path.join(monitoring, 'alerts.yml'), 'utf8')) as {
      groups: Array<{ rules: Array<{ alert: string; expr: string }> }>;
    };
    const alertExprs = rules.groups.flatMap((g) => g.rules.map((r) => [r.alert, r.expr] as const));
    const dashboard = JSON.parse(
      fs.readFileSync(path.join(monitoring, 'grafana-dashboard.json'), 'utf8'),
    ) as {
      panels: Array<{ title: string; targets?: Array<{ expr: string }> }>;
    };
    const panelExprs = dashboard.panels.flatMap((p) =>
      (p.targets ?? []).map((t) => [p.title, t.expr] as const),
    );
    expect(alertExprs.length).toBeGreaterThanOrEqual(8);
    expect(panelExprs.length).toBeGreaterThanOrEqual(8);
    const unknownNow = async () => {
      const exported = await scraped();
      return [...alertExprs, ...panelExprs].flatMap(([where, expr]) =>
        metricNames(expr)
          .filter((name) => !exported.has(name))
          .map((name) => `${where}: ${name}`),
      );
    };
    // The SDK exports an activity's series once one has run (the dispatcher's first delivery, seconds in).
    const unknown = await eventually(async () => {
      const names = await unknownNow();
      return names.length === 0 ? names : undefined;
    }, 30_000).catch(() => unknownNow());
    expect(unknown).toEqual([]);
  });
});
