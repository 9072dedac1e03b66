import type { DutyAudience, DutyNotice } from '../../domain/duties/duty-notices';
import type {
  ActiveMemberFilter,
  OrganisationRepository,
} from '../../persistence/repositories/organisation.repository';
import type { OutboxRepository } from '../../persistence/repositories/outbox.repository';
import { UNIT_PRINCIPAL_ROLES } from '../../domain/organisation/roles';

interface Recipient {
  memberId: string | null;
  name: string | null;
  unitCode: string | null;
}

/** Finds the people a duty audience means, from the organisation (SPEC §1). */
export async function resolveDutyAudience(
  organisation: OrganisationRepository,
  audience: DutyAudience,
): Promise<Recipient[]> {
  const select = async (filter: ActiveMemberFilter): Promise<Recipient[]> => {
    const rows = await organisation.activeMembers(filter);
    return rows.map((r) => ({ memberId: r.id, name: r.name, unitCode: r.unit_code }));
  };
  switch (audience.role) {
    case 'unit_head':
      return select({ unit: audience.unit, roles: [...UNIT_PRINCIPAL_ROLES] });
    case 'unit_deputy':
      return select({ unit: audience.unit, roles: ['sector_deputy', 'grid_deputy'] });
    case 'grid_leader':
      return select({ grid: audience.grid, roles: ['direct_leader'] });
    case 'grid_members':
      return select({ grid: audience.grid });
    case 'eco_office':
      return select({ unit: audience.unit });
    case 'deputy_chief':
      return select({ roles: ['deputy_chief'] });
    case 'chief':
      return select({ roles: ['chief'] });
    case 'member':
      return select({ id: audience.memberId });
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
 * were new. Call with the repositories of the transaction that records what the notice is about.
 */
export async function writeDutyNotices(
  tx: { organisation: OrganisationRepository; outbox: OutboxRepository },
  notices: DutyNotice[],
): Promise<number> {
  let written = 0;
  for (const notice of notices) {
    const reached = new Set<string>();
    for (const audience of notice.audiences) {
      const resolved = await resolveDutyAudience(tx.organisation, audience);
      const recipients = notice.oncePerPerson
        ? resolved.filter((r) => r.memberId === null || !reached.has(r.memberId))
        : resolved;
      for (const r of recipients) if (r.memberId) reached.add(r.memberId);
      if (notice.oncePerPerson && resolved.length > 0 && recipients.length === 0) continue;
      const rows: Recipient[] =
        recipients.length > 0
          ? recipients
          : [{ memberId: null, name: null, unitCode: audienceUnit(audience) }];
      for (const recipient of rows) {
        const id = `duty/${notice.key}/${audienceKey(audience)}/${recipient.memberId ?? 'none'}`;
        const inserted = await tx.outbox.enqueue({
          id: id.slice(0, 240),
          issueCode: null,
          ref: notice.ref,
          eventId: null,
          kind: notice.kind,
          audience: audience.role,
          unitCode: recipient.unitCode,
          memberId: recipient.memberId,
          recipientName: recipient.name,
          subject: notice.subject,
          body: notice.body,
          status: recipient.memberId ? 'pending' : 'unresolved',
        });
        if (inserted) written += 1;
      }
    }
  }
  return written;
}
