// The embedded PostgreSQL of `npm start` in a process of its own, which the launcher starts in a process group of
// its own and stops last: a terminal's Ctrl-C must not stop the database under a worker that is still draining.
import fs from 'node:fs';
import path from 'node:path';
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
  // A server that dies under it (killed, crashed) ends the host too, so the launcher sees it and starts it again.
  const died = watchPostmaster(options.dataDir, log);
  if ((await Promise.race([stopAsked.then(() => 'stop' as const), died])) === 'died') process.exit(3);
  await server.stop();
}

/** Resolves 'died' once the postmaster of `postmaster.pid` in the data directory is gone. */
function watchPostmaster(dataDir: string, log: number): Promise<'died'> {
  const pid = Number(fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  return new Promise((resolve) => {
    const timer = setInterval(() => {
      try {
        process.kill(pid, 0);
      } catch {
        clearInterval(timer);
        fs.writeSync(log, `[host] PostgreSQL (pid ${pid}) is gone; the host exits so it is restarted\n`);
        resolve('died');
      }
    }, 500);
  });
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
