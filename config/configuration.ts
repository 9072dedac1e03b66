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
  registerDecorator,
  validateSync,
} from 'class-validator';
import { dutyPolicyProblem, type DutyPolicy } from '../domain/duties/duty-policy';
import { DEFAULT_DEADLINE_POLICY, type DeadlinePolicy } from '../domain/process/issue-process.definition';

const toInt = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;

/** Why a DEADLINE_POLICY value is refused, or null when it is a JSON object of known, positive whole numbers. */
export function deadlinePolicyProblem(raw: string): string | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return 'DEADLINE_POLICY must be a JSON object, e.g. {"planDueWorkingDays":7}';
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return 'DEADLINE_POLICY must be a JSON object, e.g. {"planDueWorkingDays":7}';
  }
  const known = Object.keys(DEFAULT_DEADLINE_POLICY);
  for (const [key, value] of Object.entries(parsed)) {
    if (!known.includes(key))
      return `DEADLINE_POLICY has an unknown key "${key}"; known keys: ${known.join(', ')}`;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 3650) {
      return `DEADLINE_POLICY.${key} must be a positive whole number (1–3650)`;
    }
  }
  return null;
}

/** The county's overrides of the SPEC default deadlines (validated at start-up). */
export function deadlinePolicyOverride(
  config: Pick<Configuration, 'DEADLINE_POLICY'>,
): Partial<DeadlinePolicy> {
  return config.DEADLINE_POLICY ? (JSON.parse(config.DEADLINE_POLICY) as Partial<DeadlinePolicy>) : {};
}

function IsDeadlinePolicy(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isDeadlinePolicy',
      target: target.constructor,
      propertyName: propertyName as string,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && deadlinePolicyProblem(value) === null,
        defaultMessage: (args) =>
          typeof args?.value === 'string'
            ? (deadlinePolicyProblem(args.value) ?? 'DEADLINE_POLICY is invalid')
            : 'DEADLINE_POLICY must be a JSON object',
      },
    });
}

/** Why a DUTY_POLICY value is refused, or null when it overrides known standing-duty clocks with valid values. */
export function dutyPolicyValueProblem(raw: string): string | null {
  try {
    return dutyPolicyProblem(JSON.parse(raw));
  } catch {
    return 'DUTY_POLICY must be a JSON object, e.g. {"chaseTimes":5}';
  }
}

/** The county's overrides of the standing-duty clocks (validated at start-up). */
export function dutyPolicyOverride(config: Pick<Configuration, 'DUTY_POLICY'>): Partial<DutyPolicy> {
  return config.DUTY_POLICY ? (JSON.parse(config.DUTY_POLICY) as Partial<DutyPolicy>) : {};
}

function IsDutyPolicy(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isDutyPolicy',
      target: target.constructor,
      propertyName: propertyName as string,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && dutyPolicyValueProblem(value) === null,
        defaultMessage: (args) =>
          typeof args?.value === 'string'
            ? (dutyPolicyValueProblem(args.value) ?? 'DUTY_POLICY is invalid')
            : 'DUTY_POLICY must be a JSON object',
      },
    });
}

const PEM_PUBLIC_KEY = /-----BEGIN (RSA )?PUBLIC KEY-----[\s\S]+-----END (RSA )?PUBLIC KEY-----/;

/** PEM keys often arrive in one-line environment variables with literal \n; turn those into newlines. */
const pem = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.replace(/\\n/g, '\n').trim() : value;

/**
 * Every setting the processes read, validated once at start-up. A bad value stops the process with a message
 * naming the variable, so a county's IT staff never debug a half-started system.
 */
export class Configuration {
  /** PostgreSQL connection string. Unset under `npm start`: the launcher starts an embedded server and sets it. */
  @IsString({ message: 'DATABASE_URL is required (a postgres:// URL)' })
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// or postgresql:// URL' })
  DATABASE_URL!: string;

  /** host:port of the Temporal frontend. */
  @IsString()
  @Matches(/^[^:\s]+:\d+$/, { message: 'TEMPORAL_ADDRESS must look like host:port, e.g. localhost:7233' })
  TEMPORAL_ADDRESS = 'localhost:7233';

  @IsString()
  @MinLength(1)
  TEMPORAL_NAMESPACE = 'default';

  /** The task queue that workers poll and the API starts workflows on. */
  @IsString()
  @MinLength(1)
  TEMPORAL_TASK_QUEUE = 'eco-grid';

  /** HTTP port of the API. */
  @Transform(toInt)
  @IsInt({ message: 'PORT must be a whole number' })
  @Min(1)
  @Max(65535)
  PORT = 3000;

  /** Address the API binds to. */
  @IsString()
  HOST = '0.0.0.0';

  /** The public base URL of the Temporal Web UI, used in links printed and returned by the API. */
  @IsString()
  @Matches(/^https?:\/\/.+/, { message: 'TEMPORAL_UI_URL must be an http(s) URL' })
  TEMPORAL_UI_URL = 'http://localhost:8233';

  @IsIn(['error', 'warn', 'log', 'debug', 'verbose'], {
    message: 'LOG_LEVEL must be one of error, warn, log, debug, verbose',
  })
  LOG_LEVEL = 'log';

  @IsOptional()
  @IsIn(['true', 'false'], { message: 'DATABASE_SSL must be true or false' })
  DATABASE_SSL?: string;

  /** HS256 key of the bearer tokens (at least 32 characters). Exactly one of JWT_SECRET and JWT_PUBLIC_KEY. */
  @IsOptional()
  @IsString()
  @MinLength(32, {
    message: 'JWT_SECRET must be at least 32 characters long (use e.g. `openssl rand -hex 32`)',
  })
  JWT_SECRET?: string;

  /** RS256 public key (PEM) that verifies the bearer tokens of an external identity provider. */
  @IsOptional()
  @Transform(pem)
  @IsString()
  @Matches(PEM_PUBLIC_KEY, {
    message:
      'JWT_PUBLIC_KEY must be a PEM public key (-----BEGIN PUBLIC KEY----- … -----END PUBLIC KEY-----)',
  })
  JWT_PUBLIC_KEY?: string;

  /** The `iss` every token must carry. */
  @IsString()
  @MinLength(1, { message: 'JWT_ISSUER must not be empty' })
  JWT_ISSUER = 'eco-grid';

  /** The `aud` every token must carry. */
  @IsString()
  @MinLength(1, { message: 'JWT_AUDIENCE must not be empty' })
  JWT_AUDIENCE = 'eco-grid-api';

  /** Requests per minute and client address before the API answers 429. */
  @Transform(toInt)
  @IsInt({ message: 'RATE_LIMIT_PER_MINUTE must be a whole number' })
  @Min(1, { message: 'RATE_LIMIT_PER_MINUTE must be at least 1' })
  RATE_LIMIT_PER_MINUTE = 600;

  /** JSON object overriding some of the SPEC default deadlines, e.g. {"planDueWorkingDays":7}. */
  @IsOptional()
  @IsDeadlinePolicy()
  DEADLINE_POLICY?: string;

  /**
   * Largest evidence upload in bytes (the evidence controller reads it once when it is loaded, for its upload
   * limit; here it is validated with the rest, so a bad value stops the API instead of being ignored).
   */
  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'EVIDENCE_MAX_BYTES must be a whole number of bytes' })
  @Min(1024, { message: 'EVIDENCE_MAX_BYTES must be at least 1024' })
  @Max(512 * 1024 * 1024, { message: 'EVIDENCE_MAX_BYTES must be at most 536870912 (512 MB)' })
  EVIDENCE_MAX_BYTES?: number;

  /**
   * Hours an Idempotency-Key's answer is kept (worker: the daily housekeeping deletes older ones). A retry later
   * than this is a new request.
   */
  @Transform(toInt)
  @IsInt({ message: 'IDEMPOTENCY_KEY_TTL_HOURS must be a whole number of hours' })
  @Min(24, { message: 'IDEMPOTENCY_KEY_TTL_HOURS must be at least 24' })
  @Max(8760, { message: 'IDEMPOTENCY_KEY_TTL_HOURS must be at most 8760 (a year)' })
  IDEMPOTENCY_KEY_TTL_HOURS = 72;

  /** The built web console the API serves under `/` (default: `dist/console` of the checkout). */
  @IsOptional()
  @IsString()
  @MinLength(1)
  CONSOLE_DIR?: string;

  /** JSON object overriding some of the standing-duty clocks (P1–P6), e.g. {"chaseTimes":5}. */
  @IsOptional()
  @IsDutyPolicy()
  DUTY_POLICY?: string;
}

export class ConfigurationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigurationError';
  }
}

export interface LoadOptions {
  /** The API verifies tokens, so it needs exactly one of JWT_SECRET and JWT_PUBLIC_KEY; the worker needs neither. */
  requireAuth?: boolean;
}

/** The problems of the token settings, if any: never both keys, and for the API exactly one. */
export function authProblems(
  config: Pick<Configuration, 'JWT_SECRET' | 'JWT_PUBLIC_KEY'>,
  requireAuth: boolean,
): string[] {
  if (config.JWT_SECRET && config.JWT_PUBLIC_KEY) {
    return ['set only one of JWT_SECRET (HS256) and JWT_PUBLIC_KEY (RS256), not both'];
  }
  if (requireAuth && !config.JWT_SECRET && !config.JWT_PUBLIC_KEY) {
    return [
      'JWT_SECRET (HS256, at least 32 characters) or JWT_PUBLIC_KEY (RS256, PEM) is required to verify bearer tokens',
    ];
  }
  return [];
}

/** Reads and validates the environment; throws ConfigurationError listing every bad or missing variable. */
export function loadConfiguration(
  env: NodeJS.ProcessEnv = process.env,
  options: LoadOptions = {},
): Configuration {
  const raw: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const config = plainToInstance(Configuration, raw, { exposeDefaultValues: true });
  const errors = validateSync(config, { whitelist: false, forbidUnknownValues: true });
  // Secrets are never echoed: class-validator messages name the variable, not its value.
  const problems = errors.flatMap((error) =>
    Object.values(error.constraints ?? {}).map((message) =>
      message.startsWith(error.property) ? message : `${error.property}: ${message}`,
    ),
  );
  problems.push(...authProblems(config, options.requireAuth ?? false));
  if (problems.length > 0) throw new ConfigurationError(problems);
  return config;
}
