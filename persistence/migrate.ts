import { loadConfiguration } from '../config/configuration';
import { openDataSource } from './data-source';
import { seed } from './seed/seed';

/** `npm run migration:run`: applies pending migrations and seeds the catalog (demo data with SEED_DEMO=true). */
async function main(): Promise<void> {
  const config = loadConfiguration();
  const dataSource = await openDataSource(config.DATABASE_URL, { ssl: config.DATABASE_SSL === 'true' });
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    const seeded = await seed(dataSource, { demo: process.env.SEED_DEMO === 'true' });
    console.log(
      `migrations applied: ${applied.length}; seeded ${seeded.units} units, ${seeded.categories} catalog categories`,
    );
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
