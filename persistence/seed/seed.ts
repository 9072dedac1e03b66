import type { DataSource } from 'typeorm';
import {
  COUNTY_UNITS,
  DEMO_MEMBERS,
  DEMO_UNITS,
  RESPONSIBILITY_CATALOG,
  type UnitSeed,
} from './catalog.seed';

export interface SeedOptions {
  /** Also insert the demo county organisation (on by default for local use). */
  demo: boolean;
}

/** Inserts what is missing and never overwrites: the catalog is the county's to edit after install. */
export async function seed(
  dataSource: DataSource,
  options: SeedOptions,
): Promise<{ units: number; categories: number }> {
  const units: UnitSeed[] = options.demo ? [...COUNTY_UNITS, ...DEMO_UNITS] : COUNTY_UNITS;
  return dataSource.transaction(async (manager) => {
    let insertedUnits = 0;
    for (const unit of units) {
      const result: unknown[] = await manager.query(
        `INSERT INTO units (code, name, kind, parent_code, demo, prefecture_counterpart) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (code) DO NOTHING RETURNING code`,
        [unit.code, unit.name, unit.kind, unit.parentCode, unit.demo, unit.prefectureCounterpart ?? null],
      );
      insertedUnits += result.length;
    }
    let insertedCategories = 0;
    for (const category of RESPONSIBILITY_CATALOG) {
      const result: unknown[] = await manager.query(
        `INSERT INTO responsibility_categories (code, name, owner_unit_code, description) VALUES ($1, $2, $3, $4)
         ON CONFLICT (code) DO NOTHING RETURNING code`,
        [category.code, category.name, category.ownerUnitCode, category.description],
      );
      insertedCategories += result.length;
    }
    if (options.demo) {
      for (const member of DEMO_MEMBERS) {
        await manager.query(
          `INSERT INTO members (id, unit_code, name, roles, email, demo) VALUES ($1, $2, $3, $4, $5, true)
           ON CONFLICT (id) DO NOTHING`,
          [member.id, member.unitCode, member.name, member.roles, member.email],
        );
      }
    }
    return { units: insertedUnits, categories: insertedCategories };
  });
}
