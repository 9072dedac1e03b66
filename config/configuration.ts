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
}

export class ConfigurationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigurationError';
  }
}

/** Reads and validates the environment; throws ConfigurationError listing every bad or missing variable. */
export function loadConfiguration(env: NodeJS.ProcessEnv = process.env): Configuration {
  const raw: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const config = plainToInstance(Configuration, raw, { exposeDefaultValues: true });
  const errors = validateSync(config, { whitelist: false, forbidUnknownValues: true });
  if (errors.length > 0) {
    const problems = errors.flatMap((error) =>
      Object.values(error.constraints ?? {}).map((message) =>
        message.startsWith(error.property) ? message : `${error.property}: ${message}`,
      ),
    );
    throw new ConfigurationError(problems);
  }
  return config;
}
