import type { NestExpressApplication } from '@nestjs/platform-express';
import { json, type NextFunction, type Request, type Response } from 'express';
import { ProblemException } from './problem';

/** Body-parser failure as Express reports it. */
interface BodyParserError {
  type?: string;
  status?: number;
  message?: string;
  limit?: number;
}

/**
 * JSON bodies up to a limit; a body that is not JSON or too large becomes a specific problem (malformed-body,
 * payload-too-large) rather than a generic 400.
 */
export function installJsonBodyParser(app: NestExpressApplication, limit: string): void {
  app.use(json({ limit }));
  app.use((error: BodyParserError, _request: Request, _response: Response, next: NextFunction) => {
    if (error?.type === 'entity.parse.failed') {
      next(
        new ProblemException(
          400,
          'malformed-body',
          'Malformed request body',
          `The body is not valid JSON: ${error.message}`,
        ),
      );
    } else if (error?.type === 'entity.too.large') {
      next(
        new ProblemException(
          413,
          'payload-too-large',
          'Payload too large',
          `The body is larger than the ${limit} limit.`,
        ),
      );
    } else if (error?.type === 'encoding.unsupported' || error?.type === 'charset.unsupported') {
      next(new ProblemException(415, 'unsupported-encoding', 'Unsupported encoding', String(error.message)));
    } else {
      next(error);
    }
  });
}
