import 'reflect-metadata';
import { plainToInstance, Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';

const toInt = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;

/**
 * Settings of notification delivery (SMTP e-mail, webhooks, the dispatcher's pace), validated at start-up like
 * `Configuration`. Without SMTP_HOST the e-mail channel is off (the worker says so once); the inbox and webhooks
 * still work.
 */
export class NotificationConfig {
  /** SMTP relay host; unset turns e-mail off. */
  @IsOptional()
  @IsString()
  @MinLength(1, { message: 'SMTP_HOST must not be empty' })
  SMTP_HOST?: string;

  @Transform(toInt)
  @IsInt({ message: 'SMTP_PORT must be a whole number' })
  @Min(1, { message: 'SMTP_PORT must be 1–65535' })
  @Max(65535, { message: 'SMTP_PORT must be 1–65535' })
  SMTP_PORT = 587;

  /** 'true' for implicit TLS (port 465); 'false' speaks plain SMTP and upgrades with STARTTLS when offered. */
  @IsIn(['true', 'false'], { message: 'SMTP_SECURE must be true or false' })
  SMTP_SECURE = 'false';

  @IsOptional()
  @IsString()
  SMTP_USER?: string;

  /** Never logged. */
  @IsOptional()
  @IsString()
  SMTP_PASSWORD?: string;

  /** The From header, e.g. "榕江县生态环境网格化管理 <noreply@rongjiang.gov.cn>". */
  @IsString()
  @Matches(/^(.*<)?[^\s@<>]+@[^\s@<>]+>?$/, {
    message: 'SMTP_FROM must be an e-mail address, optionally with a display name: Name <user@host>',
  })
  SMTP_FROM = 'eco-grid@localhost';

  /**
   * The system operators' mailbox (comma-separated addresses): where an issue that needs attention (S4) is reported,
   * besides the 县环委办 members' inboxes. Unset: the inboxes only.
   */
  @IsOptional()
  @Matches(/^[^\s@,<>]+@[^\s@,<>]+(\s*,\s*[^\s@,<>]+@[^\s@,<>]+)*$/, {
    message: 'OPERATOR_EMAILS must be e-mail addresses separated by commas',
  })
  OPERATOR_EMAILS?: string;

  /** Seconds the dispatcher sleeps (a durable timer) when no notice is due. */
  @Transform(toInt)
  @IsInt({ message: 'NOTIFY_POLL_SECONDS must be a whole number' })
  @Min(1, { message: 'NOTIFY_POLL_SECONDS must be at least 1' })
  @Max(3600, { message: 'NOTIFY_POLL_SECONDS must be at most 3600' })
  NOTIFY_POLL_SECONDS = 10;

  /** Attempts per delivery before it is given up as 'failed' (visible to 县环委办). */
  @Transform(toInt)
  @IsInt({ message: 'NOTIFY_MAX_ATTEMPTS must be a whole number' })
  @Min(1, { message: 'NOTIFY_MAX_ATTEMPTS must be at least 1' })
  @Max(100, { message: 'NOTIFY_MAX_ATTEMPTS must be at most 100' })
  NOTIFY_MAX_ATTEMPTS = 8;

  /** Notices claimed per activity run. */
  @Transform(toInt)
  @IsInt({ message: 'NOTIFY_BATCH_SIZE must be a whole number' })
  @Min(1, { message: 'NOTIFY_BATCH_SIZE must be at least 1' })
  @Max(500, { message: 'NOTIFY_BATCH_SIZE must be at most 500' })
  NOTIFY_BATCH_SIZE = 20;

  /** First retry delay; each further failure doubles it (capped at one hour). */
  @Transform(toInt)
  @IsInt({ message: 'NOTIFY_BACKOFF_SECONDS must be a whole number' })
  @Min(1, { message: 'NOTIFY_BACKOFF_SECONDS must be at least 1' })
  NOTIFY_BACKOFF_SECONDS = 30;

  /** Time limit of one SMTP or webhook send (connect, greeting, each reply). */
  @Transform(toInt)
  @IsInt({ message: 'NOTIFY_SEND_TIMEOUT_SECONDS must be a whole number' })
  @Min(1, { message: 'NOTIFY_SEND_TIMEOUT_SECONDS must be at least 1' })
  NOTIFY_SEND_TIMEOUT_SECONDS = 20;

  /**
   * How long a delivery marked 'sending' belongs to the worker that took it. Must exceed a whole send (several
   * SMTP round trips), or a live send could be repeated by another worker.
   */
  @Transform(toInt)
  @IsInt({ message: 'NOTIFY_LEASE_SECONDS must be a whole number' })
  @Min(2, { message: 'NOTIFY_LEASE_SECONDS must be at least 2' })
  NOTIFY_LEASE_SECONDS = 300;

  /**
   * How long a claimed notice belongs to the dispatcher run that took it. The run renews the claim every two
   * seconds while it works, so this only bounds how long a killed worker's notices wait for the next run.
   */
  @Transform(toInt)
  @IsInt({ message: 'NOTIFY_CLAIM_SECONDS must be a whole number' })
  @Min(6, { message: 'NOTIFY_CLAIM_SECONDS must be at least 6 (three renewals)' })
  @Max(3600, { message: 'NOTIFY_CLAIM_SECONDS must be at most 3600' })
  NOTIFY_CLAIM_SECONDS = 30;

  /** Dispatcher iterations before continue-as-new keeps its history short. */
  @Transform(toInt)
  @IsInt({ message: 'NOTIFY_ITERATIONS_PER_RUN must be a whole number' })
  @Min(1, { message: 'NOTIFY_ITERATIONS_PER_RUN must be at least 1' })
  NOTIFY_ITERATIONS_PER_RUN = 200;

  /** The dispatcher's workflow id: one per namespace. */
  @IsString()
  @Matches(/^[A-Za-z0-9._-]{1,200}$/, { message: 'NOTIFY_DISPATCHER_ID must be letters, digits, . _ -' })
  NOTIFY_DISPATCHER_ID = 'notification-dispatcher';
}

export class NotificationConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid notification configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'NotificationConfigError';
  }
}

/** Reads and validates the notification settings; throws listing every bad variable (never its value). */
export function loadNotificationConfig(env: NodeJS.ProcessEnv = process.env): NotificationConfig {
  const raw: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const config = plainToInstance(NotificationConfig, raw, { exposeDefaultValues: true });
  const errors = validateSync(config, { whitelist: false, forbidUnknownValues: true });
  const problems = errors.flatMap((error) =>
    Object.values(error.constraints ?? {}).map((message) =>
      message.startsWith(error.property) ? message : `${error.property}: ${message}`,
    ),
  );
  if (Boolean(config.SMTP_USER) !== Boolean(config.SMTP_PASSWORD)) {
    problems.push('set both SMTP_USER and SMTP_PASSWORD, or neither');
  }
  // Three SMTP round trips per send at most take three timeouts; the lease must outlast them.
  if (config.NOTIFY_LEASE_SECONDS <= 3 * config.NOTIFY_SEND_TIMEOUT_SECONDS) {
    problems.push('NOTIFY_LEASE_SECONDS must be more than 3 × NOTIFY_SEND_TIMEOUT_SECONDS');
  }
  if (problems.length > 0) throw new NotificationConfigError(problems);
  return config;
}
