import type { Db } from './db';
import type { TableSpec } from './organisation.repository';

/** The catalog's table as the generic row access (`OrganisationRepository.page`, `find` …) edits it. */
export const CATEGORIES: TableSpec = {
  what: 'category',
  table: 'responsibility_categories',
  key: { field: 'code', column: 'code' },
  columns: { name: 'name', ownerUnitCode: 'owner_unit_code', description: 'description' },
  orderBy: 'owner_unit_code, code',
};

/** A category of the catalog. */
export interface CategoryRow {
  code: string;
  name: string;
  owner_unit_code: string;
}

/** A category with the name of the unit that owns it. */
export interface SuggestedOwnerRow {
  category: string;
  categoryName: string;
  ownerUnitCode: string;
  ownerUnitName: string;
}

/** L22: who takes the findings of a river-chief or forest-chief patrol. */
export interface ChiefPatrolRouteRow {
  source: string;
  unit_code: string;
  unit_name: string;
  duty: 'dispatch' | 'cooperate';
  description: string;
}

/** 职责清单 (`responsibility_categories`, SPEC §2): which unit owns which kind of problem. */
export class CatalogRepository {
  constructor(private readonly db: Db) {}

  /** L22: the routing of an issue source, when the catalog names one (river- and forest-chief patrols). */
  async patrolRoute(source: string): Promise<ChiefPatrolRouteRow | undefined> {
    const [row] = await this.db.query<ChiefPatrolRouteRow[]>(
      `SELECT r.source, r.unit_code, u.name AS unit_name, r.duty, r.description
       FROM chief_patrol_routes r JOIN units u ON u.code = r.unit_code WHERE r.source = $1`,
      [source],
    );
    return row;
  }

  /** L22: every routing the catalog holds. */
  patrolRoutes(): Promise<ChiefPatrolRouteRow[]> {
    return this.db.query<ChiefPatrolRouteRow[]>(
      `SELECT r.source, r.unit_code, u.name AS unit_name, r.duty, r.description
       FROM chief_patrol_routes r JOIN units u ON u.code = r.unit_code ORDER BY r.source`,
    );
  }

  /** One category, or undefined. */
  async category(code: string): Promise<CategoryRow | undefined> {
    const [row] = await this.db.query<CategoryRow[]>(
      `SELECT code, name, owner_unit_code FROM responsibility_categories WHERE code = $1`,
      [code],
    );
    return row;
  }

  /** Which of these codes are categories of the catalog. */
  async knownCodes(codes: readonly string[]): Promise<Set<string>> {
    const rows = await this.db.query<Array<{ code: string }>>(
      `SELECT code FROM responsibility_categories WHERE code = ANY($1::text[])`,
      [codes],
    );
    return new Set(rows.map((r) => r.code));
  }

  /** A category with its owner's name, or undefined. */
  async suggestedOwner(category: string): Promise<SuggestedOwnerRow | undefined> {
    const [row] = await this.db.query<SuggestedOwnerRow[]>(
      `SELECT c.code AS category, c.name AS "categoryName", c.owner_unit_code AS "ownerUnitCode", u.name AS "ownerUnitName"
         FROM responsibility_categories c JOIN units u ON u.code = c.owner_unit_code
        WHERE c.code = $1`,
      [category],
    );
    return row;
  }

  /** Every category with its owner's name (null for an owner no longer in the organisation), by code. */
  withOwners(): Promise<Array<{ code: string; name: string; description: string; owner: string | null }>> {
    return this.db.query(
      `SELECT c.code, c.name, c.description, u.name AS owner
       FROM responsibility_categories c LEFT JOIN units u ON u.code = c.owner_unit_code
       ORDER BY c.code`,
    );
  }

  /** The categories a unit owns. */
  ownedBy(unit: string): Promise<Array<{ code: string; name: string; description: string }>> {
    return this.db.query(
      `SELECT code, name, description FROM responsibility_categories WHERE owner_unit_code = $1`,
      [unit],
    );
  }
}
