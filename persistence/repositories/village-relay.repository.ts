import type { EntityManager } from 'typeorm';
import type { VillageRelayStatus } from '../../domain/organisation/village-relay';
import { returnedRows } from '../returning';
import type { Db } from './db';
import { OutboxRepository } from './outbox.repository';

/** A relay as it is appended (G8). */
export interface NewVillageRelay {
  id: string;
  gridCode: string;
  township: string;
  reporterId: string;
  reporterUnit: string;
  title: string;
  description: string;
  location: { lat: number; lng: number } | null;
  evidence: string[];
  reportedAt: Date;
}

/** A relay as the API shows it. */
export interface VillageRelayView {
  id: string;
  gridCode: string;
  gridName: string;
  township: string;
  townshipName: string;
  reporter: { id: string; name: string; unitCode: string };
  title: string;
  description: string;
  location: { lat: number; lng: number } | null;
  evidence: string[];
  reportedAt: string;
  status: VillageRelayStatus;
  issueCode: string | null;
  answer: string | null;
  handledBy: { id: string; name: string } | null;
  handledAt: string | null;
}

/** How the township settles a relay: as an issue, or with an answer. */
export type RelaySettlement =
  | { status: 'accepted'; issueCode: string; by: { id: string; name: string }; at: Date }
  | { status: 'answered'; answer: string; by: { id: string; name: string }; at: Date };

/** One relay notice to one member (or to nobody found: kept as unresolved for 县环委办). */
export interface RelayNotice {
  key: string;
  kind: string;
  relayId: string;
  unitCode: string | null;
  recipient: { id: string; name: string } | null;
  subject: string;
  body: string;
}

interface Row {
  id: string;
  grid_code: string;
  grid_name: string;
  township: string;
  township_name: string;
  reporter_id: string;
  reporter_name: string;
  reporter_unit: string;
  title: string;
  description: string;
  lat: number | null;
  lng: number | null;
  evidence: string[];
  reported_at: Date;
  status: VillageRelayStatus;
  issue_code: string | null;
  answer: string | null;
  handled_by: string | null;
  handled_by_name: string | null;
  handled_at: Date | null;
}

const SELECT = `
  SELECT r.*, g.name AS grid_name, u.name AS township_name, m.name AS reporter_name
    FROM village_relays r
    JOIN grids g ON g.code = r.grid_code
    JOIN units u ON u.code = r.township
    JOIN members m ON m.id = r.reporter_id`;

const view = (r: Row): VillageRelayView => ({
  id: r.id,
  gridCode: r.grid_code,
  gridName: r.grid_name,
  township: r.township,
  townshipName: r.township_name,
  reporter: { id: r.reporter_id, name: r.reporter_name, unitCode: r.reporter_unit },
  title: r.title,
  description: r.description,
  location: r.lat !== null && r.lng !== null ? { lat: r.lat, lng: r.lng } : null,
  evidence: r.evidence,
  reportedAt: r.reported_at.toISOString(),
  status: r.status,
  issueCode: r.issue_code,
  answer: r.answer,
  handledBy: r.handled_by ? { id: r.handled_by, name: r.handled_by_name ?? r.handled_by } : null,
  handledAt: r.handled_at ? r.handled_at.toISOString() : null,
});

/** 村级网格员反馈 (G8): the village relays and the notices they send, each change in one transaction. */
export class VillageRelayRepository {
  constructor(private readonly db: Db) {}

  within(manager: EntityManager): VillageRelayRepository {
    return new VillageRelayRepository(manager);
  }

  async insert(relay: NewVillageRelay, notices: RelayNotice[]): Promise<void> {
    await this.inTransaction(async (tx) => {
      await tx.db.query(
        `INSERT INTO village_relays (id, grid_code, township, reporter_id, reporter_unit, title, description, lat, lng,
           evidence, reported_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [
          relay.id,
          relay.gridCode,
          relay.township,
          relay.reporterId,
          relay.reporterUnit,
          relay.title,
          relay.description,
          relay.location?.lat ?? null,
          relay.location?.lng ?? null,
          relay.evidence,
          relay.reportedAt,
        ],
      );
      await tx.notify(notices);
    });
  }

  async find(id: string): Promise<VillageRelayView | undefined> {
    const [row] = await this.db.query<Row[]>(`${SELECT} WHERE r.id = $1`, [id]);
    return row ? view(row) : undefined;
  }

  /** Newest first; limited to the relays of `scope` (as township or reporter's unit) unless it is undefined. */
  async page(
    filter: { scope?: string; township?: string; status?: VillageRelayStatus },
    page: number,
    pageSize: number,
  ): Promise<{ items: VillageRelayView[]; total: number }> {
    const where = [
      '($1::text IS NULL OR r.township = $1 OR r.reporter_unit = $1)',
      '($2::text IS NULL OR r.township = $2)',
      '($3::text IS NULL OR r.status = $3)',
    ].join(' AND ');
    const params = [filter.scope ?? null, filter.township ?? null, filter.status ?? null];
    const [{ total }] = await this.db.query<Array<{ total: number }>>(
      `SELECT count(*)::int AS total FROM village_relays r WHERE ${where}`,
      params,
    );
    const rows = await this.db.query<Row[]>(
      `${SELECT} WHERE ${where} ORDER BY r.reported_at DESC, r.id LIMIT $4 OFFSET $5`,
      [...params, pageSize, (page - 1) * pageSize],
    );
    return { items: rows.map(view), total };
  }

  /** Settles a relay still waiting, with its notices; false when it was settled already. */
  async settle(id: string, settlement: RelaySettlement, notices: RelayNotice[]): Promise<boolean> {
    return this.inTransaction(async (tx) => {
      const result = await tx.db.query<unknown>(
        `UPDATE village_relays SET status = $2, issue_code = $3, answer = $4, handled_by = $5, handled_by_name = $6,
           handled_at = $7
         WHERE id = $1 AND status = 'submitted' RETURNING id`,
        [
          id,
          settlement.status,
          settlement.status === 'accepted' ? settlement.issueCode : null,
          settlement.status === 'answered' ? settlement.answer : null,
          settlement.by.id,
          settlement.by.name,
          settlement.at,
        ],
      );
      if (returnedRows<unknown>(result).length === 0) return false;
      await tx.notify(notices);
      return true;
    });
  }

  private async notify(notices: RelayNotice[]): Promise<void> {
    const outbox = new OutboxRepository(this.db);
    for (const notice of notices)
      await outbox.enqueue({
        id: `relay/${notice.relayId}/${notice.key}/${notice.recipient?.id ?? 'none'}`.slice(0, 240),
        issueCode: null,
        ref: `relay/${notice.relayId}`,
        eventId: null,
        kind: notice.kind,
        audience: notice.recipient ? 'member' : 'unit',
        unitCode: notice.unitCode,
        memberId: notice.recipient?.id ?? null,
        recipientName: notice.recipient?.name ?? null,
        subject: notice.subject,
        body: notice.body,
        // Nobody found is not silence: the office sees unresolved notices and fixes the organisation.
        status: notice.recipient ? 'pending' : 'unresolved',
      });
  }

  private inTransaction<T>(work: (tx: VillageRelayRepository) => Promise<T>): Promise<T> {
    return this.db.transaction((manager: EntityManager) => work(this.within(manager)));
  }
}
