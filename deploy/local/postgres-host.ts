// The embedded PostgreSQL of `npm start` in a process of its own, which the launcher starts in a process group of
// its own and stops last: a terminal's Ctrl-C must not stop the database under a worker that is still draining.
import fs from 'node:fs';
import { startEmbeddedPostgres, type PostgresHostOptions } from './postgres';

async function main(): Promise<void> {
  const { logFile, ...options } = JSON.parse(process.argv[2] ?? '{}') as PostgresHostOptions;
  // Its own log file, so the last lines (the shutdown) are kept even when the launcher is gone.
  const log = fs.openSync(logFile, 'a');
  // Listening before the start: startEmbeddedPostgres drops signal handlers that appear while it loads the package
  // (the package's own), and a stop asked for during start-up must still stop the server once it is up.
  const stopAsked = new Promise<void>((resolve) => {
    process.on('SIGTERM', () => resolve());
    process.on('SIGINT', () => resolve());
    // The channel to the launcher closed: it is gone, so the database stops rather than run on without it.
    process.on('disconnect', () => resolve());
  });
  const server = await startEmbeddedPostgres({
    ...options,
    log: (line) => fs.writeSync(log, `${line}\n`),
  });
  process.send?.({ url: server.url });
  await stopAsked;
  await server.stop();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
