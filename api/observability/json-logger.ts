import type { LoggerService } from '@nestjs/common';
import { logEvent, type LogLevel } from '../../observability/log';

/** Nest's own messages (start-up, errors) as JSON lines like every other, with Nest's context as `context`. */
export class JsonLogger implements LoggerService {
  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }

  /** Nest passes the context last, and for errors the stack before it. */
  private write(level: LogLevel, message: unknown, rest: unknown[]): void {
    const strings = rest.filter((item): item is string => typeof item === 'string');
    const context = strings.length > 0 ? strings[strings.length - 1] : undefined;
    const stack = level === 'error' && strings.length > 1 ? strings[0] : undefined;
    const text =
      message instanceof Error ? message.message : typeof message === 'string' ? message : undefined;
    logEvent(level, text ?? JSON.stringify(message), {
      ...(context ? { context } : {}),
      ...(stack ? { stack } : message instanceof Error ? { stack: message.stack } : {}),
    });
  }
}
