import type { EntityManager } from 'typeorm';
import type { DutyAudience, DutyNotice } from '../../domain/duties/duty-notices';

interface Recipient {
  memberId: string | null;
  name: string | null;
  unitCode: string | null;
}

type MemberRow = { id: string; name: string; unit_code: string };

/** Finds the people a duty audience means, from the organisation (SPEC §1). */
export async function resolveDutyAudience(
  manager: EntityManager,
  audience: DutyAudience,
): Promise<Recipient[]> {
  const select = async (where: string, params: unknown[]): Promise<Recipient[]> => {
    const rows = await manager.query<MemberRow[]>(
      `SELECT id, name, unit_code FROM members WHERE active AND ${where} ORDER BY id`,
      params,
    );
    return rows.map((r) => ({ memberId: r.id, name: r.name, unitCode: r.unit_code }));
  };
  switch (audience.role) {
    case 'unit_head':
      return select(`unit_code = $1 AND roles && ARRAY['sector_head','grid_head']::text[]`, [audience.unit]);
    case 'unit_deputy':
      return select(`unit_code = $1 AND roles && ARRAY['sector_deputy','grid_deputy']::text[]`, [
        audience.unit,
      ]);
    case 'grid_leader':
      return select(`grid_code = $1 AND 'direct_leader' = ANY(roles)`, [audience.grid]);
    case 'grid_members':
      return select(`grid_code = $1`, [audience.grid]);
    case 'eco_office':
      return select(`unit_code = $1`, [audience.unit]);
    case 'deputy_chief':
      return select(`'deputy_chief' = ANY(roles)`, []);
    case 'chief':
      return select(`'chief' = ANY(roles)`, []);
    case 'member':
      return select(`id = $1`, [audience.memberId]);
  }
}

function audienceKey(audience: DutyAudience): string {
  switch (audience.role) {
    case 'unit_head':
    case 'unit_deputy':
    case 'eco_office':
      return `${audience.role}:${audience.unit}`;
    case 'grid_leader':
    case 'grid_members':
      return `${audience.role}:${audience.grid}`;
    case 'member':
      return `member:${audience.memberId}`;
    default:
      return audience.role;
  }
}

function audienceUnit(audience: DutyAudience): string | null {
  return 'unit' in audience ? audience.unit : null;
}

/**
 * Puts duty notices in the notification outbox, one row per recipient, keyed by the notice's key: writing the
 * same notice again (a retried activity, a clock that ran twice) adds nothing. A notice whose audience resolves
 * to nobody is kept as `unresolved`, so 县环委办 sees that the organisation lacks someone. Returns how many rows
 * were new. Call inside the transaction that records what the notice is about.
 */
export async function writeDutyNotices(manager: EntityManager, notices: DutyNotice[]): Promise<number> {
  let written = 0;
  for (const notice of notices) {
    for (const audience of notice.audiences) {
      const recipients = await resolveDutyAudience(manager, audience);
      const rows: Recipient[] =
        recipients.length > 0
          ? recipients
          : [{ memberId: null, name: null, unitCode: audienceUnit(audience) }];
      for (const recipient of rows) {
        const id = `duty/${notice.key}/${audienceKey(audience)}/${recipient.memberId ?? 'none'}`;
        const inserted: unknown[] = await manager.query(
          `INSERT INTO notification_outbox (id, issue_code, ref, event_id, kind, audience, unit_code, member_id,
             recipient_name, subject, body, status)
           VALUES ($1, NULL, $2, NULL, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (id) DO NOTHING RETURNING id`,
          [
            id.slice(0, 240),
            notice.ref,
            notice.kind,
            audience.role,
            recipient.unitCode,
            recipient.memberId,
            recipient.name,
            notice.subject,
            notice.body,
            recipient.memberId ? 'pending' : 'unresolved',
          ],
        );
        written += inserted.length;
      }
    }
  }
  return written;
}
