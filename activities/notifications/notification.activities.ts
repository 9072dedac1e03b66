import { createHash } from 'node:crypto';
import { Context } from '@temporalio/activity';
import type { DataSource } from 'typeorm';
import { loadNotificationConfig, type NotificationConfig } from '../../config/notification-config';
import {
  backoffSeconds,
  effectiveChannels,
  holdUntil,
  type Channel,
  type QuietHours,
} from '../../domain/notifications/quiet-hours';
import { LEADERSHIP_AUDIENCE, PREFECTURE_AUDIENCE } from '../../domain/duties/reports/reports';
import { OPERATORS_AUDIENCE } from '../../domain/issue/attention';
import { WORK_PLAN_NOTICE_KIND } from '../../domain/duties/work-plans/work-plans';
import { DutyReportRepository } from '../../persistence/repositories/duty-report.repository';
import { SealRepository } from '../../persistence/repositories/seal.repository';
import { OrganisationRepository } from '../../persistence/repositories/organisation.repository';
import {
  OutboxRepository,
  type ClaimedNotice,
  type MemberContact,
} from '../../persistence/repositories/outbox.repository';
import { WorkPlanRepository } from '../../persistence/repositories/work-plan.repository';
import { EmailChannel, messageIdFor, SendError } from './email.channel';
import { sealedReportPdf } from './report-attachment';
import { postWebhook } from './webhook.channel';
import { workPlanAttachment } from './work-plan-attachment';

/*
 * Exactly-once, as far as SMTP and HTTP allow.
 *
 * Neither SMTP nor a webhook POST can be made atomic with a database commit: the receiver says 250/2xx, and only
 * then can we record it. So each (notice, channel, target) gets a delivery row with a unique key, marked
 * 'sending' (with a lease) and committed BEFORE anything leaves; 'sent' is committed immediately after the 250/2xx,
 * in one statement with its attempt record. A killed worker therefore leaves one of:
 *   - no row or 'pending': nothing left; sent later, once;
 *   - 'sent': done; never sent again;
 *   - 'sending': the send may or may not have reached the receiver. After the lease (longer than any send can
 *     take) a successor records the attempt as 'interrupted' and sends again, with the SAME Message-ID
 *     (`<notice-id.email@eco-grid>`) and the SAME `X-EcoGrid-Delivery`/`Idempotency-Key`, so a receiver can drop
 *     the repeat. Only a crash in the gap between the receiver's 250/2xx and our commit (microseconds) can deliver
 *     twice; there is no protocol-level way to ask an SMTP relay "did you already take this one?".
 * That is the best achievable: at-least-once transport plus idempotent identifiers, with the ambiguous window
 * shrunk to the commit after the reply. The inbox is a database write in the same transaction as its 'sent'
 * mark, so it is exactly-once outright.
 *
 * Concurrency: a notice is claimed with `FOR UPDATE SKIP LOCKED` and a short lease (`claimed_until`,
 * NOTIFY_CLAIM_SECONDS) that the run renews on its heartbeat clock, so two dispatchers (or an activity retry racing
 * a live attempt) never work on the same notice at once, and a killed worker's notices are free again within one
 * claim lease; the conditional 'sending' update (with its own, longer lease) is a second guard per delivery.
 */

/** How often a running batch heartbeats and renews the claims on the notices it has not finished. */
const RENEW_EVERY_MS = 2000;

export interface NotificationActivityDeps {
  dataSource: DataSource;
  /** The worker passes its validated settings; without them they are read from the environment. */
  notificationConfig?: NotificationConfig;
}

/** What one dispatcher step did; `pollSeconds` comes from the worker's settings so a redeploy can change the pace. */
export interface DispatchResult {
  claimed: number;
  sent: number;
  failed: number;
  waiting: number;
  /** A full batch was claimed: more may be due, so the dispatcher goes on without sleeping. */
  more: boolean;
  pollSeconds: number;
}

interface Target {
  channel: Channel;
  /** What makes the delivery unique besides notice and channel: address, `member:<id>`, `endpoint:<name>`. */
  target: string;
  send: (deliveryId: string) => Promise<void>;
}

/** `done`: it had been settled by an earlier run (sent or given up). */
type Outcome = 'sent' | 'failed' | 'waiting' | 'done';

/** The delivery's key: deterministic, ASCII, short enough for a header. */
export function deliveryIdFor(notificationId: string, channel: Channel, target: string): string {
  return createHash('sha256').update(`${notificationId}\n${channel}\n${target}`).digest('hex').slice(0, 32);
}

function heartbeat(): void {
  try {
    Context.current().heartbeat();
  } catch {
    // Called outside an activity (a test driving the function directly): nothing to report to.
  }
}

export function createNotificationActivities({ dataSource, notificationConfig }: NotificationActivityDeps) {
  const outbox = new OutboxRepository(dataSource);
  const organisation = new OrganisationRepository(dataSource);
  const reports = new DutyReportRepository(dataSource);
  const seals = new SealRepository(dataSource);
  const plans = new WorkPlanRepository(dataSource);
  let config: NotificationConfig | undefined = notificationConfig;
  let email: EmailChannel | null | undefined;
  const settings = (): NotificationConfig => (config ??= loadNotificationConfig());
  const emailChannel = (): EmailChannel | null =>
    email === undefined ? (email = settings().SMTP_HOST ? new EmailChannel(settings()) : null) : email;

  /** R3: the file that goes with a notice; only a work plan's mails carry one besides the sealed reports. */
  const attachmentsOf = async (notice: ClaimedNotice) =>
    notice.kind === WORK_PLAN_NOTICE_KIND && notice.ref ? [await workPlanAttachment(plans, notice.ref)] : [];

  /**
   * A notice to a mailbox outside the organisation: a sealed report with its PDF to P4, P6 the prefecture
   * counterpart's, read now, and P8 the county leadership's, fixed in the notice when it was written; the copy of a
   * major issue's report (L12) to the prefecture counterpart's, without a PDF. R3: a department's work plan, with
   * its file, to the prefecture counterpart.
   */
  async function outsideTargets(notice: ClaimedNotice): Promise<Target[]> {
    const smtp = emailChannel();
    const reportId = notice.ref;
    const majorIssueCopy = notice.audience === 'prefecture_counterpart';
    let to: string | null | undefined = notice.recipient_email;
    if (notice.audience === PREFECTURE_AUDIENCE || majorIssueCopy) {
      const unit = notice.unit_code === null ? undefined : await organisation.unit(notice.unit_code);
      to = unit?.prefectureEmail;
    }
    if (!to || !smtp || (!majorIssueCopy && !reportId)) return [];
    const address = to;
    return [
      {
        channel: 'email',
        target: address.toLowerCase(),
        send: async () =>
          smtp.send({
            to: address,
            subject: notice.subject,
            text: notice.body,
            messageId: messageIdFor(notice.id, 'email'),
            attachments:
              notice.kind === WORK_PLAN_NOTICE_KIND
                ? await attachmentsOf(notice)
                : majorIssueCopy || !reportId
                  ? []
                  : [await sealedReportPdf(reports, seals, reportId)],
          }),
      },
    ];
  }

  /** S4: a notice for the system operators, to each address of OPERATOR_EMAILS as read now. */
  function operatorTargets(notice: ClaimedNotice): Target[] {
    const smtp = emailChannel();
    const addresses = (settings().OPERATOR_EMAILS ?? '')
      .split(',')
      .map((a) => a.trim())
      .filter(Boolean);
    if (!smtp) return [];
    return addresses.map((to) => ({
      channel: 'email' as const,
      target: to.toLowerCase(),
      send: () =>
        smtp.send({
          to,
          subject: notice.subject,
          text: notice.body,
          messageId: messageIdFor(notice.id, 'email'),
        }),
    }));
  }

  async function targetsOf(notice: ClaimedNotice): Promise<{ targets: Target[]; quiet: QuietHours | null }> {
    if (
      notice.audience === PREFECTURE_AUDIENCE ||
      notice.audience === LEADERSHIP_AUDIENCE ||
      notice.audience === 'prefecture_counterpart'
    )
      return { targets: await outsideTargets(notice), quiet: null };
    if (notice.audience === OPERATORS_AUDIENCE) return { targets: operatorTargets(notice), quiet: null };
    const cfg = settings();
    const timeoutMs = cfg.NOTIFY_SEND_TIMEOUT_SECONDS * 1000;
    const targets: Target[] = [];
    let contact: MemberContact | undefined;
    if (notice.member_id) contact = await outbox.contact(notice.member_id);
    const payload = (deliveryId: string) => ({
      deliveryId,
      notificationId: notice.id,
      issueCode: notice.issue_code,
      ref: notice.ref,
      kind: notice.kind,
      subject: notice.subject,
      body: notice.body,
      recipient: { memberId: notice.member_id, name: notice.recipient_name, unitCode: notice.unit_code },
      createdAt: new Date(notice.created_at).toISOString(),
      timestamp: new Date().toISOString(),
    });
    if (contact && notice.member_id) {
      const memberId = notice.member_id;
      const pref =
        contact.channels === null
          ? null
          : { channels: contact.channels, enabled: contact.enabled ?? true, webhookUrl: contact.webhook_url };
      const channels = effectiveChannels(pref, contact.email);
      if (channels.includes('inbox')) {
        targets.push({
          channel: 'inbox',
          target: `member:${memberId}`,
          // The inbox row is written in the same transaction as the 'sent' mark (see `complete`).
          send: () => Promise.resolve(),
        });
      }
      const smtp = emailChannel();
      if (channels.includes('email') && contact.email && smtp) {
        const to = contact.email;
        targets.push({
          channel: 'email',
          target: to.toLowerCase(),
          send: async () => {
            const attachments = await attachmentsOf(notice);
            await smtp.send({
              to,
              subject: notice.subject,
              text: notice.body,
              messageId: messageIdFor(notice.id, 'email'),
              ...(attachments.length > 0 ? { attachments } : {}),
            });
          },
        });
      }
      if (channels.includes('webhook') && contact.webhook_url && contact.webhook_secret) {
        const { webhook_url: url, webhook_secret: secret } = contact;
        targets.push({
          channel: 'webhook',
          target: `member:${memberId}`,
          send: (id) => postWebhook(url, secret, payload(id), timeoutMs),
        });
      }
    }
    // Office chat bots: every active endpoint whose unit and role filters match the recipient.
    const endpoints = await outbox.webhookEndpoints(notice.unit_code, contact?.roles ?? []);
    for (const endpoint of endpoints) {
      targets.push({
        channel: 'webhook',
        target: `endpoint:${endpoint.name}`,
        send: (id) => postWebhook(endpoint.url, endpoint.secret, payload(id), timeoutMs),
      });
    }
    const quiet =
      contact?.quiet_start && contact.quiet_end && (contact.enabled ?? true)
        ? { start: contact.quiet_start, end: contact.quiet_end }
        : null;
    return { targets, quiet };
  }

  /** Takes one delivery through pending → sending → sent/failed, or leaves it waiting (backoff, quiet hours, lease). */
  async function deliver(notice: ClaimedNotice, t: Target, quiet: QuietHours | null): Promise<Outcome> {
    const cfg = settings();
    const id = deliveryIdFor(notice.id, t.channel, t.target);
    await outbox.ensureDelivery(id, notice.id, t.channel, t.target.slice(0, 300));
    const row = await outbox.deliveryState(id);
    if (!row) return 'waiting';
    if (row.status === 'sent' || row.status === 'failed') return 'done';
    if (row.backing_off) return 'waiting';
    if (row.status === 'sending') {
      if (row.leased) return 'waiting';
      // A worker died after marking it: whether the receiver got it is unknown. Resent with the same identifiers.
      await outbox.recordAttempt(
        id,
        row.attempts,
        t.channel,
        'interrupted',
        'worker stopped before recording the outcome; resent with the same Message-ID / delivery id',
      );
    }
    const hold = holdUntil(new Date(), notice.kind, t.channel, quiet);
    if (hold) {
      await dataSource.transaction(async (m) => {
        const tx = outbox.within(m);
        await tx.holdDelivery(id, hold);
        await tx.recordAttempt(
          id,
          row.attempts,
          t.channel,
          'held',
          `quiet hours until ${hold.toISOString()}`,
        );
      });
      return 'waiting';
    }
    const attempt = await outbox.takeDelivery(id, row.attempts, cfg.NOTIFY_LEASE_SECONDS);
    if (attempt === undefined) return 'waiting';
    try {
      await t.send(id);
    } catch (error) {
      const sendError = error instanceof SendError ? error : new SendError('unexpected send error', false);
      const final = sendError.permanent || attempt >= cfg.NOTIFY_MAX_ATTEMPTS;
      await dataSource.transaction(async (m) => {
        const tx = outbox.within(m);
        await tx.deliveryFailed(
          id,
          final ? 'failed' : 'pending',
          sendError.message,
          final ? 0 : backoffSeconds(attempt, cfg.NOTIFY_BACKOFF_SECONDS),
        );
        await tx.recordAttempt(id, attempt, t.channel, 'error', sendError.message);
      });
      if (final)
        console.warn(`notification delivery ${id} (${t.channel}) failed for good: ${sendError.message}`);
      return final ? 'failed' : 'waiting';
    }
    // Committed right after the receiver's answer: only a crash inside this gap can lead to a repeat.
    await dataSource.transaction(async (m) => {
      const tx = outbox.within(m);
      if (t.channel === 'inbox' && notice.member_id) {
        await tx.addInboxItem(notice.member_id, notice.id, notice.subject, notice.body);
      }
      await tx.deliverySent(id);
      await tx.recordAttempt(id, attempt, t.channel, 'sent', null);
    });
    return 'sent';
  }

  /** Moves the outbox row to where its deliveries are: delivered, failed, or pending until the next due one. */
  async function rollUp(noticeId: string, noTarget: boolean): Promise<void> {
    if (noTarget) {
      await outbox.markUnreachable(noticeId);
      return;
    }
    await outbox.rollUp(noticeId);
  }

  return {
    /**
     * One dispatcher step: claims up to NOTIFY_BATCH_SIZE due notices and delivers each on each of its
     * recipient's channels. Safe to retry and to run in several workers at once (see the note above).
     */
    async deliverDueNotifications(): Promise<DispatchResult> {
      const cfg = settings();
      const claimed = await outbox.claimDue(cfg.NOTIFY_BATCH_SIZE, cfg.NOTIFY_CLAIM_SECONDS);
      claimed.sort((a, b) => +new Date(a.created_at) - +new Date(b.created_at) || a.id.localeCompare(b.id));
      const result: DispatchResult = {
        claimed: claimed.length,
        sent: 0,
        failed: 0,
        waiting: 0,
        more: claimed.length === cfg.NOTIFY_BATCH_SIZE,
        pollSeconds: cfg.NOTIFY_POLL_SECONDS,
      };
      // Sends can take longer than the heartbeat timeout; beat on a clock, not per delivery. The same clock keeps
      // the claims on the notices still to do, so a short claim lease never runs out under a live run.
      const unfinished = new Set(claimed.map((n) => n.id));
      let renewing: Promise<unknown> = Promise.resolve();
      const beat = setInterval(() => {
        heartbeat();
        renewing = renewing.then(() =>
          unfinished.size === 0
            ? undefined
            : outbox
                .renewClaims([...unfinished], cfg.NOTIFY_CLAIM_SECONDS)
                .catch((error: unknown) =>
                  console.warn(`notifications: could not renew claims: ${(error as Error).message}`),
                ),
        );
      }, RENEW_EVERY_MS);
      try {
        for (const notice of claimed) {
          heartbeat();
          const { targets, quiet } = await targetsOf(notice);
          for (const target of targets) {
            const outcome = await deliver(notice, target, quiet);
            if (outcome === 'sent') result.sent += 1;
            else if (outcome === 'failed') result.failed += 1;
            else if (outcome === 'waiting') result.waiting += 1;
          }
          await rollUp(notice.id, targets.length === 0);
          unfinished.delete(notice.id);
        }
      } finally {
        clearInterval(beat);
        await renewing;
      }
      if (result.claimed > 0) {
        // Counts only: addresses and message bodies are personal data.
        console.log(
          `notifications: claimed ${result.claimed}, sent ${result.sent}, failed ${result.failed}, waiting ${result.waiting}`,
        );
      }
      return result;
    },
  };
}

export type NotificationActivities = ReturnType<typeof createNotificationActivities>;
