import type { DataSource, EntityManager } from 'typeorm';

type Db = DataSource | EntityManager;

/** A member's sign-in: account name, Argon2id hash, and whether the next sign-in must set a new password. */
export interface Credential {
  memberId: string;
  loginName: string;
  passwordHash: string;
  mustChangePassword: boolean;
  /** The member's mobile number, the other name they sign in with. */
  phone: string | null;
}

interface CredentialRow {
  member_id: string;
  login_name: string;
  password_hash: string;
  must_change_password: boolean;
  phone: string | null;
}

const credential = (row: CredentialRow): Credential => ({
  memberId: row.member_id,
  loginName: row.login_name,
  passwordHash: row.password_hash,
  mustChangePassword: row.must_change_password,
  phone: row.phone,
});

const SELECT = `SELECT c.member_id, c.login_name, c.password_hash, c.must_change_password, m.phone
  FROM member_credentials c JOIN members m ON m.id = c.member_id AND m.active`;

/** Only the digits of a mobile number: +86 138-0000-0004 and 13800000004 are one number. */
export function phoneDigits(value: string): string {
  const digits = value.replace(/\D/g, '');
  return digits.length === 13 && digits.startsWith('86') ? digits.slice(2) : digits;
}

/**
 * The active member's credential an account names: its account name (any case), else the mobile number of
 * exactly one active member (a number two members share signs in neither).
 */
export async function findCredentialByAccount(db: Db, account: string): Promise<Credential | null> {
  const byName: CredentialRow[] = await db.query(`${SELECT} WHERE lower(c.login_name) = lower($1)`, [
    account,
  ]);
  if (byName.length === 1) return credential(byName[0]);
  const digits = phoneDigits(account);
  if (!/^\d{5,20}$/.test(digits) || /[^\d\s+()-]/.test(account)) return null;
  const byPhone: CredentialRow[] = await db.query(
    `${SELECT} WHERE m.phone IS NOT NULL AND regexp_replace(m.phone, '\\D', '', 'g') IN ($1, '86' || $1)`,
    [digits],
  );
  return byPhone.length === 1 ? credential(byPhone[0]) : null;
}

export async function findCredential(db: Db, memberId: string): Promise<Credential | null> {
  const rows: CredentialRow[] = await db.query(`${SELECT} WHERE c.member_id = $1`, [memberId]);
  return rows.length > 0 ? credential(rows[0]) : null;
}

/**
 * Sets a member's password hash and whether it must be changed at the next sign-in; a member without a
 * credential gets one whose account name is their member id.
 */
export async function setPasswordHash(
  db: Db,
  memberId: string,
  passwordHash: string,
  mustChangePassword: boolean,
): Promise<void> {
  await db.query(
    `INSERT INTO member_credentials (member_id, login_name, password_hash, must_change_password)
     VALUES ($1, $1, $2, $3)
     ON CONFLICT (member_id) DO UPDATE SET password_hash = EXCLUDED.password_hash,
       must_change_password = EXCLUDED.must_change_password, password_changed_at = now()`,
    [memberId, passwordHash, mustChangePassword],
  );
}

/** Gives every active demo member without a credential this hash, to change at will (not forced). */
export async function seedDemoCredentials(db: Db, passwordHash: string): Promise<number> {
  const rows: unknown[] = await db.query(
    `INSERT INTO member_credentials (member_id, login_name, password_hash, must_change_password)
     SELECT m.id, m.id, $1, false FROM members m
      WHERE m.demo AND m.active AND NOT EXISTS (SELECT 1 FROM member_credentials c WHERE c.member_id = m.id)
     ON CONFLICT DO NOTHING
     RETURNING member_id`,
    [passwordHash],
  );
  return rows.length;
}

/** Whether any active demo member still has no credential (so the seed need not hash at all). */
export async function demoMembersWithoutCredentials(db: Db): Promise<number> {
  const [row]: Array<{ count: string }> = await db.query(
    `SELECT count(*) AS count FROM members m
      WHERE m.demo AND m.active AND NOT EXISTS (SELECT 1 FROM member_credentials c WHERE c.member_id = m.id)`,
  );
  return Number(row.count);
}

/** A demo member's sign-in as `npm start` prints it. */
export interface DemoLogin {
  memberId: string;
  name: string;
  unitName: string;
  loginName: string;
}

/** The sign-ins of these demo members that still exist, in the order asked for. */
export async function demoLogins(db: Db, memberIds: readonly string[]): Promise<DemoLogin[]> {
  const rows: Array<{ id: string; name: string; unit_name: string; login_name: string }> = await db.query(
    `SELECT m.id, m.name, u.name AS unit_name, c.login_name
       FROM members m JOIN units u ON u.code = m.unit_code JOIN member_credentials c ON c.member_id = m.id
      WHERE m.demo AND m.active AND m.id = ANY($1)`,
    [[...memberIds]],
  );
  return memberIds.flatMap((id) => {
    const row = rows.find((r) => r.id === id);
    return row
      ? [{ memberId: row.id, name: row.name, unitName: row.unit_name, loginName: row.login_name }]
      : [];
  });
}
