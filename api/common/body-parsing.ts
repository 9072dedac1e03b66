import { HttpException } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { json, type NextFunction, type Request, type Response } from 'express';
import { ProblemException } from './problem';
import { badRequest, payloadTooLarge } from './problem-factories';
import { invalidUtf8BodyProblem, verifyUtf8Body } from './text-guard';

/** Body-parser failure as Express reports it. */
interface BodyParserError {
  type?: string;
  status?: number;
  message?: string;
  limit?: number;
  code?: string;
}

function isClientError(error: BodyParserError | undefined): boolean {
  return typeof error?.status === 'number' && error.status >= 400 && error.status < 500;
}

/**
 * JSON bodies (`application/json` and every `+json` type) up to a limit; a body that is not JSON or too large becomes a specific problem (malformed-body,
 * payload-too-large) rather than a generic 400.
 */
export function installJsonBodyParser(app: NestExpressApplication, limit: string): void {
  // Every JSON media type (application/merge-patch+json, vendor types) is JSON to read.
  app.use(json({ limit, verify: verifyUtf8Body, type: ['application/json', 'application/*+json'] }));
  app.use((error: BodyParserError, _request: Request, _response: Response, next: NextFunction) => {
    // Refusals of earlier guards pass through as they are.
    if (error instanceof HttpException) {
      next(error);
    } else if (error?.type === 'entity.parse.failed') {
      next(
        badRequest(
          'malformed-body',
          'Malformed request body',
          `The body is not valid JSON: ${error.message}`,
        ),
      );
    } else if (error?.type === 'entity.too.large') {
      next(payloadTooLarge(`The body is larger than the ${limit} limit.`));
    } else if (error?.type === 'encoding.unsupported' || error?.type === 'charset.unsupported') {
      next(new ProblemException(415, 'unsupported-encoding', 'Unsupported encoding', String(error.message)));
    } else if (error?.type === 'invalid-utf8') {
      next(invalidUtf8BodyProblem());
    } else if (error?.code?.startsWith('Z_') || error?.type === 'request.aborted' || isClientError(error)) {
      // A body that does not match its Content-Encoding (gzip that is not gzip), or another body-parser refusal.
      next(
        badRequest(
          'malformed-body',
          'Malformed request body',
          `请求正文无法按其 Content-Encoding 解码。The body cannot be read as sent: ${error?.message ?? 'unreadable'}`,
        ),
      );
    } else {
      next(error);
    }
  });
}
