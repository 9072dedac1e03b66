import type { DataSource, EntityManager } from 'typeorm';
import type { MemberRole } from '../../domain/organisation/roles';
import type { UnitKind } from '../entities/unit.entity';

type Db = DataSource | EntityManager;

/** Who a verified token or session names, as the roster in PostgreSQL has them now. */
export interface RosterEntry {
  kind: 'member' | 'service';
  id: string;
  name: string;
  unitCode: string;
  unitName: string;
  unitKind: UnitKind;
  roles: MemberRole[];
  gridCode: string | null;
}

interface RosterRow {
  kind: 'member' | 'service';
  id: string;
  name: string;
  unit_code: string;
  unit_name: string;
  unit_kind: UnitKind;
  roles: MemberRole[];
  grid_code: string | null;
}

export const rosterEntry = (row: RosterRow): RosterEntry => ({
  kind: row.kind,
  id: row.id,
  name: row.name,
  unitCode: row.unit_code,
  unitName: row.unit_name,
  unitKind: row.unit_kind,
  roles: row.roles,
  gridCode: row.grid_code,
});

/** An active member, else an active service account, with this id; a member's id always wins over a service's. */
export async function findRosterEntry(db: Db, id: string): Promise<RosterEntry | null> {
  const rows: RosterRow[] = await db.query(
    `SELECT 'member' AS kind, m.id, m.name, m.unit_code, u.name AS unit_name, u.kind AS unit_kind, m.roles, m.grid_code
       FROM members m JOIN units u ON u.code = m.unit_code
      WHERE m.id = $1 AND m.active
     UNION ALL
     SELECT 'service', s.id, s.name, s.unit_code, u.name, u.kind, s.roles, NULL
       FROM service_accounts s JOIN units u ON u.code = s.unit_code
      WHERE s.id = $1 AND s.active AND NOT EXISTS (SELECT 1 FROM members WHERE id = $1)`,
    [id],
  );
  return rows.length > 0 ? rosterEntry(rows[0]) : null;
}

/** A service account another system's bearer tokens name: created, or its unit, name and roles replaced. */
export interface ServiceAccount {
  id: string;
  name: string;
  unitCode: string;
  roles: readonly MemberRole[];
}

export async function upsertServiceAccount(db: Db, account: ServiceAccount): Promise<void> {
  await db.query(
    `INSERT INTO service_accounts (id, unit_code, name, roles) VALUES ($1, $2, $3, $4)
     ON CONFLICT (id) DO UPDATE SET unit_code = EXCLUDED.unit_code, name = EXCLUDED.name, roles = EXCLUDED.roles,
       active = true, updated_at = now()`,
    [account.id, account.unitCode, account.name, [...account.roles]],
  );
}

export async function unitExists(db: Db, code: string): Promise<boolean> {
  const rows: unknown[] = await db.query(`SELECT 1 FROM units WHERE code = $1`, [code]);
  return rows.length > 0;
}

/** Whether a member with this id exists (active or not). */
export async function memberExists(db: Db, id: string): Promise<boolean> {
  const rows: unknown[] = await db.query(`SELECT 1 FROM members WHERE id = $1`, [id]);
  return rows.length > 0;
}

/** How an identity provider's claim names a member: their mobile number, their account name, or their id. */
export type MemberMatch = 'phone' | 'account' | 'member_id';

/** The one active member a provider's claim names; none when no member or several members match. */
export async function findMemberIdBy(db: Db, match: MemberMatch, value: string): Promise<string | null> {
  let rows: Array<{ id: string }>;
  if (match === 'phone') {
    const digits = value.replace(/\D/g, '').replace(/^86(?=\d{11}$)/, '');
    if (digits.length < 5) return null;
    rows = await db.query(
      `SELECT id FROM members
        WHERE active AND phone IS NOT NULL AND regexp_replace(phone, '\\D', '', 'g') IN ($1, '86' || $1)`,
      [digits],
    );
  } else if (match === 'account') {
    rows = await db.query(
      `SELECT m.id FROM member_credentials c JOIN members m ON m.id = c.member_id AND m.active
        WHERE lower(c.login_name) = lower($1)`,
      [value],
    );
  } else {
    rows = await db.query(`SELECT id FROM members WHERE active AND id = $1`, [value]);
  }
  return rows.length === 1 ? rows[0].id : null;
}
