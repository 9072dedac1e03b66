import { defineProblemMessages } from '../common/problem-catalogue';
import { notFound } from '../common/problem-factories';

/** What the process-definitions module's problems say in Chinese. */
export const PROCESS_DEFINITION_PROBLEMS = defineProblemMessages({
  'process-definition-not-found': {
    title: { 'zh-CN': '没有该流程定义' },
    detail: { 'zh-CN': '没有这个编号的流程定义。' },
  },
});

/** The process-definitions module's errors, each with a stable code clients can switch on. */
export const ProcessDefinitionErrors = {
  notFound: (id: string) =>
    notFound(
      'process-definition-not-found',
      'Process definition not found',
      `No process definition has the id "${id}".`,
    ),
};
