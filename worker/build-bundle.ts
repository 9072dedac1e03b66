import fs from 'node:fs';
import { bundleWorkflowCode } from '@temporalio/worker';
import { DEFAULT_BUNDLE_PATH, WORKFLOWS_PATH } from './worker';

/** Builds the workflow bundle once at build time, so production workers start fast and run the same code. */
async function main(): Promise<void> {
  const { code } = await bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH });
  fs.writeFileSync(DEFAULT_BUNDLE_PATH, code);
  console.log(`workflow bundle written to ${DEFAULT_BUNDLE_PATH} (${Math.round(code.length / 1024)} KiB)`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
