import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ActivityInterceptorsFactory } from '@temporalio/worker';
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import { logEvent } from '../observability/log';
import { OperationsRepository } from '../persistence/repositories/operations.repository';

/** Names of the worker's own metrics; alerts and the dashboard refer to them (deploy/monitoring). */
export const WORKER_METRICS = {
  activityFailures: 'eco_grid_activity_failures_total',
  outboxNotices: 'eco_grid_outbox_notices',
  outboxDue: 'eco_grid_outbox_due_notices',
  oldestDueAge: 'eco_grid_outbox_oldest_due_age_seconds',
  overdueIssues: 'eco_grid_issues_overdue',
  escalatedIssues: 'eco_grid_issues_escalated',
  gaugesRefreshed: 'eco_grid_gauges_refreshed_timestamp_seconds',
  sdkMetricsUp: 'eco_grid_sdk_metrics_up',
} as const;

export interface WorkerMetrics {
  registry: Registry;
  activityFailures: Counter<'activity' | 'type'>;
  refresh(dataSource: DataSource): Promise<void>;
}

export function createWorkerMetrics(): WorkerMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service: 'eco-grid-worker' });
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const activityFailures = new Counter({
    name: WORKER_METRICS.activityFailures,
    help: '活动执行失败次数（每次尝试）Activity attempts that failed, by activity and error type',
    labelNames: ['activity', 'type'],
    registers,
  });
  const outboxNotices = new Gauge({
    name: WORKER_METRICS.outboxNotices,
    help: '通知发件箱中的通知数，按状态 Outbox notices by status (pending, unresolved, failed)',
    labelNames: ['status'],
    registers,
  });
  const outboxDue = new Gauge({
    name: WORKER_METRICS.outboxDue,
    help: '已到发送时间的待发通知数 Pending notices whose time to be sent has come',
    registers,
  });
  const oldestDueAge = new Gauge({
    name: WORKER_METRICS.oldestDueAge,
    help: '最早到期未发通知的等待时长（秒）Seconds the oldest due notice has waited; 0 when none',
    registers,
  });
  const overdueIssues = new Gauge({
    name: WORKER_METRICS.overdueIssues,
    help: '逾期的未销号问题数 Open issues past a deadline',
    registers,
  });
  const escalatedIssues = new Gauge({
    name: WORKER_METRICS.escalatedIssues,
    help: '各督办级别的未销号问题数 Open issues by escalation level (1 overdue, 2 county, 3 总网格长)',
    labelNames: ['level'],
    registers,
  });
  const refreshed = new Gauge({
    name: WORKER_METRICS.gaugesRefreshed,
    help: '上述台账指标最近一次计算的时间 When the read-model gauges were last computed (Unix seconds)',
    registers,
  });
  return {
    registry,
    activityFailures,
    async refresh(dataSource: DataSource) {
      const snapshot = await new OperationsRepository(dataSource).snapshot();
      for (const [status, count] of Object.entries(snapshot.outbox)) outboxNotices.set({ status }, count);
      outboxDue.set(snapshot.outboxDue);
      oldestDueAge.set(snapshot.oldestDueAgeSeconds);
      overdueIssues.set(snapshot.overdueIssues);
      for (const [level, count] of Object.entries(snapshot.escalatedIssues))
        escalatedIssues.set({ level }, count);
      refreshed.set(Date.now() / 1000);
    },
  };
}

/** Counts and logs every failed activity attempt: a write retrying forever shows as a rising counter. */
export function activityFailureInterceptor(metrics: WorkerMetrics): ActivityInterceptorsFactory {
  return (ctx) => ({
    inbound: {
      async execute(input, next) {
        try {
          return await next(input);
        } catch (error) {
          const type =
            (error as { type?: unknown })?.type && typeof (error as { type?: unknown }).type === 'string'
              ? String((error as { type: string }).type)
              : error instanceof Error
                ? error.name
                : 'unknown';
          metrics.activityFailures.inc({ activity: ctx.info.activityType, type });
          logEvent('warn', 'activity attempt failed 活动执行失败', {
            workflowId: ctx.info.workflowExecution?.workflowId,
            activity: ctx.info.activityType,
            attempt: ctx.info.attempt,
            errorType: type,
            error: error instanceof Error ? error.message.slice(0, 500) : String(error),
          });
          throw error;
        }
      },
    },
  });
}

/** A loopback port free now, for the SDK core's own metrics server (only this process reads it). */
export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = http.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export interface MetricsServer {
  port: number;
  close(): Promise<void>;
}

/** The Temporal SDK's own exposition (served by its core on a loopback port), or null when it does not answer. */
async function sdkExposition(sdkAddress: string | undefined): Promise<string | null> {
  if (!sdkAddress) return null;
  try {
    const response = await fetch(`http://${sdkAddress}/metrics`, { signal: AbortSignal.timeout(2000) });
    return response.ok ? await response.text() : null;
  } catch {
    return null;
  }
}

/**
 * GET /metrics on one port for Prometheus: the worker's own metrics followed by the Temporal SDK's (which its core
 * serves on `sdkAddress`, loopback only), so one scrape target shows both. The gauges are recomputed every
 * `refreshSeconds` from the read model.
 */
export async function startMetricsServer(options: {
  port: number;
  host?: string;
  metrics: WorkerMetrics;
  dataSource: DataSource;
  refreshSeconds: number;
  sdkAddress?: string;
}): Promise<MetricsServer> {
  const { metrics } = options;
  const sdkUp = new Gauge({
    name: WORKER_METRICS.sdkMetricsUp,
    help: 'Temporal SDK 指标是否可读 Whether the Temporal SDK metrics answered at the last scrape (1) or not (0)',
    registers: [metrics.registry],
  });
  const refresh = () =>
    metrics.refresh(options.dataSource).catch((error: unknown) =>
      logEvent('warn', 'metrics refresh failed 指标计算失败', {
        error: error instanceof Error ? error.message : String(error),
      }),
    );
  await refresh();
  const timer = setInterval(() => void refresh(), options.refreshSeconds * 1000);
  timer.unref();
  const server = http.createServer((request, response) => {
    if (request.method !== 'GET' || request.url?.split('?')[0] !== '/metrics') {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found: GET /metrics\n');
      return;
    }
    void (async () => {
      const sdk = await sdkExposition(options.sdkAddress);
      sdkUp.set(sdk === null ? 0 : 1);
      const own = await metrics.registry.metrics();
      response.writeHead(200, { 'content-type': metrics.registry.contentType });
      response.end(sdk ? `${own}\n${sdk}` : own);
    })().catch((error: unknown) => {
      response.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '0.0.0.0', () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(timer);
        server.close(() => resolve());
      }),
  };
}
