import nodemailer, { type Transporter } from 'nodemailer';
import type { NotificationConfig } from '../../config/notification-config';

export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  /** Deterministic: the same notice on the same channel always carries the same Message-ID. */
  messageId: string;
  /** Files sent with the message (a sealed report's PDF). */
  attachments?: Array<{ filename: string; content: Buffer; contentType: string }>;
}

/** Outcome of one send; `permanent` when the server refused for good (SMTP 5xx), so retrying is pointless. */
export class SendError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
    this.name = 'SendError';
  }
}

/** RFC 5322 atext without '.', so any notice id becomes a valid Message-ID local part, reversibly. */
function atext(value: string): string {
  return Array.from(new TextEncoder().encode(value))
    .map((byte) => {
      const ch = String.fromCharCode(byte);
      return /[A-Za-z0-9!#$&'*+\-/=?^_`{|}~]/.test(ch)
        ? ch
        : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    })
    .join('');
}

/** `<notification-id.channel@eco-grid>`: receivers (and operators) can recognise a repeated send. */
export function messageIdFor(notificationId: string, channel: string): string {
  return `<${atext(notificationId)}.${channel}@eco-grid>`;
}

/** The e-mail channel: one SMTP transaction per notice, through the county's relay. */
export class EmailChannel {
  private readonly transport: Transporter;
  private readonly from: string;

  constructor(config: NotificationConfig) {
    const timeout = config.NOTIFY_SEND_TIMEOUT_SECONDS * 1000;
    this.from = config.SMTP_FROM;
    this.transport = nodemailer.createTransport({
      host: config.SMTP_HOST,
      port: config.SMTP_PORT,
      secure: config.SMTP_SECURE === 'true',
      ...(config.SMTP_USER ? { auth: { user: config.SMTP_USER, pass: config.SMTP_PASSWORD } } : {}),
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout,
      // nodemailer logs nothing unless asked: message bodies carry personal data.
      logger: false,
    });
  }

  async send(message: EmailMessage): Promise<void> {
    try {
      await this.transport.sendMail({
        from: this.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        messageId: message.messageId,
        headers: { 'Auto-Submitted': 'auto-generated' },
        ...(message.attachments ? { attachments: message.attachments } : {}),
      });
    } catch (error) {
      const code = (error as { responseCode?: number }).responseCode;
      // Only the server's code and nodemailer's reason are kept: never the recipient list or the message.
      const reason = (error as { code?: string }).code ?? 'ESEND';
      throw new SendError(
        code ? `SMTP ${code} (${reason})` : `SMTP ${reason}`,
        typeof code === 'number' && code >= 500,
      );
    }
  }

  close(): void {
    this.transport.close();
  }
}
