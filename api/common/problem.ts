import { HttpException } from '@nestjs/common';
import type { FieldProblem, Rejection } from '../../domain/common/rejection';
import { filled, fillMessage, problemMessages, type ProblemParams } from './problem-catalogue';
// The codes every module may answer with (validation, Nest's HTTP errors, the rules' refusals) are in the
// catalogue before any throw.
import './common.problems';
import './rejection.problems';

/** An RFC 9457 problem details body. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  code: string;
  errors?: FieldProblem[];
  [extension: string]: unknown;
}

export const PROBLEM_BASE = 'https://eco-grid.local/problems/';

/** An error the API answers with a problem+json body; each module throws these with its own codes. */
export class ProblemException extends HttpException {
  constructor(
    status: number,
    readonly code: string,
    readonly title: string,
    readonly detail: string,
    readonly extensions: { errors?: FieldProblem[]; [key: string]: unknown } = {},
    /** Fill the catalogue's texts of this code (see problem-catalogue.ts). */
    readonly params: ProblemParams = {},
  ) {
    super({ code, title, detail }, status);
  }

  toProblem(instance: string): ProblemDetails {
    return {
      type: `${PROBLEM_BASE}${this.code}`,
      title: this.title,
      status: this.getStatus(),
      detail: this.detail,
      instance,
      code: this.code,
      ...this.extensions,
    };
  }
}

/**
 * A problem whose title and detail come from the catalogue (defineProblemMessages), in English here and in the
 * answer's language when the filter sends it.
 */
export function cataloguedProblem(
  status: number,
  code: string,
  params: ProblemParams = {},
  extensions: { errors?: FieldProblem[]; [key: string]: unknown } = {},
): ProblemException {
  const messages = problemMessages(code);
  if (!messages) throw new Error(`problem code ${code} is not in the catalogue`);
  return new ProblemException(
    status,
    code,
    fillMessage(messages.title.en ?? code, params, 'en'),
    fillMessage(messages.detail?.en ?? messages.title.en ?? code, params, 'en'),
    extensions,
    params,
  );
}

const STATUS_OF_REJECTION: Record<Rejection['kind'], number> = {
  'wrong-state': 409,
  forbidden: 403,
  'invalid-data': 422,
};

/**
 * A workflow's refusal of an Update (its validator's Rejection) as 409 (wrong state), 403 (wrong actor) or 422
 * (the data breaks a rule, naming the field and the rule). `subject` names what refused: `issue`, `report`.
 */
export function rejectionProblem(rejection: Rejection, subject: string): ProblemException {
  const title: Record<Rejection['kind'], string> = {
    'wrong-state': `Not allowed in the ${subject}’s current state`,
    forbidden: 'Not permitted for this actor',
    'invalid-data': 'The request breaks a rule',
  };
  const field = rejection.field ?? 'data';
  const zh = filled(problemMessages(rejection.code)?.detail?.['zh-CN'], { field }, 'zh-CN');
  return new ProblemException(
    STATUS_OF_REJECTION[rejection.kind] ?? 422,
    rejection.code,
    title[rejection.kind] ?? 'Rejected',
    rejection.message,
    rejection.field || rejection.rule
      ? {
          errors: [
            {
              field,
              rule: rejection.rule ?? rejection.code,
              message: rejection.message,
              ...(zh ? { zh } : {}),
            },
          ],
        }
      : {},
    { field },
  );
}
