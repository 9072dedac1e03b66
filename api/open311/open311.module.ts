import { Module, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { urlencoded, type NextFunction, type Request, type Response } from 'express';
import { bodyProblem } from '../common/body-guard';
import { verifyUtf8Form } from '../common/text-guard';
import { EvidenceModule } from '../evidence/evidence.module';
import { IssuesModule } from '../issues/issues.module';
import { Open311Controller } from './open311.controller';
import { Open311Service } from './open311.service';

const parseForm = urlencoded({ extended: false, limit: '100kb', parameterLimit: 50, verify: verifyUtf8Form });

/**
 * Parses a form body and lets through only flat, harmless keys; refusals are answered here in GeoReport's error
 * format, since errors of middleware never reach the controller's filter.
 */
function formBody(request: Request, response: Response, next: NextFunction): void {
  parseForm(request, response, (error?: unknown) => {
    const failure = error as { status?: number; message?: string } | undefined;
    const problem = failure ? null : bodyProblem(request.body as unknown);
    if (!failure && !problem) return next();
    // Bytes that are not UTF-8 (refused before decoding) are bad input like any other: 400 in GeoReport's terms.
    const status = failure ? (failure.status === 422 ? 400 : (failure.status ?? 400)) : 400;
    const description = failure ? String(failure.message ?? 'The form body is not valid.') : problem!.message;
    response.status(status).json([{ code: status, description }]);
  });
}

@Module({
  imports: [IssuesModule, EvidenceModule],
  controllers: [Open311Controller],
  providers: [Open311Service],
})
export class Open311Module implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(formBody).forRoutes(Open311Controller);
  }
}
