import 'reflect-metadata';
import { plainToInstance, Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  registerDecorator,
  validateSync,
} from 'class-validator';
import { DEADLINE_UNITS, type DeadlineUnit } from '../domain/calendar/working-days';
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

  /**
   * Addresses and subnets (comma-separated, e.g. `10.0.0.0/8,127.0.0.1`) that may read the API's GET /metrics.
   * Unset: anyone who reaches the port (keep the port off the internet, or set this).
   */
  @IsOptional()
  @IsString()
  @Matches(/^\s*[0-9A-Fa-f.:]+(\/\d{1,3})?\s*(,\s*[0-9A-Fa-f.:]+(\/\d{1,3})?\s*)*$/, {
    message: 'METRICS_ALLOW must be addresses or subnets, comma-separated (e.g. 10.0.0.0/8,127.0.0.1)',
  })
  METRICS_ALLOW?: string;

  /**
   * Worker: the port of its Prometheus metrics (the Temporal SDK's own and the product's gauges) at /metrics;
   * 0 turns them off.
   */
  @Transform(toInt)
  @IsInt({ message: 'WORKER_METRICS_PORT must be a whole number' })
  @Min(0)
  @Max(65535)
  WORKER_METRICS_PORT = 9464;

  /**
   * Threads that render PDF and XLSX documents (ledgers, reports) off the event loop, in the API and in the worker;
   * 0 renders on the event loop itself (a 3,000-line ledger then stalls the process for about a second).
   */
  @Transform(toInt)
  @IsInt({ message: 'DOCUMENT_RENDER_THREADS must be a whole number' })
  @Min(0, { message: 'DOCUMENT_RENDER_THREADS must be at least 0' })
  @Max(16, { message: 'DOCUMENT_RENDER_THREADS must be at most 16' })
  DOCUMENT_RENDER_THREADS = 1;

  /** API: connections in its PostgreSQL pool. */
  @Transform(toInt)
  @IsInt({ message: 'API_DATABASE_POOL_SIZE must be a whole number' })
  @Min(1, { message: 'API_DATABASE_POOL_SIZE must be at least 1' })
  @Max(500, { message: 'API_DATABASE_POOL_SIZE must be at most 500' })
  API_DATABASE_POOL_SIZE = 10;

  /** Worker: connections in its PostgreSQL pool (activities hold one each while they write). */
  @Transform(toInt)
  @IsInt({ message: 'WORKER_DATABASE_POOL_SIZE must be a whole number' })
  @Min(1, { message: 'WORKER_DATABASE_POOL_SIZE must be at least 1' })
  @Max(500, { message: 'WORKER_DATABASE_POOL_SIZE must be at most 500' })
  WORKER_DATABASE_POOL_SIZE = 10;

  /**
   * Worker: workflows kept in its sticky cache (about 0.56 MiB each, `npm run bench:scale`); beyond it the least recently used is evicted
   * and replayed from its history when it next has work; 0 turns the cache off. The SDK's own default grows with
   * the machine's memory.
   */
  @Transform(toInt)
  @IsInt({ message: 'WORKER_MAX_CACHED_WORKFLOWS must be a whole number' })
  @Min(0, { message: 'WORKER_MAX_CACHED_WORKFLOWS must be at least 0' })
  @Max(100000, { message: 'WORKER_MAX_CACHED_WORKFLOWS must be at most 100000' })
  WORKER_MAX_CACHED_WORKFLOWS = 1000;

  /** Worker: workflow tasks it runs at once (the SDK's default, 40). */
  @Transform(toInt)
  @IsInt({ message: 'WORKER_MAX_CONCURRENT_WORKFLOW_TASKS must be a whole number' })
  @Min(2, { message: 'WORKER_MAX_CONCURRENT_WORKFLOW_TASKS must be at least 2' })
  @Max(1000, { message: 'WORKER_MAX_CONCURRENT_WORKFLOW_TASKS must be at most 1000' })
  WORKER_MAX_CONCURRENT_WORKFLOW_TASKS = 40;

  /** Worker: activities it runs at once (the SDK's default, 100); keep it near WORKER_DATABASE_POOL_SIZE's reach. */
  @Transform(toInt)
  @IsInt({ message: 'WORKER_MAX_CONCURRENT_ACTIVITY_TASKS must be a whole number' })
  @Min(1, { message: 'WORKER_MAX_CONCURRENT_ACTIVITY_TASKS must be at least 1' })
  @Max(10000, { message: 'WORKER_MAX_CONCURRENT_ACTIVITY_TASKS must be at most 10000' })
  WORKER_MAX_CONCURRENT_ACTIVITY_TASKS = 100;

  /** Worker: seconds between two computations of the read-model gauges (outbox backlog, overdue issues). */
  @Transform(toInt)
  @IsInt({ message: 'METRICS_REFRESH_SECONDS must be a whole number of seconds' })
  @Min(1, { message: 'METRICS_REFRESH_SECONDS must be at least 1' })
  @Max(3600, { message: 'METRICS_REFRESH_SECONDS must be at most 3600' })
  METRICS_REFRESH_SECONDS = 30;

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

  /** Requests per minute and account (all routes together) before the API answers 429. */
  @Transform(toInt)
  @IsInt({ message: 'RATE_LIMIT_PER_MINUTE must be a whole number' })
  @Min(1, { message: 'RATE_LIMIT_PER_MINUTE must be at least 1' })
  RATE_LIMIT_PER_MINUTE = 600;

  /** Public reports and 公示 objections per hour and client address (no login) before the API answers 429. */
  @Transform(toInt)
  @IsInt({ message: 'PUBLIC_WRITES_PER_HOUR must be a whole number' })
  @Min(1, { message: 'PUBLIC_WRITES_PER_HOUR must be at least 1' })
  PUBLIC_WRITES_PER_HOUR = 20;

  /**
   * The console map's tile URL template (Leaflet's {z}/{x}/{y}, {s} for subdomains), e.g. 天地图's
   * `https://t{s}.tianditu.gov.cn/vec_w/wmts?...&tk=<key>`; empty: the map draws without tiles.
   */
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  MAP_TILE_URL = '';

  /** The tile server's attribution, shown on the map. */
  @IsOptional()
  @IsString()
  @MaxLength(300)
  MAP_TILE_ATTRIBUTION = '';

  /** Subdomains for {s} in MAP_TILE_URL, comma-separated (天地图: 0,1,2,3,4,5,6,7). */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  MAP_TILE_SUBDOMAINS = '';

  /** Where the console's maps open: latitude,longitude (WGS-84) and zoom; the county seat by default. */
  @IsString()
  @Matches(/^-?\d{1,2}(\.\d+)?,-?\d{1,3}(\.\d+)?,\d{1,2}$/, {
    message: 'MAP_CENTER must be latitude,longitude,zoom, e.g. 25.9317,108.5213,11',
  })
  MAP_CENTER = '25.9317,108.5213,11';
  /**
   * Requests per minute and client address that carry no account (public routes, sign-in), all routes together;
   * signed-in members count against their own accounts, so an office behind one NAT does not share one budget.
   */
  @Transform(toInt)
  @IsInt({ message: 'RATE_LIMIT_PER_ADDRESS_PER_MINUTE must be a whole number' })
  @Min(1, { message: 'RATE_LIMIT_PER_ADDRESS_PER_MINUTE must be at least 1' })
  RATE_LIMIT_PER_ADDRESS_PER_MINUTE = 1200;

  /** JSON object overriding some of the SPEC default deadlines, e.g. {"planDueWorkingDays":7}. */
  @IsOptional()
  @IsDeadlinePolicy()
  DEADLINE_POLICY?: string;

  /**
   * Tests and benchmarks only: `minute` counts an issue's deadline terms in minutes instead of working days (a plan
   * due in 5 working days is due 5 minutes after acceptance), so escalation timers fire within minutes. Refused
   * when NODE_ENV is production (as in the images).
   */
  @IsIn(DEADLINE_UNITS, {
    message: 'DEADLINE_UNIT 只能是 working_day 或 minute (DEADLINE_UNIT must be working_day or minute)',
  })
  DEADLINE_UNIT: DeadlineUnit = 'working_day';

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

  /**
   * Longest a request waits for a lifecycle action's Temporal Update (S3). Past it the answer is 202 with a Location
   * to poll (`GET /api/v1/issues/{code}/actions/{updateId}`); the action still completes once.
   */
  @Transform(toInt)
  @IsInt({ message: 'UPDATE_WAIT_SECONDS must be a whole number of seconds' })
  @Min(1, { message: 'UPDATE_WAIT_SECONDS must be at least 1' })
  @Max(300, { message: 'UPDATE_WAIT_SECONDS must be at most 300' })
  UPDATE_WAIT_SECONDS = 20;

  /** Seconds a 503 answer (PostgreSQL or Temporal unreachable) asks a client to wait, in its Retry-After (S3). */
  @Transform(toInt)
  @IsInt({ message: 'RETRY_AFTER_SECONDS must be a whole number of seconds' })
  @Min(1, { message: 'RETRY_AFTER_SECONDS must be at least 1' })
  @Max(3600, { message: 'RETRY_AFTER_SECONDS must be at most 3600' })
  RETRY_AFTER_SECONDS = 5;

  /** The built web console the API serves under `/` (default: `dist/console` of the checkout). */
  @IsOptional()
  @IsString()
  @MinLength(1)
  CONSOLE_DIR?: string;

  /** JSON object overriding some of the standing-duty clocks (P1–P6), e.g. {"chaseTimes":5}. */
  @IsOptional()
  @IsDutyPolicy()
  DUTY_POLICY?: string;

  /**
   * HS256 key of the console's session cookies when the bearer tokens are RS256 (JWT_PUBLIC_KEY); with JWT_SECRET
   * the sessions are signed with that and this stays unset. Without either, password sign-in is off.
   */
  @IsOptional()
  @IsString()
  @MinLength(32, {
    message: 'SESSION_SECRET must be at least 32 characters long (use e.g. `openssl rand -hex 32`)',
  })
  SESSION_SECRET?: string;

  /** Minutes a console session lives without a request; each request renews it (sliding). */
  @Transform(toInt)
  @IsInt({ message: 'SESSION_IDLE_MINUTES must be a whole number of minutes' })
  @Min(5, { message: 'SESSION_IDLE_MINUTES must be at least 5' })
  @Max(720, { message: 'SESSION_IDLE_MINUTES must be at most 720 (12 hours)' })
  SESSION_IDLE_MINUTES = 30;

  /** Hours after sign-in that a session ends however active it is. */
  @Transform(toInt)
  @IsInt({ message: 'SESSION_MAX_HOURS must be a whole number of hours' })
  @Min(1, { message: 'SESSION_MAX_HOURS must be at least 1' })
  @Max(168, { message: 'SESSION_MAX_HOURS must be at most 168 (a week)' })
  SESSION_MAX_HOURS = 12;

  /** true: the session cookies are Secure even when the request reached the API over plain HTTP (TLS proxy). */
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'COOKIE_SECURE must be true or false' })
  COOKIE_SECURE?: string;

  /**
   * Express "trust proxy": which proxies' X-Forwarded-For / X-Forwarded-Proto to believe, e.g. `loopback` or
   * `1` (hops) behind the county's TLS proxy. Unset: none, the client address is the TCP peer.
   */
  @IsOptional()
  @IsString()
  @Matches(/^(true|false|\d{1,2}|[A-Za-z0-9.:/, _-]{1,512})$/, {
    message: 'TRUST_PROXY must be true, false, a hop count, or addresses/subnets (loopback, 10.0.0.0/8, …)',
  })
  TRUST_PROXY?: string;

  /** Failed sign-ins of one account (from any address) before it is locked. */
  @Transform(toInt)
  @IsInt({ message: 'LOGIN_ACCOUNT_MAX_FAILURES must be a whole number' })
  @Min(1, { message: 'LOGIN_ACCOUNT_MAX_FAILURES must be at least 1' })
  @Max(100, { message: 'LOGIN_ACCOUNT_MAX_FAILURES must be at most 100' })
  LOGIN_ACCOUNT_MAX_FAILURES = 5;

  /** Seconds an account stays locked, and the window its failures are counted in. */
  @Transform(toInt)
  @IsInt({ message: 'LOGIN_ACCOUNT_LOCK_SECONDS must be a whole number of seconds' })
  @Min(1, { message: 'LOGIN_ACCOUNT_LOCK_SECONDS must be at least 1' })
  @Max(86400, { message: 'LOGIN_ACCOUNT_LOCK_SECONDS must be at most 86400 (a day)' })
  LOGIN_ACCOUNT_LOCK_SECONDS = 900;

  /** Failed sign-ins from one client address (any accounts) before the address is locked. */
  @Transform(toInt)
  @IsInt({ message: 'LOGIN_ADDRESS_MAX_FAILURES must be a whole number' })
  @Min(1, { message: 'LOGIN_ADDRESS_MAX_FAILURES must be at least 1' })
  @Max(10000, { message: 'LOGIN_ADDRESS_MAX_FAILURES must be at most 10000' })
  LOGIN_ADDRESS_MAX_FAILURES = 20;

  /** Seconds an address stays locked, and the window its failures are counted in. */
  @Transform(toInt)
  @IsInt({ message: 'LOGIN_ADDRESS_LOCK_SECONDS must be a whole number of seconds' })
  @Min(1, { message: 'LOGIN_ADDRESS_LOCK_SECONDS must be at least 1' })
  @Max(86400, { message: 'LOGIN_ADDRESS_LOCK_SECONDS must be at most 86400 (a day)' })
  LOGIN_ADDRESS_LOCK_SECONDS = 900;

  /** OpenID Connect single sign-on: the provider's issuer URL (https; http only on this machine). Unset: off. */
  @IsOptional()
  @IsString()
  @Matches(/^(https:\/\/.+|http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?(\/.*)?)$/, {
    message: 'OIDC_ISSUER must be an https:// URL (http:// only for localhost)',
  })
  OIDC_ISSUER?: string;

  @IsOptional()
  @IsString()
  @MinLength(1)
  OIDC_CLIENT_ID?: string;

  /** The client's secret (client_secret_basic); unset for a public client (PKCE only). */
  @IsOptional()
  @IsString()
  OIDC_CLIENT_SECRET?: string;

  /** This API's callback as registered at the provider, e.g. https://grid.county.example/api/v1/auth/oidc/callback. */
  @IsOptional()
  @IsString()
  @Matches(/^https?:\/\/.+\/api\/v1\/auth\/oidc\/callback$/, {
    message: 'OIDC_REDIRECT_URI must be an http(s) URL ending in /api/v1/auth/oidc/callback',
  })
  OIDC_REDIRECT_URI?: string;

  /** The provider's claim that names the member (phone_number, preferred_username, sub, …). */
  @IsString()
  @Matches(/^[A-Za-z_][A-Za-z0-9_.:-]{0,63}$/, { message: 'OIDC_CLAIM must be a claim name' })
  OIDC_CLAIM = 'phone_number';

  /** What the claim is compared with: the member's phone, their account name, or their member id. */
  @IsIn(['phone', 'account', 'member_id'], { message: 'OIDC_MATCH must be phone, account or member_id' })
  OIDC_MATCH = 'phone';

  @IsString()
  @Matches(/^[\w:. -]{1,256}$/, { message: 'OIDC_SCOPES must be space-separated scope names' })
  OIDC_SCOPES = 'openid phone profile';

  /** The sign-in button's label on the console. */
  @IsString()
  @MinLength(1)
  @MaxLength(32, { message: 'OIDC_LABEL must be at most 32 characters' })
  OIDC_LABEL = '统一身份认证登录';
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

/** OIDC is all or nothing: an issuer needs a client id and a redirect URI, and those need an issuer. */
export function oidcProblems(
  config: Pick<Configuration, 'OIDC_ISSUER' | 'OIDC_CLIENT_ID' | 'OIDC_REDIRECT_URI'>,
): string[] {
  const set = [config.OIDC_ISSUER, config.OIDC_CLIENT_ID, config.OIDC_REDIRECT_URI].filter(Boolean).length;
  return set === 0 || set === 3
    ? []
    : ['OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_REDIRECT_URI are set together (single sign-on) or not at all'];
}

/** The workflow cache holds every workflow a task runs on, so it is off (0) or at least the concurrent tasks. */
export function workerSizingProblems(
  config: Pick<Configuration, 'WORKER_MAX_CACHED_WORKFLOWS' | 'WORKER_MAX_CONCURRENT_WORKFLOW_TASKS'>,
): string[] {
  const cache = config.WORKER_MAX_CACHED_WORKFLOWS;
  if (typeof cache !== 'number' || cache === 0) return [];
  return cache < config.WORKER_MAX_CONCURRENT_WORKFLOW_TASKS
    ? [
        'WORKER_MAX_CACHED_WORKFLOWS must be 0 (no cache) or at least WORKER_MAX_CONCURRENT_WORKFLOW_TASKS ' +
          `(${config.WORKER_MAX_CONCURRENT_WORKFLOW_TASKS})`,
      ]
    : [];
}

/** Deadlines in minutes are for tests and benchmarks: a production process refuses them. */
export function deadlineUnitProblems(
  config: Pick<Configuration, 'DEADLINE_UNIT'>,
  env: NodeJS.ProcessEnv,
): string[] {
  return config.DEADLINE_UNIT === 'minute' && env.NODE_ENV === 'production'
    ? [
        'DEADLINE_UNIT=minute 仅用于测试和压测，生产环境 (NODE_ENV=production) 不得启用 ' +
          '(DEADLINE_UNIT=minute is for tests and benchmarks only; refused when NODE_ENV=production)',
      ]
    : [];
}

/** The HS256 key of the console's sessions: SESSION_SECRET, else JWT_SECRET; undefined turns password sign-in off. */
export function sessionKey(config: Pick<Configuration, 'SESSION_SECRET' | 'JWT_SECRET'>): string | undefined {
  return config.SESSION_SECRET ?? config.JWT_SECRET;
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
  problems.push(...oidcProblems(config));
  problems.push(...workerSizingProblems(config));
  problems.push(...deadlineUnitProblems(config, env));
  if (problems.length > 0) throw new ConfigurationError(problems);
  return config;
}
