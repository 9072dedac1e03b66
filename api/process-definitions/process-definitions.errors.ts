import { notFound } from '../common/problem-factories';

/** The process-definitions module's errors, each with a stable code clients can switch on. */
export const ProcessDefinitionErrors = {
  notFound: (id: string) =>
    notFound(
      'process-definition-not-found',
      'Process definition not found',
      `No process definition has the id "${id}".`,
    ),
};
