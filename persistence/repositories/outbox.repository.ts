import type { EntityManager } from 'typeorm';
import { returnedRows } from '../returning';
import type { Db } from './db';

/** One row of the notification outbox, one recipient of one notice, as it is written. */
export interface OutboxNotice {
  /** Deterministic: writing the same notice again adds nothing. */
  id: string;
  issueCode: string | null;
  /** What a notice not about an issue is about (a report, a finding). */
  ref: string | null;
  eventId: string | null;
  kind: string;
  audience: string;
  unitCode: string | null;
  memberId: string | null;
  recipientName: string | null;
  /** A mailbox outside the organisation (P8: the county leadership's), fixed when the notice is written. */
  recipientEmail?: string | null;
  subject: string;
  body: string;
  /** `pending`, or `unresolved` when nobody in the organisation receives it. */
  status: 'pending' | 'unresolved';
}

/** A notice the dispatcher has claimed. */
export interface ClaimedNotice {
  id: string;
  issue_code: string | null;
  ref: string | null;
  kind: string;
  audience: string;
  member_id: string | null;
  recipient_name: string | null;
  recipient_email: string | null;
  unit_code: string | null;
  subject: string;
  body: string;
  created_at: Date;
}

/** How a member is reached: the address, the roles (for endpoint filters) and the saved preferences. */
export interface MemberContact {
  email: string | null;
  roles: string[];
  channels: string[] | null;
  enabled: boolean | null;
  webhook_url: string | null;
  webhook_secret: string | null;
  quiet_start: string | null;
  quiet_end: string | null;
}

/** Where one delivery stands. */
export interface DeliveryState {
  status: string;
  attempts: number;
  backing_off: boolean;
  leased: boolean;
}

/** Where the e-mail that carries an approved report to the prefecture stands (P4, P6). */
export interface PrefectureSubmissionRow {
  recipient_name: string | null;
  status: string;
  attempts: number;
  delivered_at: Date | null;
  last_error: string | null;
}

/**
 * The notification outbox (`notification_outbox`) with its deliveries (`notification_deliveries` and their
 * attempts): what the lifecycle and the duty clocks put in, and what the dispatcher claims, sends and settles.
 */
export class OutboxRepository {
  constructor(private readonly db: Db) {}

  /** The same repository inside the caller's transaction. */
  within(manager: EntityManager): OutboxRepository {
    return new OutboxRepository(manager);
  }

  /** Puts a notice in the outbox unless a row of its id is there; true when this call wrote it. */
  async enqueue(notice: OutboxNotice): Promise<boolean> {
    const inserted: unknown[] = await this.db.query(
      `INSERT INTO notification_outbox (id, issue_code, ref, event_id, kind, audience, unit_code, member_id,
         recipient_name, subject, body, status, recipient_email)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) ON CONFLICT (id) DO NOTHING RETURNING id`,
      [
        notice.id,
        notice.issueCode,
        notice.ref,
        notice.eventId,
        notice.kind,
        notice.audience,
        notice.unitCode,
        notice.memberId,
        notice.recipientName,
        notice.subject,
        notice.body,
        notice.status,
        notice.recipientEmail ?? null,
      ],
    );
    return inserted.length > 0;
  }

  /** Claims up to `batchSize` due notices for `claimSeconds`, skipping those another dispatcher holds. */
  async claimDue(batchSize: number, claimSeconds: number): Promise<ClaimedNotice[]> {
    return returnedRows<ClaimedNotice>(
      await this.db.query<unknown>(
        `WITH due AS (
           SELECT id FROM notification_outbox
           WHERE status = 'pending' AND (next_attempt_at IS NULL OR next_attempt_at <= now())
             AND (claimed_until IS NULL OR claimed_until < now())
           ORDER BY next_attempt_at NULLS FIRST, created_at, id
           LIMIT $1 FOR UPDATE SKIP LOCKED)
         UPDATE notification_outbox o SET claimed_until = now() + make_interval(secs => $2)
         FROM due WHERE o.id = due.id
         RETURNING o.id, o.issue_code, o.ref, o.kind, o.audience, o.member_id, o.recipient_name, o.recipient_email, o.unit_code,
                   o.subject, o.body,
                   o.created_at`,
        [batchSize, claimSeconds],
      ),
    );
  }

  /** Extends the claims on notices still held. */
  async renewClaims(ids: string[], claimSeconds: number): Promise<void> {
    await this.db.query(
      `UPDATE notification_outbox SET claimed_until = now() + make_interval(secs => $2)
       WHERE id = ANY($1) AND claimed_until IS NOT NULL`,
      [ids, claimSeconds],
    );
  }

  /** A notice no channel reaches fails at once. */
  async markUnreachable(noticeId: string): Promise<void> {
    await this.db.query(
      `UPDATE notification_outbox SET status = 'failed', claimed_until = NULL,
         last_error = 'no channel reaches this recipient (no member, no matching webhook endpoint)' WHERE id = $1`,
      [noticeId],
    );
  }

  /** Moves the outbox row to where its deliveries are: delivered, failed, or pending until the next due one. */
  async rollUp(noticeId: string): Promise<void> {
    await this.db.query(
      `WITH d AS (
         SELECT count(*) FILTER (WHERE status IN ('pending','sending')) AS open,
                count(*) FILTER (WHERE status = 'failed') AS failed,
                max(attempts) AS attempts,
                min(coalesce(next_attempt_at, lease_until)) FILTER (WHERE status IN ('pending','sending')) AS next_at,
                string_agg(channel || ': ' || last_error, '; ' ORDER BY channel) FILTER (WHERE last_error IS NOT NULL) AS errors
         FROM notification_deliveries WHERE notification_id = $1)
       UPDATE notification_outbox o SET
         status = CASE WHEN d.open > 0 THEN 'pending' WHEN d.failed > 0 THEN 'failed' ELSE 'delivered' END,
         delivered_at = CASE WHEN d.open = 0 AND d.failed = 0 THEN now() END,
         next_attempt_at = CASE WHEN d.open > 0 THEN d.next_at END,
         attempts = coalesce(d.attempts, 0), last_error = d.errors, claimed_until = NULL
       FROM d WHERE o.id = $1`,
      [noticeId],
    );
  }

  /** The outbox row of the e-mail that carries a report to the prefecture, or undefined. */
  async prefectureSubmission(
    reportId: string,
    audience: string,
  ): Promise<PrefectureSubmissionRow | undefined> {
    const [row] = await this.submissions(reportId, audience);
    return row;
  }

  /** Every e-mail of one audience that carries a sealed report (P8: one per leadership mailbox), by recipient. */
  submissions(reportId: string, audience: string): Promise<PrefectureSubmissionRow[]> {
    return this.db.query<PrefectureSubmissionRow[]>(
      `SELECT recipient_name, status, attempts, delivered_at, last_error FROM notification_outbox
       WHERE ref = $1 AND audience = $2 ORDER BY id`,
      [reportId, audience],
    );
  }

  // ── recipients ──

  /** A member's address, roles and saved preferences, or undefined for no such member. */
  async contact(memberId: string): Promise<MemberContact | undefined> {
    const [contact] = await this.db.query<MemberContact[]>(
      `SELECT m.email, m.roles, p.channels, p.enabled, p.webhook_url, p.webhook_secret, p.quiet_start, p.quiet_end
       FROM members m LEFT JOIN notification_preferences p ON p.member_id = m.id WHERE m.id = $1`,
      [memberId],
    );
    return contact;
  }

  /** Office chat bots: every active endpoint whose unit and role filters match the recipient. */
  webhookEndpoints(
    unitCode: string | null,
    roles: readonly string[],
  ): Promise<Array<{ name: string; url: string; secret: string }>> {
    return this.db.query<Array<{ name: string; url: string; secret: string }>>(
      `SELECT name, url, secret FROM webhook_endpoints
       WHERE active AND (cardinality(units) = 0 OR $1::text = ANY(units))
         AND (cardinality(roles) = 0 OR roles && $2::text[]) ORDER BY name`,
      [unitCode, roles],
    );
  }

  // ── deliveries ──

  /** The delivery of a notice on one channel to one target, created pending the first time. */
  async ensureDelivery(id: string, noticeId: string, channel: string, target: string): Promise<void> {
    await this.db.query(
      `INSERT INTO notification_deliveries (id, notification_id, channel, target) VALUES ($1,$2,$3,$4)
       ON CONFLICT (id) DO NOTHING`,
      [id, noticeId, channel, target],
    );
  }

  async deliveryState(id: string): Promise<DeliveryState | undefined> {
    const [row] = await this.db.query<DeliveryState[]>(
      `SELECT status, attempts, coalesce(next_attempt_at > now(), false) AS backing_off,
              coalesce(lease_until > now(), false) AS leased
       FROM notification_deliveries WHERE id = $1`,
      [id],
    );
    return row;
  }

  async recordAttempt(
    deliveryId: string,
    attempt: number,
    channel: string,
    status: 'sent' | 'error' | 'interrupted' | 'held',
    error: string | null,
  ): Promise<void> {
    await this.db.query(
      `INSERT INTO notification_delivery_attempts (delivery_id, attempt, channel, status, error) VALUES ($1,$2,$3,$4,$5)`,
      [deliveryId, attempt, channel, status, error],
    );
  }

  /** Holds a delivery until `until` (quiet hours). */
  async holdDelivery(id: string, until: Date): Promise<void> {
    await this.db.query(
      `UPDATE notification_deliveries SET status = 'pending', lease_until = NULL, next_attempt_at = $2, updated_at = now()
       WHERE id = $1`,
      [id, until],
    );
  }

  /**
   * Marks the delivery 'sending' with a lease of `leaseSeconds`, if it is still at `attempts`; answers the new
   * attempt number, or undefined when another run took it.
   */
  async takeDelivery(id: string, attempts: number, leaseSeconds: number): Promise<number | undefined> {
    const taken = returnedRows<{ attempts: number }>(
      await this.db.query<unknown>(
        `UPDATE notification_deliveries
       SET status = 'sending', attempts = attempts + 1, lease_until = now() + make_interval(secs => $3),
           next_attempt_at = NULL, updated_at = now()
       WHERE id = $1 AND status IN ('pending','sending') AND attempts = $2 RETURNING attempts`,
        [id, attempts, leaseSeconds],
      ),
    );
    return taken[0]?.attempts;
  }

  /** A failed send: `failed` for good, or `pending` again after `retryInSeconds`. */
  async deliveryFailed(
    id: string,
    status: 'failed' | 'pending',
    error: string,
    retryInSeconds: number,
  ): Promise<void> {
    await this.db.query(
      `UPDATE notification_deliveries SET status = $2, lease_until = NULL, last_error = $3,
         next_attempt_at = now() + make_interval(secs => $4::int), updated_at = now()
       WHERE id = $1`,
      [id, status, error, retryInSeconds],
    );
  }

  async deliverySent(id: string): Promise<void> {
    await this.db.query(
      `UPDATE notification_deliveries SET status = 'sent', sent_at = now(), lease_until = NULL, last_error = NULL,
         updated_at = now() WHERE id = $1`,
      [id],
    );
  }

  /** Puts the notice in the member's in-app inbox (站内信), once. */
  async addInboxItem(memberId: string, noticeId: string, subject: string, body: string): Promise<void> {
    await this.db.query(
      `INSERT INTO inbox_items (member_id, notification_id, subject, body) VALUES ($1,$2,$3,$4)
       ON CONFLICT (member_id, notification_id) DO NOTHING`,
      [memberId, noticeId, subject, body],
    );
  }
}
