import { BlockList, isIP } from 'node:net';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Express, NextFunction, Request, Response } from 'express';
import type { HttpMetrics } from './http-metrics';

/** METRICS_ALLOW (addresses and subnets, comma-separated) as a block list; undefined lets every client in. */
export function metricsAllowList(setting: string | undefined): BlockList | undefined {
  const entries = (setting ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0) return undefined;
  const list = new BlockList();
  for (const entry of entries) {
    const [address, bits] = entry.split('/');
    const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (bits === undefined) list.addAddress(address, family);
    else list.addSubnet(address, Number(bits), family);
  }
  return list;
}

/** Whether a client address (IPv4-mapped IPv6 included) is on the list. */
export function allowed(list: BlockList, address: string | undefined): boolean {
  if (!address) return false;
  const v4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(address)?.[1];
  if (v4) return list.check(v4, 'ipv4');
  return list.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');
}

/**
 * GET /metrics in the Prometheus text format, outside /api and its authentication (scrapers carry no token);
 * with METRICS_ALLOW only those addresses get it, everyone else a 403.
 */
export function installMetricsEndpoint(
  app: NestExpressApplication,
  metrics: HttpMetrics,
  allowList: BlockList | undefined,
): void {
  const express: Express = app.getHttpAdapter().getInstance();
  express.get('/metrics', (request: Request, response: Response, next: NextFunction) => {
    if (allowList && !allowed(allowList, request.socket.remoteAddress)) {
      response.status(403).type('application/problem+json').send({
        type: 'about:blank',
        title: '无权读取指标 Forbidden: this address may not read the metrics (METRICS_ALLOW)',
        status: 403,
      });
      return;
    }
    metrics.registry.metrics().then((text) => response.type(metrics.registry.contentType).send(text), next);
  });
}
