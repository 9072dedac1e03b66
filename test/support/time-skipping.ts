import { TestWorkflowEnvironment } from '@temporalio/testing';
import { temporal } from '@temporalio/proto';
import { resolveTools } from '../../deploy/local/tools';
import { ISSUE_SEARCH_ATTRIBUTES } from '../../workflows/issue/issue.search-attributes';

const INDEXED_TYPE = {
  KEYWORD: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  DATETIME: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
  BOOL: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_BOOL,
  INT: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_INT,
} as const;

/**
 * The Java time-skipping test server, from the project's own cache (never downloaded by the SDK), with the
 * project's custom search attributes registered as on every real server.
 */
export async function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  const { testServer } = resolveTools();
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: testServer.path } },
  });
  await env.connection.operatorService.addSearchAttributes({
    namespace: env.namespace ?? 'default',
    searchAttributes: Object.fromEntries(
      ISSUE_SEARCH_ATTRIBUTES.map((key) => [key.name, INDEXED_TYPE[key.type]]),
    ),
  });
  return env;
}
