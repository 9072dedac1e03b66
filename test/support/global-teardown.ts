import fs from 'node:fs';

/** Stops what the global setup started and removes its files. */
export default async function globalTeardown(): Promise<void> {
  const servers = globalThis.__ECO_GRID_SERVERS__;
  if (!servers) return;
  await servers.temporal.stop();
  await servers.postgres.stop();
  if (!process.env.KEEP_TEST_DATA) fs.rmSync(servers.workDir, { recursive: true, force: true });
}
