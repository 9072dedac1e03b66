import type { WorkflowHandle } from '@temporalio/client';
import type { IssueState } from '../../domain/issue/issue.types';
import type { ActionId } from '../../domain/process/issue-process.definition';
import {
  actionUpdates,
  issueStateQuery,
  stateFromResult,
  type ActionArgs,
} from '../../workflows/issue/issue.messages';

/**
 * Takes an action straight through its Update and answers the new state as the API does: the state read before,
 * moved forward by the change the Update answers (or read anew when the action found another state).
 */
export async function takeAction<A extends ActionId>(
  handle: WorkflowHandle,
  action: A,
  args: ActionArgs<A>,
  updateId?: string,
): Promise<IssueState> {
  const found = await handle.query(issueStateQuery).catch(() => undefined);
  const result = await handle.executeUpdate(actionUpdates[action], {
    args: [args],
    ...(updateId ? { updateId } : {}),
  });
  return stateFromResult(result, found) ?? (await handle.query(issueStateQuery));
}
