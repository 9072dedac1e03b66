import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { ProblemException } from '../common/problem';

/** An error answered in GeoReport v2's format. */
export class Open311Error extends Error {
  constructor(
    readonly status: number,
    readonly description: string,
  ) {
    super(description);
  }
}

/**
 * GeoReport v2 errors are `[{ code, description }]`, not problem+json. A 422 of the issue rules (e.g. an unknown
 * township) is a 400 here, the only client error GeoReport names for bad input.
 */
@Catch()
export class Open311ExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Open311');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    let status = 500;
    let description = 'The service request could not be handled; try again later.';
    if (exception instanceof Open311Error) {
      status = exception.status;
      description = exception.description;
    } else if (exception instanceof ProblemException) {
      status = exception.getStatus();
      description = exception.detail;
    } else if (exception instanceof HttpException) {
      status = exception.getStatus();
      description = exception.message;
    } else {
      this.logger.error(
        exception instanceof Error ? (exception.stack ?? exception.message) : String(exception),
      );
    }
    if (status === 422) status = 400;
    response.status(status).json([{ code: status, description }]);
  }
}
