import type { DataSource, EntityManager } from 'typeorm';
import { returnedRows } from '../returning';
import { rosterEntry, type RosterEntry } from './roster.repository';

type Db = DataSource | EntityManager;

export type SessionMethod = 'password' | 'oidc';

/** A console session that is still open, with its member as the roster has them now. */
export interface OpenSession {
  id: string;
  method: SessionMethod;
  createdAt: Date;
  expiresAt: Date;
  member: RosterEntry;
  mustChangePassword: boolean;
}

export async function createSession(
  db: Db,
  session: {
    id: string;
    memberId: string;
    method: SessionMethod;
    idleSeconds: number;
    address: string | null;
  },
): Promise<Date> {
  const [row]: Array<{ expires_at: Date }> = await db.query(
    `INSERT INTO auth_sessions (id, member_id, method, expires_at, address)
     VALUES ($1, $2, $3, now() + make_interval(secs => $4), $5) RETURNING expires_at`,
    [
      session.id,
      session.memberId,
      session.method,
      session.idleSeconds,
      session.address?.slice(0, 64) ?? null,
    ],
  );
  return row.expires_at;
}

/** The session if it is neither revoked nor expired and its member is still active. */
export async function findOpenSession(db: Db, id: string, memberId: string): Promise<OpenSession | null> {
  const rows: Array<{
    id: string;
    method: SessionMethod;
    created_at: Date;
    expires_at: Date;
    member_id: string;
    name: string;
    unit_code: string;
    unit_name: string;
    unit_kind: RosterEntry['unitKind'];
    roles: RosterEntry['roles'];
    grid_code: string | null;
    must_change_password: boolean | null;
  }> = await db.query(
    `SELECT s.id, s.method, s.created_at, s.expires_at, m.id AS member_id, m.name, m.unit_code,
            u.name AS unit_name, u.kind AS unit_kind, m.roles, m.grid_code, c.must_change_password
       FROM auth_sessions s
       JOIN members m ON m.id = s.member_id AND m.active
       JOIN units u ON u.code = m.unit_code
       LEFT JOIN member_credentials c ON c.member_id = m.id
      WHERE s.id = $1 AND s.member_id = $2 AND s.revoked_at IS NULL AND s.expires_at > now()`,
    [id, memberId],
  );
  if (rows.length === 0) return null;
  const [row] = rows;
  return {
    id: row.id,
    method: row.method,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    member: rosterEntry({ ...row, kind: 'member', id: row.member_id }),
    mustChangePassword: row.must_change_password ?? false,
  };
}

/** Slides the session's end to `idleSeconds` from now, never past `maxSeconds` after it began. */
export async function renewSession(
  db: Db,
  id: string,
  idleSeconds: number,
  maxSeconds: number,
): Promise<Date | null> {
  const rows = returnedRows<{ expires_at: Date }>(
    await db.query(
      `UPDATE auth_sessions
          SET expires_at = LEAST(now() + make_interval(secs => $2), created_at + make_interval(secs => $3))
        WHERE id = $1 AND revoked_at IS NULL AND expires_at > now()
        RETURNING expires_at`,
      [id, idleSeconds, maxSeconds],
    ),
  );
  return rows.length > 0 ? rows[0].expires_at : null;
}

export async function revokeSession(db: Db, id: string): Promise<void> {
  await db.query(`UPDATE auth_sessions SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL`, [id]);
}

/** Ends every open session of the member (a reset or a changed password), except the one that changed it. */
export async function revokeMemberSessions(db: Db, memberId: string, exceptId?: string): Promise<number> {
  const rows = returnedRows<{ id: string }>(
    await db.query(
      `UPDATE auth_sessions SET revoked_at = now()
        WHERE member_id = $1 AND revoked_at IS NULL AND id IS DISTINCT FROM $2 RETURNING id`,
      [memberId, exceptId ?? null],
    ),
  );
  return rows.length;
}

/** Forgets sessions that ended more than a day ago; called now and then by sign-ins. */
export async function deleteEndedSessions(db: Db): Promise<void> {
  await db.query(`DELETE FROM auth_sessions WHERE expires_at < now() - interval '1 day'`);
}
