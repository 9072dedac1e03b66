/**
 * The problem+json answers every module gives, by shape: each module's `*.errors.ts` calls these with its own
 * codes and sentences, so a 403 or a 404 reads the same whichever module gives it.
 */
import type { FieldProblem } from '../../domain/common/rejection';
import { ProblemException } from './problem';
import type { ProblemParams } from './problem-catalogue';

/** The `errors[]` extension: present only when some field is named. */
const named = (problems: FieldProblem[] = []) => (problems.length > 0 ? { errors: problems } : {});

const joined = (problems: FieldProblem[]) => problems.map((p) => p.message).join('; ');

/** 400 with its own code and title, e.g. a malformed body or a path parameter that is no id at all. */
export function badRequest(
  code: string,
  title: string,
  detail: string,
  problem?: FieldProblem,
): ProblemException {
  return new ProblemException(400, code, title, detail, named(problem && [problem]));
}

/** 400 `validation-failed`: the request breaks the API's own rules, every broken rule named. */
export function invalidRequest(problems: FieldProblem[], detail = joined(problems)): ProblemException {
  return new ProblemException(400, 'validation-failed', 'The request is not valid', detail, {
    errors: problems,
  });
}

/** 400 `validation-failed` for one field; `zh` is its message in Chinese, `detail` an English detail of its own. */
export function invalidField(
  field: string,
  rule: string,
  message: string,
  { zh, detail = message }: { zh?: string; detail?: string } = {},
): ProblemException {
  return invalidRequest([{ field, rule, message, ...(zh ? { zh } : {}) }], detail);
}

export function unauthorized(code: string, detail: string): ProblemException {
  return new ProblemException(401, code, 'Unauthorized', detail);
}

/** 403: the actor may not do or read this. */
export function forbidden(code: string, detail: string, problem?: FieldProblem): ProblemException {
  return new ProblemException(403, code, 'Not permitted for this actor', detail, named(problem && [problem]));
}

export function notFound(code: string, title: string, detail: string): ProblemException {
  return new ProblemException(404, code, title, detail);
}

/** 404 for a unit code in the path that names no unit. */
export function unitNotFound(unit: string): ProblemException {
  return notFound('unit-not-found', 'Unit not found', `No unit has the code ${unit}.`);
}

/** 409 with its own title. */
export function conflict(
  code: string,
  title: string,
  detail: string,
  problem?: FieldProblem,
): ProblemException {
  return new ProblemException(409, code, title, detail, named(problem && [problem]));
}

/** 409: not allowed in the current state of `subject` (`issue`, `report`). */
export function stateConflict(
  code: string,
  subject: string,
  detail: string,
  problem?: FieldProblem,
): ProblemException {
  return conflict(code, `Not allowed in the ${subject}’s current state`, detail, problem);
}

export function payloadTooLarge(detail: string, problem?: FieldProblem): ProblemException {
  return new ProblemException(
    413,
    'payload-too-large',
    'Payload too large',
    detail,
    named(problem && [problem]),
  );
}

export function unsupportedMediaType(code: string, detail: string, problem?: FieldProblem): ProblemException {
  return new ProblemException(415, code, 'Unsupported media type', detail, named(problem && [problem]));
}

/** 422 `invalid-data`: well-formed, but the data breaks the rules; every broken rule named. */
export function invalidData(problems: FieldProblem[], detail = joined(problems)): ProblemException {
  return new ProblemException(422, 'invalid-data', 'The data breaks a rule', detail, { errors: problems });
}

/** 422: a code or id in the body that names nothing known. */
export function unknownReference(field: string, value: string, what: string): ProblemException {
  return new ProblemException(
    422,
    'unknown-reference',
    'Unknown reference',
    `${field} "${value}" is not ${what}.`,
    {
      errors: [
        {
          field,
          rule: 'known-reference',
          message: `${field} must be ${what}`,
          zh: `字段 ${field} 的取值“${value}”不存在`,
        },
      ],
    },
  );
}

/** The same problem with parameters for the catalogue's texts of its code (its particulars in Chinese). */
export function withParams(problem: ProblemException, params: ProblemParams): ProblemException {
  return new ProblemException(
    problem.getStatus(),
    problem.code,
    problem.title,
    problem.detail,
    problem.extensions,
    { ...problem.params, ...params },
  );
}
