import { forbidden, invalidField, notFound, unitNotFound } from '../common/problem-factories';

/** The assessment module's errors. */
export const AssessmentErrors = {
  allNotInScope: () =>
    forbidden(
      'assessment-not-in-scope',
      'The assessment of all units is for 县环委办 and the county heads (总/副总网格长).',
    ),
  unitNotInScope: (unit: string) =>
    forbidden(
      'assessment-not-in-scope',
      `The assessment of ${unit} is readable by ${unit} itself, 县环委办 and the county heads only.`,
    ),
  unknownUnit: unitNotFound,
  notAssessed: (unit: string, kind: string) =>
    notFound(
      'unit-not-assessed',
      'This unit is not assessed',
      `${unit} is a unit of kind ${kind}: grid work is assessed for county departments, townships and the park (P7).`,
    ),
  badYear: (value: string) =>
    invalidField(
      'year',
      'year',
      `year must be a year 2000–2100, not "${value}"`,
      'year must be a year 2000–2100',
    ),
};
