import { Worker } from '@temporalio/worker';
import { WORKFLOWS_PATH } from '../../worker/worker';
import { loadHistories } from '../support/histories';

// Every recorded history (test/fixtures/histories, refreshed by `npm run record-histories`) must replay on the
// current workflow code: a non-deterministic change to running workflows fails here, before it reaches a worker.
describe('workflow replay', () => {
  const histories = loadHistories();

  it('has recorded histories to replay', () => {
    expect(histories.length).toBeGreaterThan(0);
  });

  it.each(histories.map((h) => [h.name, h] as const))(
    'replays %s deterministically',
    async (_name, history) => {
      await expect(
        Worker.runReplayHistory({ workflowsPath: WORKFLOWS_PATH }, history.history, history.workflowId),
      ).resolves.toBeUndefined();
    },
  );
});
