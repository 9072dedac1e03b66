import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** Names of the API's own metrics; alerts and the dashboard refer to them (deploy/monitoring). */
export const HTTP_METRICS = {
  duration: 'eco_grid_http_request_duration_seconds',
  inFlight: 'eco_grid_http_requests_in_flight',
} as const;

/** One application's metrics: a registry of its own, so two apps in one test process never collide. */
export interface HttpMetrics {
  registry: Registry;
  duration: Histogram<'method' | 'route' | 'status'>;
  inFlight: Gauge;
}

export function createHttpMetrics(): HttpMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service: 'eco-grid-api' });
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    duration: new Histogram({
      name: HTTP_METRICS.duration,
      help: 'HTTP 请求耗时（秒），按路由模板和状态码 Time to answer an HTTP request, by route template and status',
      labelNames: ['method', 'route', 'status'],
      // Reads answer in milliseconds, actions wait for a Temporal Update, documents render for seconds.
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    }),
    inFlight: new Gauge({
      name: HTTP_METRICS.inFlight,
      help: '正在处理的 HTTP 请求数 HTTP requests being answered now',
      registers: [registry],
    }),
  };
}
