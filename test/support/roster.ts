import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import type { DataSource } from 'typeorm';
import {
  memberExists,
  unitExists,
  upsertServiceAccount,
} from '../../persistence/repositories/roster.repository';
import { takeActorsToEnrol } from './tokens';

/**
 * Seeds the roster with the tests' own actors: each actor a test signed a token for becomes a service account
 * with the token's unit, name and roles (the last token signed for an id wins), unless a member has that id.
 * An actor of a unit that does not exist is left out, and the API refuses its token as it would in production.
 */
export async function enrolTestActors(dataSource: DataSource): Promise<void> {
  for (const actor of takeActorsToEnrol()) {
    if (await memberExists(dataSource, actor.id)) continue;
    if (!(await unitExists(dataSource, actor.unitCode))) continue;
    await upsertServiceAccount(dataSource, actor);
  }
}

/**
 * Runs the enrolment before each request reaches the test API's guards (added before its routes). Enrolments
 * queue behind each other, so a request sent in parallel never overtakes the enrolment of its actor.
 */
export function enrolBeforeEachRequest(app: NestExpressApplication, dataSource: DataSource): void {
  let enrolled: Promise<void> = Promise.resolve();
  app.use((_request: Request, _response: Response, next: NextFunction) => {
    enrolled = enrolled.catch(() => undefined).then(() => enrolTestActors(dataSource));
    enrolled.then(() => next(), next);
  });
}
