import {
  ArgumentsHost,
  Catch,
  HttpException,
  HttpStatus,
  Logger,
  type ExceptionFilter,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { PROBLEM_BASE, ProblemException, type ProblemDetails } from './problem';

const CODE_BY_STATUS: Record<number, string> = {
  400: 'bad-request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
  405: 'method-not-allowed',
  409: 'conflict',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
  422: 'unprocessable',
  429: 'too-many-requests',
};

function describeHttpBody(body: string | object, fallback: string): string {
  if (typeof body === 'string') return body;
  const message = (body as { message?: unknown }).message;
  if (Array.isArray(message)) return message.map(String).join('; ');
  return typeof message === 'string' ? message : fallback;
}

/** Maps every error to an RFC 9457 problem+json body; unexpected errors are logged and answered with 500. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const problem = this.toProblem(exception, request.originalUrl ?? request.url);
    if (problem.status >= 500) {
      this.logger.error(
        `${request.method} ${request.originalUrl}: ${exception instanceof Error ? (exception.stack ?? exception.message) : String(exception)}`,
      );
    }
    response.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
  }

  private toProblem(exception: unknown, instance: string): ProblemDetails {
    if (exception instanceof ProblemException) return exception.toProblem(instance);
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const message = describeHttpBody(body, exception.message);
      const code = CODE_BY_STATUS[status] ?? (status >= 500 ? 'internal-error' : 'http-error');
      return {
        type: `${PROBLEM_BASE}${code}`,
        title: HttpStatus[status] ?? 'Error',
        status,
        detail: message,
        instance,
        code,
      };
    }
    return {
      type: `${PROBLEM_BASE}internal-error`,
      title: 'Internal Server Error',
      status: 500,
      detail: 'An unexpected error occurred; it has been logged.',
      instance,
      code: 'internal-error',
    };
  }
}
