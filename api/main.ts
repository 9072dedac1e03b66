import { Logger } from '@nestjs/common';
import { loadConfiguration } from '../config/configuration';
import { createApp } from './app.factory';

/** The API process: HTTP only; it starts and queries workflows but never runs a worker. */
async function main(): Promise<void> {
  const config = loadConfiguration(process.env, { requireAuth: true });
  const app = await createApp(config);
  await app.listen(config.PORT, config.HOST);
  new Logger('API').log(`listening on http://${config.HOST}:${config.PORT} (docs at /api/docs)`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
