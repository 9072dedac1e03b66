import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';

/** One message the SMTP server accepted (answered 250 to): a real delivery. */
export interface AcceptedMail {
  messageId: string | null;
  to: string[];
  raw: string;
  at: number;
}

/**
 * A real SMTP server on loopback (the `smtp-server` package) that keeps what it accepts. It can refuse a
 * recipient's next messages (4xx/5xx) and hold a message before answering, so a test can kill the sender while a
 * send is in flight: a held message whose connection dies is never answered 250 and never counted.
 */
export class SmtpCapture {
  readonly accepted: AcceptedMail[] = [];
  /** Every DATA the server saw, accepted or not, by Message-ID. */
  readonly seen: Array<string | null> = [];
  private readonly refusals = new Map<string, { count: number; code: number }>();
  private holdWhen: ((messageId: string | null) => boolean) | null = null;
  private readonly waiting = new Map<string, () => void>();
  private readonly closed = new Set<string>();
  private heldListeners: Array<() => void> = [];
  private heldSession: string | null = null;
  private closeListeners: Array<() => void> = [];
  heldCount = 0;

  private constructor(
    private readonly server: SMTPServer,
    readonly port: number,
  ) {}

  static async start(): Promise<SmtpCapture> {
    // The handlers need the instance, which needs the server's port: filled in once listening.
    const self: { capture?: SmtpCapture } = {};
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData: (stream, session, callback) => self.capture!.onData(stream, session, callback),
      onClose: (session) => self.capture!.onClose(session),
    });
    server.on('error', () => undefined);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    self.capture = new SmtpCapture(server, (server.server.address() as AddressInfo).port);
    return self.capture;
  }

  /** The recipient's next `count` messages are refused with `code` (451: try later; 550: never). */
  refuse(address: string, count: number, code = 451): void {
    this.refusals.set(address.toLowerCase(), { count, code });
  }

  /** Holds (does not answer) the first message for which `when` is true; resolves once one is held. */
  holdNext(when: (messageId: string | null) => boolean = () => true): Promise<void> {
    this.holdWhen = when;
    return new Promise((resolve) => this.heldListeners.push(resolve));
  }

  /**
   * Resolves once the connection of the held message is closed: a killed sender's socket closes a little after
   * its process exits, and a message released before that would be answered and counted as delivered.
   */
  heldConnectionClosed(): Promise<void> {
    if (this.heldSession === null || this.closed.has(this.heldSession)) return Promise.resolve();
    return new Promise((resolve) => this.closeListeners.push(resolve));
  }

  /** Answers held messages (250) and stops holding. */
  release(): void {
    this.holdWhen = null;
    for (const resume of this.waiting.values()) resume();
    this.waiting.clear();
  }

  count(messageId: string): number {
    return this.accepted.filter((m) => m.messageId === messageId).length;
  }

  close(): Promise<void> {
    this.release();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private onClose(session: SMTPServerSession): void {
    this.closed.add(session.id);
    if (session.id === this.heldSession) for (const listener of this.closeListeners.splice(0)) listener();
    this.waiting.get(session.id)?.();
    this.waiting.delete(session.id);
  }

  private onData(
    stream: SMTPServerDataStream,
    session: SMTPServerSession,
    callback: (err?: Error | null) => void,
  ) {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      void (async () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const messageId = /^Message-ID:\s*(<[^>]+>)/im.exec(raw)?.[1] ?? null;
        const to = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
        this.seen.push(messageId);
        if (this.holdWhen?.(messageId)) {
          this.holdWhen = null;
          this.heldCount += 1;
          this.heldSession = session.id;
          const held = new Promise<void>((resolve) => this.waiting.set(session.id, resolve));
          for (const listener of this.heldListeners.splice(0)) listener();
          await held;
          if (this.closed.has(session.id)) return callback(new Error('connection closed before the reply'));
        }
        const refusal = to.map((address) => this.refusals.get(address)).find((r) => r && r.count > 0);
        if (refusal) {
          refusal.count -= 1;
          const error = Object.assign(
            new Error(refusal.code >= 500 ? 'mailbox unavailable' : 'try again later'),
            {
              responseCode: refusal.code,
            },
          );
          return callback(error);
        }
        this.accepted.push({ messageId, to, raw, at: Date.now() });
        callback(null);
      })();
    });
  }
}

/** One POST the webhook receiver got, with whether its signature checked out. */
export interface ReceivedWebhook {
  path: string;
  deliveryId: string | undefined;
  idempotencyKey: string | undefined;
  timestamp: string | undefined;
  signatureOk: boolean;
  payload: Record<string, unknown>;
}

/** A real HTTP receiver (node:http) that verifies `X-EcoGrid-Signature` as a county chat bot would. */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  /** How long the receiver takes to answer, to stand for a slow chat-bot gateway. */
  delayMs = 0;

  private constructor(
    private readonly server: http.Server,
    readonly url: string,
  ) {}

  static async start(secret: string): Promise<WebhookReceiver> {
    const self: { receiver?: WebhookReceiver } = {};
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const raw = Buffer.concat(chunks);
        const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`);
        const given = Buffer.from(String(req.headers['x-ecogrid-signature'] ?? ''));
        const signatureOk = given.length === expected.length && timingSafeEqual(given, expected);
        self.receiver!.received.push({
          path: req.url ?? '/',
          deliveryId: req.headers['x-ecogrid-delivery'] as string | undefined,
          idempotencyKey: req.headers['idempotency-key'] as string | undefined,
          timestamp: req.headers['x-ecogrid-timestamp'] as string | undefined,
          signatureOk,
          payload: JSON.parse(raw.toString('utf8')) as Record<string, unknown>,
        });
        const answer = () => res.writeHead(signatureOk ? 200 : 401).end();
        if (self.receiver!.delayMs > 0) setTimeout(answer, self.receiver!.delayMs);
        else answer();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    self.receiver = new WebhookReceiver(server, `http://127.0.0.1:${port}/hook`);
    return self.receiver;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
