import { isGrpcServiceError } from '@temporalio/client';
import { cataloguedProblem, type ProblemException } from './problem';
import { defineProblemMessages } from './problem-catalogue';

/** Which server a request could not reach. */
export type Dependency = 'postgres' | 'temporal';

/** Node's socket errors: the server is down, restarting or unreachable. */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
]);

/**
 * SQLSTATEs that mean PostgreSQL is not there to answer: connection exceptions (class 08), shutting down or starting
 * up (57P01–57P03), out of connections (53300).
 */
const UNAVAILABLE_SQLSTATE = /^(08...|57P0[123]|53300)$/;

/** pg's and pg-pool's words for a connection that broke or never came. */
const PG_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error',
  'the database system is',
];

interface ErrorFields {
  code?: unknown;
  message?: unknown;
  cause?: unknown;
  driverError?: unknown;
  name?: unknown;
}

/** gRPC's UNAVAILABLE and DEADLINE_EXCEEDED: the frontend is down, or did not answer in time. */
const GRPC_UNAVAILABLE = new Set([14, 4]);

function isTemporalUnavailable(error: unknown): boolean {
  return isGrpcServiceError(error) && GRPC_UNAVAILABLE.has(error.code);
}

function isPostgresUnavailable(fields: ErrorFields): boolean {
  const code = typeof fields.code === 'string' ? fields.code : '';
  const message = typeof fields.message === 'string' ? fields.message : '';
  return (
    UNAVAILABLE_SQLSTATE.test(code) ||
    (SOCKET_CODES.has(code) && !message.includes('grpc')) ||
    PG_MESSAGES.some((words) => message.includes(words))
  );
}

/**
 * The server an error says is unreachable (S3): a Temporal call that found no frontend, a PostgreSQL query that
 * found no server; undefined for every other error. Follows `cause` and TypeORM's `driverError`.
 */
export function unavailableDependency(error: unknown, depth = 0): Dependency | undefined {
  if (typeof error !== 'object' || error === null || depth > 5) return undefined;
  if (isTemporalUnavailable(error)) return 'temporal';
  const fields = error as ErrorFields;
  // A Temporal client error wraps the gRPC error; its own name says it came from Temporal.
  const fromTemporal =
    typeof fields.name === 'string' && /^(ServiceError|WorkflowUpdateRPC)/.test(fields.name);
  const inner =
    unavailableDependency(fields.cause, depth + 1) ?? unavailableDependency(fields.driverError, depth + 1);
  if (inner) return fromTemporal ? 'temporal' : inner;
  if (fromTemporal) return undefined;
  return isPostgresUnavailable(fields) ? 'postgres' : undefined;
}

export const OUTAGE_PROBLEMS = defineProblemMessages({
  'service-unavailable': {
    title: { 'zh-CN': '服务暂不可用', en: 'Service Unavailable' },
    detail: {
      'zh-CN': '{dependency} 暂时无法访问，请在 {seconds} 秒后重试（带 Idempotency-Key 的请求可安全重试）。',
      en: '{dependency} cannot be reached for now; retry in {seconds} s (a request with an Idempotency-Key is safe to retry).',
    },
  },
});

const DEPENDENCY_NAMES: Record<Dependency, { 'zh-CN': string; en: string }> = {
  postgres: { 'zh-CN': '数据库（PostgreSQL）', en: 'The database (PostgreSQL)' },
  temporal: { 'zh-CN': '流程引擎（Temporal）', en: 'The workflow engine (Temporal)' },
};

/** 503 naming the server that is down, with how long to wait (the filter adds Retry-After). */
export function serviceUnavailable(dependency: Dependency, retryAfterSeconds: number): ProblemException {
  return cataloguedProblem(
    503,
    'service-unavailable',
    { dependency: DEPENDENCY_NAMES[dependency], seconds: retryAfterSeconds },
    { dependency, retryAfter: retryAfterSeconds },
  );
}
