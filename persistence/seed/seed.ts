import type { DataSource } from 'typeorm';
import { hashPassword } from '../password-hash';
import { demoMembersWithoutCredentials, seedDemoCredentials } from '../repositories/credentials.repository';
import {
  CHIEF_PATROL_ROUTES,
  COUNTY_UNITS,
  DEMO_AREAS,
  DEMO_GRID_MEMBERS,
  DEMO_GRIDS,
  DEMO_KEY_POINTS,
  DEMO_MEMBERS,
  DEMO_UNITS,
  RESPONSIBILITY_CATALOG,
  type UnitSeed,
} from './catalog.seed';

/** Every demo member's password until they change it; `npm start` prints it with the demo accounts. */
export const DEMO_PASSWORD = 'demo1234';

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
      // A counterpart added to the seed later reaches an existing install, without overwriting the county's own.
      if (unit.prefectureCounterpart)
        await manager.query(
          `UPDATE units SET prefecture_counterpart = $2 WHERE code = $1 AND prefecture_counterpart IS NULL`,
          [unit.code, unit.prefectureCounterpart],
        );
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
    for (const route of CHIEF_PATROL_ROUTES) {
      await manager.query(
        `INSERT INTO chief_patrol_routes (source, unit_code, duty, description) VALUES ($1, $2, $3, $4)
         ON CONFLICT (source) DO NOTHING`,
        [route.source, route.unitCode, route.duty, route.description],
      );
    }
    if (options.demo) {
      // Parents before their 分片, so the grid's own foreign key is satisfied row by row.
      const grids = [...DEMO_GRIDS].sort(
        (a, b) => Number(a.kind === 'sub_area') - Number(b.kind === 'sub_area'),
      );
      for (const grid of grids) {
        await manager.query(
          `INSERT INTO grids (code, unit_code, name, kind, parent_grid_code, village, description, boundary, demo)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, true)
           ON CONFLICT (code) DO UPDATE SET boundary = EXCLUDED.boundary
             WHERE grids.demo AND grids.boundary IS NULL`,
          [
            grid.code,
            grid.unitCode,
            grid.name,
            grid.kind,
            grid.parentGridCode,
            grid.village,
            grid.description,
            JSON.stringify(grid.boundary),
          ],
        );
      }
      // G7: the demo townships' territories, drawn once; a county that redraws them keeps its own.
      for (const [code, area] of Object.entries(DEMO_AREAS.townships))
        await manager.query(
          `UPDATE units SET boundary = $2::jsonb WHERE code = $1 AND demo AND boundary IS NULL`,
          [code, JSON.stringify(area)],
        );
      for (const point of DEMO_KEY_POINTS) {
        await manager.query(
          `INSERT INTO key_points (id, grid_code, name, lat, lng, description, demo)
           VALUES ($1, $2, $3, $4, $5, $6, true)
           ON CONFLICT (id) DO NOTHING`,
          [point.id, point.gridCode, point.name, point.lat, point.lng, point.description],
        );
      }
      for (const member of [...DEMO_MEMBERS, ...DEMO_GRID_MEMBERS]) {
        await manager.query(
          `INSERT INTO members (id, unit_code, name, roles, email, grid_code, is_section_cadre, post, public_contact, demo)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, true)
           ON CONFLICT (id) DO NOTHING`,
          [
            member.id,
            member.unitCode,
            member.name,
            member.roles,
            member.email,
            member.gridCode ?? null,
            member.isSectionCadre ?? false,
            member.post ?? null,
            member.publicContact ?? null,
          ],
        );
      }
      // Hashed once per seeding, and only when a demo member still lacks a password: seeding runs at every start.
      if ((await demoMembersWithoutCredentials(manager)) > 0) {
        await seedDemoCredentials(manager, await hashPassword(DEMO_PASSWORD));
      }
    }
    return { units: insertedUnits, categories: insertedCategories };
  });
}
