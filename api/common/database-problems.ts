import { QueryFailedError } from 'typeorm';
import { ProblemException } from './problem';
import { invalidData } from './problem-factories';

/** What PostgreSQL reports with a refused write (the pg driver's error fields). */
interface DriverError {
  code?: string;
  column?: string;
  constraint?: string;
  detail?: string;
  table?: string;
}

/** The field a refusal names: the column, else the key in `Key (code)=(…)`, else the constraint. */
function fieldOf(driver: DriverError): string {
  if (driver.column) return driver.column;
  const key = /^Key \(([^)]+)\)=/.exec(driver.detail ?? '');
  if (key) return key[1].split(',')[0].trim();
  return driver.constraint ?? 'data';
}

/**
 * PostgreSQL's refusals of a write (integrity classes 23 and data classes 22) as 4xx problems naming the field: a
 * request the database cannot take is the client's to fix, never a 500. Anything else is returned as it is.
 */
export function databaseProblem(error: unknown): unknown {
  if (!(error instanceof QueryFailedError)) return error;
  const driver = error.driverError as DriverError;
  const field = fieldOf(driver);
  switch (driver.code) {
    case '23502':
      return invalidData([
        { field, rule: 'required', message: `${field} must not be null`, zh: `字段 ${field} 不能为空` },
      ]);
    case '23503':
      return new ProblemException(
        409,
        'still-referenced',
        'Conflict',
        `The change breaks a reference (${driver.constraint ?? 'foreign key'}): ${driver.detail ?? ''}`.trim(),
        {
          errors: [
            {
              field,
              rule: 'reference',
              message: driver.detail ?? 'reference broken',
              zh: `字段 ${field} 所引用的记录不存在，或仍有记录引用它`,
            },
          ],
        },
      );
    case '23505':
      return new ProblemException(409, 'already-exists', 'Already exists', driver.detail ?? 'duplicate key', {
        errors: [
          { field, rule: 'unique', message: `${field} is already taken`, zh: `字段 ${field} 的值已存在` },
        ],
      });
    case '23514':
      return invalidData([
        {
          field,
          rule: 'check',
          message: `the data breaks the rule ${driver.constraint ?? field}`,
          zh: `字段 ${field} 不符合规则 ${driver.constraint ?? field}`,
        },
      ]);
    case '22001':
    case '22003':
    case '22007':
    case '22008':
    case '22P02':
    case '22021':
      return invalidData([
        {
          field,
          rule: 'format',
          message: 'a value is too long or malformed',
          zh: `字段 ${field} 的取值过长或格式有误`,
        },
      ]);
    default:
      return error;
  }
}
