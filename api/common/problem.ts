import { HttpException } from '@nestjs/common';

/** One field-level problem: which field, which rule it broke, and what to do. */
export interface FieldProblem {
  field: string;
  rule: string;
  message: string;
}

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
