import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * One JSON object per line on standard output, from the API and the worker alike: `time`, `level`, `msg`, the
 * request id of the HTTP request being served (if any) and the event's own fields. Log shippers read it as it is.
 */
export type LogLevel = 'error' | 'warn' | 'info' | 'debug';

const SEVERITY: Record<LogLevel, number> = { error: 0, warn: 1, info: 2, debug: 3 };

/** LOG_LEVEL's values (Nest's names) as log levels: `log` is info, `verbose` is debug. */
export function logLevelOf(setting: string | undefined): LogLevel {
  if (setting === 'error' || setting === 'warn' || setting === 'debug') return setting;
  return setting === 'verbose' ? 'debug' : 'info';
}

/** What the request being served carries into everything it causes. */
export interface RequestContext {
  requestId: string;
}

/** The request of the code running now, kept across awaits (set by the API's request middleware). */
export const requestContext = new AsyncLocalStorage<RequestContext>();

export function currentRequestId(): string | undefined {
  return requestContext.getStore()?.requestId;
}

let threshold: LogLevel = logLevelOf(process.env.LOG_LEVEL);
let sink: (line: string) => void = (line) => process.stdout.write(`${line}\n`);

export function setLogLevel(level: LogLevel): void {
  threshold = level;
}

/** Where the lines go (standard output unless a test listens). */
export function setLogSink(write: (line: string) => void): void {
  sink = write;
}

export function logEnabled(level: LogLevel): boolean {
  return SEVERITY[level] <= SEVERITY[threshold];
}

/** Errors as their name, message and stack; bigints as strings: every line stays valid JSON. */
function plain(_key: string, value: unknown): unknown {
  if (value instanceof Error) return { name: value.name, message: value.message, stack: value.stack };
  return typeof value === 'bigint' ? value.toString() : value;
}

/** Writes one event; `fields` may not replace `time`, `level` or `msg`. */
export function logEvent(
  level: LogLevel,
  msg: string,
  fields: Record<string, unknown> = {},
  options: { always?: boolean } = {},
): void {
  if (!options.always && !logEnabled(level)) return;
  const requestId = currentRequestId();
  const entry = {
    ...(requestId ? { requestId } : {}),
    ...fields,
    time: new Date().toISOString(),
    level,
    msg,
  };
  const { time, level: l, msg: m, ...rest } = entry;
  sink(JSON.stringify({ time, level: l, msg: m, ...rest }, plain));
}
