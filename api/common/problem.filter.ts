import {
  ArgumentsHost,
  Catch,
  HttpException,
  HttpStatus,
  Logger,
  type ExceptionFilter,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { COMMON_PROBLEMS } from './common.problems';
import { databaseProblem } from './database-problems';
import { pickLocale, type Locale } from './locale';
import { PROBLEM_BASE, ProblemException, type ProblemDetails } from './problem';
import { localizedProblemText, problemMessages, type ProblemParams } from './problem-catalogue';
import { type FieldProblem } from '../../domain/common/rejection';
import { AcceptedForLater } from './accepted';
import { serviceUnavailable, unavailableDependency } from './outage';

/** GeoReport v2 answers its errors as `[{ code, description }]`, never problem+json. */
const OPEN311_PREFIX = '/open311/';

const CODE_BY_STATUS: Record<number, keyof typeof COMMON_PROBLEMS> = {
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

/**
 * The problem in the answer's language. English is the text the problem was thrown with; Chinese is the catalogue's
 * text of its code (a code the catalogue lacks gets its status's Chinese title), each field message its `zh`.
 */
export function localizeProblem(
  problem: ProblemDetails,
  params: ProblemParams,
  locale: Locale,
): ProblemDetails {
  const errors = Array.isArray(problem.errors)
    ? problem.errors.map(({ zh, ...error }: FieldProblem) => ({
        ...error,
        message: locale === 'zh-CN' && zh ? zh : error.message,
      }))
    : undefined;
  const withErrors = { ...problem, ...(errors ? { errors } : {}) };
  if (locale === 'en') return withErrors;
  // A text may name the first field, or all field messages, though the code that threw passed neither.
  const defaults: ProblemParams = errors?.length
    ? { field: errors[0].field, messages: errors.map((e) => e.message).join('；') }
    : {};
  const text = localizedProblemText(problem.code, { ...defaults, ...params }, locale);
  const fallbackTitle =
    text.title ?? localizedProblemText(CODE_BY_STATUS[problem.status] ?? 'internal-error', {}, locale).title;
  return { ...withErrors, ...text, ...(fallbackTitle ? { title: fallbackTitle } : {}) };
}

/**
 * Maps every error to an RFC 9457 problem+json body, in Chinese unless Accept-Language prefers English;
 * unexpected errors are logged and answered with 500.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  /** `retryAfterSeconds`: what a 503 for an unreachable PostgreSQL or Temporal asks clients to wait (S3). */
  constructor(private readonly retryAfterSeconds = 5) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    if (exception instanceof AcceptedForLater) {
      response.status(202).setHeader('Location', exception.body.location);
      response.setHeader('Retry-After', '1');
      response.json(exception.body);
      return;
    }
    const dependency = exception instanceof HttpException ? undefined : unavailableDependency(exception);
    if (dependency) {
      this.logger.warn(
        `${request.method} ${request.originalUrl}: ${dependency} unavailable: ${String(exception)}`,
      );
      exception = serviceUnavailable(dependency, this.retryAfterSeconds);
    }
    const { problem, params } = this.toProblem(exception, request);
    if (problem.status === 503) {
      const seconds = typeof problem.retryAfter === 'number' ? problem.retryAfter : this.retryAfterSeconds;
      response.setHeader('Retry-After', String(seconds));
    }
    if (problem.status >= 500 && problem.status !== 503) {
      this.logger.error(
        `${request.method} ${request.originalUrl}: ${exception instanceof Error ? (exception.stack ?? exception.message) : String(exception)}`,
      );
    }
    const locale = pickLocale(request.headers['accept-language']);
    response.setHeader('Content-Language', locale);
    response.vary('Accept-Language');
    const localized = localizeProblem(problem, params, locale);
    if (request.path.startsWith(OPEN311_PREFIX)) {
      // Refusals before the Open311 controller (body parsers, guards, the rate limit) in GeoReport's format too.
      const status = problem.status === 422 ? 400 : problem.status;
      response.status(status).json([{ code: status, description: localized.detail || localized.title }]);
      return;
    }
    response.status(problem.status).type('application/problem+json').send(JSON.stringify(localized));
  }

  private toProblem(
    exception: unknown,
    request: Request,
  ): { problem: ProblemDetails; params: ProblemParams } {
    const instance = request.originalUrl ?? request.url;
    // A write PostgreSQL refused (unique, foreign key, check, a malformed value) is the request's fault: 4xx.
    const translated = databaseProblem(exception);
    if (translated instanceof ProblemException) {
      return { problem: translated.toProblem(instance), params: translated.params };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const message = describeHttpBody(body, exception.message);
      const code = CODE_BY_STATUS[status] ?? (status >= 500 ? 'internal-error' : 'http-error');
      return {
        problem: {
          type: `${PROBLEM_BASE}${code}`,
          title: problemMessages(code)?.title.en ?? HttpStatus[status] ?? 'Error',
          status,
          detail: message,
          instance,
          code,
        },
        // The path without its query: a query may carry what should not be echoed back.
        params: {
          method: request.method,
          path: (request.originalUrl ?? request.url).split('?')[0].slice(0, 200),
        },
      };
    }
    return {
      problem: {
        type: `${PROBLEM_BASE}internal-error`,
        title: 'Internal Server Error',
        status: 500,
        detail: 'An unexpected error occurred; it has been logged.',
        instance,
        code: 'internal-error',
      },
      params: {},
    };
  }
}
