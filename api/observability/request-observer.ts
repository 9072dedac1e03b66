import { randomUUID } from 'node:crypto';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { logEvent, requestContext } from '../../observability/log';
import type { HttpMetrics } from './http-metrics';

/** A client's X-Request-Id is kept when it is a plain token; anything else is replaced, never echoed. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

type ObservedRequest = Request & { requestId?: string };

/** The route template Express matched (`/api/v1/issues/:code`), so labels stay few; static files and misses share one. */
export function routeTemplate(request: Request): string {
  const route: unknown = (request as { route?: unknown }).route;
  const path: unknown =
    typeof route === 'object' && route !== null ? (route as { path?: unknown }).path : undefined;
  return typeof path === 'string' ? path : 'unmatched';
}

/**
 * First on every request: its id (X-Request-Id in and out, generated if absent), and when it ends one JSON log
 * line (time, level, msg, requestId, method, route, status, duration) and its latency in the histogram.
 */
export function installRequestObserver(app: NestExpressApplication, metrics: HttpMetrics): void {
  app.use((request: ObservedRequest, response: Response, next: NextFunction) => {
    const header = request.headers['x-request-id'];
    const requestId = typeof header === 'string' && REQUEST_ID.test(header) ? header : randomUUID();
    request.requestId = requestId;
    response.setHeader('X-Request-Id', requestId);
    const started = process.hrtime.bigint();
    metrics.inFlight.inc();
    response.once('close', () => {
      metrics.inFlight.dec();
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = routeTemplate(request);
      const status = response.statusCode;
      metrics.duration.observe({ method: request.method, route, status: String(status) }, seconds);
      logEvent(status >= 500 ? 'error' : 'info', 'request', {
        requestId,
        method: request.method,
        route,
        status,
        duration: Math.round(seconds * 1000),
        ...(response.writableFinished ? {} : { aborted: true }),
      });
    });
    requestContext.run({ requestId }, next);
  });
}

/**
 * Enters the request's context again once the body is read: the body parser's callbacks run in the socket's
 * context, so without this the handlers would not know their request's id.
 */
export function installRequestContext(app: NestExpressApplication): void {
  app.use((request: ObservedRequest, _response: Response, next: NextFunction) => {
    if (request.requestId) requestContext.run({ requestId: request.requestId }, next);
    else next();
  });
}
