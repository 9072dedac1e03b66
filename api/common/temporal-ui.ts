import type { Configuration } from '../../config/configuration';

/** Where an operator sees a workflow in the Temporal UI. */
export function temporalUiUrl(config: Configuration, workflowId: string): string {
  return `${config.TEMPORAL_UI_URL}/namespaces/${encodeURIComponent(config.TEMPORAL_NAMESPACE)}/workflows/${encodeURIComponent(workflowId)}`;
}
