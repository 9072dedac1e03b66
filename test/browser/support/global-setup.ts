import { spawnSync } from 'node:child_process';
import path from 'node:path';
import integrationSetup from '../../support/global-setup';

/** The integration tests' servers, and the console built from its current sources. */
export default async function globalSetup(): Promise<void> {
  const root = path.resolve(__dirname, '..', '..', '..');
  const build = spawnSync(process.execPath, ['scripts/build-console.mjs'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('the console could not be built (node scripts/build-console.mjs)');
  await integrationSetup();
}
