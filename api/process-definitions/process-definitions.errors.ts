import { ProblemException } from '../common/problem';

/** The process-definitions module's errors, each with a stable code clients can switch on. */
export const ProcessDefinitionErrors = {
  notFound: (id: string) =>
    new ProblemException(
      404,
      'process-definition-not-found',
      'Process definition not found',
      `No process definition has the id "${id}".`,
    ),
};
