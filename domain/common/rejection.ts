/**
 * How the rules say no, for the issue lifecycle, the standing duties and the API alike: a `Rejection` refuses a
 * whole request (the API answers 409, 403 or 422), a `FieldProblem` names one field and the rule it broke (the
 * `errors[]` of a problem+json answer).
 */

/**
 * One field-level problem: which field, which rule it broke, and what to do. `message` is English; `zh`, when
 * given, is what a Chinese answer shows instead (the API's filter sends one of them as `message`).
 */
export interface FieldProblem {
  field: string;
  rule: string;
  message: string;
  zh?: string;
}

/** Why an action was refused; the API maps `kind` to 409, 403 or 422. */
export interface Rejection {
  kind: 'wrong-state' | 'forbidden' | 'invalid-data';
  code: string;
  message: string;
  field?: string;
  rule?: string;
}

export const reject = (
  kind: Rejection['kind'],
  code: string,
  message: string,
  extra: { field?: string; rule?: string } = {},
): Rejection => ({ kind, code, message, ...extra });
