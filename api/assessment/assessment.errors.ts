import { ProblemException } from '../common/problem';

/** The assessment module's errors. */
export const AssessmentErrors = {
  allNotInScope: () =>
    new ProblemException(
      403,
      'assessment-not-in-scope',
      'Not permitted for this actor',
      'The assessment of all units is for 县环委办 and the county heads (总/副总网格长).',
    ),
  unitNotInScope: (unit: string) =>
    new ProblemException(
      403,
      'assessment-not-in-scope',
      'Not permitted for this actor',
      `The assessment of ${unit} is readable by ${unit} itself, 县环委办 and the county heads only.`,
    ),
  unknownUnit: (unit: string) =>
    new ProblemException(404, 'unit-not-found', 'Unit not found', `No unit has the code ${unit}.`),
  notAssessed: (unit: string, kind: string) =>
    new ProblemException(
      404,
      'unit-not-assessed',
      'This unit is not assessed',
      `${unit} is a unit of kind ${kind}: grid work is assessed for county departments, townships and the park (P7).`,
    ),
  badYear: (value: string) =>
    new ProblemException(
      400,
      'validation-failed',
      'The request is not valid',
      'year must be a year 2000–2100',
      {
        errors: [{ field: 'year', rule: 'year', message: `year must be a year 2000–2100, not "${value}"` }],
      },
    ),
};
