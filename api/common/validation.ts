import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { ProblemException, type FieldProblem } from './problem';

function flatten(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([rule, message]) => ({
      field,
      rule: rule === 'whitelistValidation' ? 'unknown-field' : rule,
      message: rule === 'whitelistValidation' ? `${field} is not a known field` : message,
    }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** The one global validation pipe: strip nothing silently, refuse unknown fields, name every bad field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: true,
    exceptionFactory: (errors) => {
      const problems = flatten(errors);
      return new ProblemException(
        400,
        'validation-failed',
        'The request is not valid',
        problems.map((p) => p.message).join('; '),
        { errors: problems },
      );
    },
  });
}
