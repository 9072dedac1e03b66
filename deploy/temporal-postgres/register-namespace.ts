import { Connection, isGrpcServiceError } from '@temporalio/client';
import { msNumberToTs, type SearchAttributeType } from '@temporalio/common';
import { loadConfiguration } from '../../config/configuration';
import { ISSUE_SEARCH_ATTRIBUTES } from '../../workflows/issue/issue.search-attributes';

// Wire values of temporal.api.enums.v1.IndexedValueType, which AddSearchAttributes takes.
const INDEXED_VALUE_TYPE: Record<SearchAttributeType, number> = {
  TEXT: 1,
  KEYWORD: 2,
  INT: 3,
  DOUBLE: 4,
  BOOL: 5,
  DATETIME: 6,
  KEYWORD_LIST: 7,
};
const GRPC_NOT_FOUND = 5;

export interface RegisterNamespaceOptions {
  address: string;
  namespace: string;
  retentionDays: number;
  /** How long to keep retrying while the frontend starts or its namespace cache catches up. */
  timeoutMs?: number;
  log?: (message: string) => void;
}

async function retrying<T>(what: string, attempt: () => Promise<T>, deadline: number): Promise<T> {
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (Date.now() > deadline)
        throw new Error(`${what}: ${error instanceof Error ? error.message : String(error)}`);
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
  }
}

/**
 * Creates the namespace if missing and the custom search attributes it lacks, on any Temporal cluster (compose,
 * Kubernetes). Idempotent: safe to run on every deploy. The list is ISSUE_SEARCH_ATTRIBUTES, the one definition.
 */
export async function registerNamespace(options: RegisterNamespaceOptions): Promise<void> {
  const log = options.log ?? ((message: string) => console.log(message));
  const deadline = Date.now() + (options.timeoutMs ?? 300_000);
  const { namespace } = options;
  const connection = await retrying(
    `connecting to Temporal at ${options.address}`,
    () => Connection.connect({ address: options.address, connectTimeout: '5s' }),
    deadline,
  );
  try {
    try {
      await connection.workflowService.describeNamespace({ namespace });
      log(`namespace ${namespace} exists`);
    } catch (error) {
      if (!isGrpcServiceError(error) || Number(error.code) !== GRPC_NOT_FOUND) throw error;
      await connection.workflowService.registerNamespace({
        namespace,
        workflowExecutionRetentionPeriod: msNumberToTs(options.retentionDays * 24 * 3600 * 1000),
      });
      log(`namespace ${namespace} created (retention ${options.retentionDays} days)`);
    }
    // The frontend caches namespaces: a new one is unknown to it for a few seconds.
    const listed = await retrying(
      `listing search attributes of ${namespace}`,
      () => connection.operatorService.listSearchAttributes({ namespace }),
      deadline,
    );
    const existing = new Set(Object.keys(listed.customAttributes ?? {}));
    const missing = ISSUE_SEARCH_ATTRIBUTES.filter((key) => !existing.has(key.name));
    // One attribute per request, as the CLI path does: SQL visibility maps them to pre-allocated columns.
    for (const key of missing) {
      await connection.operatorService.addSearchAttributes({
        namespace,
        searchAttributes: { [key.name]: INDEXED_VALUE_TYPE[key.type] },
      });
    }
    log(`search attributes: ${missing.length} created, ${existing.size} already there`);
  } finally {
    await connection.close();
  }
}

/** `node dist/deploy/temporal-postgres/register-namespace.js`: the set-up job of docker-compose.yml and deploy/k8s. */
async function main(): Promise<void> {
  const config = loadConfiguration({ DATABASE_URL: 'postgres://unused/unused', ...process.env });
  const retentionDays = Number(process.env.TEMPORAL_NAMESPACE_RETENTION_DAYS ?? 30);
  if (!Number.isInteger(retentionDays) || retentionDays < 1) {
    throw new Error('TEMPORAL_NAMESPACE_RETENTION_DAYS must be a whole number of days, at least 1');
  }
  await registerNamespace({
    address: config.TEMPORAL_ADDRESS,
    namespace: config.TEMPORAL_NAMESPACE,
    retentionDays,
  });
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
