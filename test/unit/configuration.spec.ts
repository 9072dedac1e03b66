import {
  ConfigurationError,
  deadlinePolicyOverride,
  dutyPolicyOverride,
  loadConfiguration,
  sessionKey,
} from '../../config/configuration';

describe(loadConfiguration.name, () => {
  it('applies the defaults when only the database is given', () => {
    const config = loadConfiguration({ DATABASE_URL: 'postgres://u:p@localhost:5432/eco' });
    expect(config).toMatchObject({
      TEMPORAL_ADDRESS: 'localhost:7233',
      TEMPORAL_NAMESPACE: 'default',
      TEMPORAL_TASK_QUEUE: 'eco-grid',
      PORT: 3000,
      LOG_LEVEL: 'log',
    });
  });

  it('turns a numeric PORT into a number', () => {
    expect(loadConfiguration({ DATABASE_URL: 'postgres://x/y', PORT: '8080' }).PORT).toBe(8080);
  });

  it('names every bad or missing variable at once', () => {
    let error: unknown;
    try {
      loadConfiguration({ PORT: 'eighty', TEMPORAL_ADDRESS: 'no-port', LOG_LEVEL: 'chatty' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    const problems = (error as ConfigurationError).problems.join('\n');
    expect(problems).toContain('DATABASE_URL is required');
    expect(problems).toContain('PORT must be a whole number');
    expect(problems).toContain('TEMPORAL_ADDRESS must look like host:port');
    expect(problems).toContain('LOG_LEVEL must be one of');
  });

  it('refuses a database URL that is not PostgreSQL', () => {
    expect(() => loadConfiguration({ DATABASE_URL: 'mysql://localhost/eco' })).toThrow(/postgres:\/\//);
  });
});

describe('token and deadline settings', () => {
  const base = { DATABASE_URL: 'postgres://x/y' };
  const problemsOf = (env: NodeJS.ProcessEnv, options = {}): string => {
    try {
      loadConfiguration(env, options);
      return '';
    } catch (error) {
      return (error as ConfigurationError).problems.join('\n');
    }
  };
  const SECRET = 'a-secret-of-more-than-thirty-two-chars!';
  const PEM = '-----BEGIN PUBLIC KEY-----\\nMIIBIjANBg\\n-----END PUBLIC KEY-----';

  it('defaults the issuer, the audience and the rate limit', () => {
    expect(loadConfiguration({ ...base, JWT_SECRET: SECRET }, { requireAuth: true })).toMatchObject({
      JWT_ISSUER: 'eco-grid',
      JWT_AUDIENCE: 'eco-grid-api',
      RATE_LIMIT_PER_MINUTE: 600,
    });
  });

  it('the API needs exactly one of JWT_SECRET and JWT_PUBLIC_KEY; the worker needs neither', () => {
    expect(problemsOf(base, { requireAuth: true })).toContain(
      'JWT_SECRET (HS256, at least 32 characters) or JWT_PUBLIC_KEY',
    );
    expect(problemsOf(base)).toBe('');
    expect(problemsOf({ ...base, JWT_SECRET: SECRET, JWT_PUBLIC_KEY: PEM })).toContain(
      'only one of JWT_SECRET',
    );
    expect(problemsOf({ ...base, JWT_PUBLIC_KEY: PEM }, { requireAuth: true })).toBe('');
  });

  it('refuses a short secret or a key that is not PEM, without echoing it', () => {
    const short = problemsOf({ ...base, JWT_SECRET: 'hunter2' }, { requireAuth: true });
    expect(short).toContain('JWT_SECRET must be at least 32 characters');
    expect(short).not.toContain('hunter2');
    expect(problemsOf({ ...base, JWT_PUBLIC_KEY: 'ssh-rsa AAAA' })).toContain(
      'JWT_PUBLIC_KEY must be a PEM public key',
    );
  });

  it('turns the literal \\n of a one-line PEM into newlines', () => {
    expect(loadConfiguration({ ...base, JWT_PUBLIC_KEY: PEM }).JWT_PUBLIC_KEY).toBe(
      '-----BEGIN PUBLIC KEY-----\nMIIBIjANBg\n-----END PUBLIC KEY-----',
    );
  });

  it('validates RATE_LIMIT_PER_MINUTE', () => {
    expect(loadConfiguration({ ...base, RATE_LIMIT_PER_MINUTE: '60' }).RATE_LIMIT_PER_MINUTE).toBe(60);
    expect(problemsOf({ ...base, RATE_LIMIT_PER_MINUTE: 'lots' })).toContain(
      'RATE_LIMIT_PER_MINUTE must be a whole number',
    );
    expect(problemsOf({ ...base, RATE_LIMIT_PER_MINUTE: '0' })).toContain('at least 1');
  });

  it('EVIDENCE_MAX_BYTES is validated with the rest: a bad value stops the process', () => {
    expect(loadConfiguration({ ...base, EVIDENCE_MAX_BYTES: '20971520' }).EVIDENCE_MAX_BYTES).toBe(20971520);
    expect(problemsOf({ ...base, EVIDENCE_MAX_BYTES: '10MB' })).toContain(
      'EVIDENCE_MAX_BYTES must be a whole number',
    );
    expect(problemsOf({ ...base, EVIDENCE_MAX_BYTES: '10' })).toContain(
      'EVIDENCE_MAX_BYTES must be at least 1024',
    );
  });

  it('IDEMPOTENCY_KEY_TTL_HOURS keeps answers 72 hours unless set, and at least a day', () => {
    expect(loadConfiguration(base).IDEMPOTENCY_KEY_TTL_HOURS).toBe(72);
    expect(loadConfiguration({ ...base, IDEMPOTENCY_KEY_TTL_HOURS: '168' }).IDEMPOTENCY_KEY_TTL_HOURS).toBe(
      168,
    );
    expect(problemsOf({ ...base, IDEMPOTENCY_KEY_TTL_HOURS: '2' })).toContain(
      'IDEMPOTENCY_KEY_TTL_HOURS must be at least 24',
    );
    expect(problemsOf({ ...base, IDEMPOTENCY_KEY_TTL_HOURS: 'a week' })).toContain(
      'IDEMPOTENCY_KEY_TTL_HOURS must be a whole number of hours',
    );
  });

  it('DUTY_POLICY overrides some standing-duty clocks and refuses unknown keys and bad values clearly', () => {
    const config = loadConfiguration({ ...base, DUTY_POLICY: '{"chaseTimes":5,"recordGraceHours":24}' });
    expect(dutyPolicyOverride(config)).toEqual({ chaseTimes: 5, recordGraceHours: 24 });
    expect(dutyPolicyOverride(loadConfiguration(base))).toEqual({});
    expect(problemsOf({ ...base, DUTY_POLICY: '{"chaseTimez":5}' })).toContain(
      'DUTY_POLICY has an unknown key "chaseTimez"',
    );
    expect(problemsOf({ ...base, DUTY_POLICY: '{"weeklyReportDueWeekday":9}' })).toContain(
      'DUTY_POLICY.weeklyReportDueWeekday must be 1 (Monday) to 7 (Sunday)',
    );
    expect(problemsOf({ ...base, DUTY_POLICY: 'weekly' })).toContain('DUTY_POLICY must be a JSON object');
  });

  it('DEADLINE_POLICY overrides some SPEC defaults and refuses unknown keys and bad values clearly', () => {
    const config = loadConfiguration({
      ...base,
      DEADLINE_POLICY: '{"planDueWorkingDays":7,"publicNoticeWorkingDays":10}',
    });
    expect(deadlinePolicyOverride(config)).toEqual({ planDueWorkingDays: 7, publicNoticeWorkingDays: 10 });
    expect(deadlinePolicyOverride(loadConfiguration(base))).toEqual({});
    expect(problemsOf({ ...base, DEADLINE_POLICY: '{"planDays":7}' })).toContain(
      'DEADLINE_POLICY has an unknown key "planDays"',
    );
    expect(problemsOf({ ...base, DEADLINE_POLICY: '{"planDueWorkingDays":0}' })).toContain(
      'DEADLINE_POLICY.planDueWorkingDays must be a positive whole number',
    );
    expect(problemsOf({ ...base, DEADLINE_POLICY: '{"planDueWorkingDays":2.5}' })).toContain(
      'positive whole number',
    );
    expect(problemsOf({ ...base, DEADLINE_POLICY: '[7]' })).toContain(
      'DEADLINE_POLICY must be a JSON object',
    );
    expect(problemsOf({ ...base, DEADLINE_POLICY: 'seven' })).toContain(
      'DEADLINE_POLICY must be a JSON object',
    );
  });

  it('sign-in limits, session lifetimes and the proxy setting have defaults and are validated', () => {
    expect(loadConfiguration(base)).toMatchObject({
      LOGIN_ACCOUNT_MAX_FAILURES: 5,
      LOGIN_ACCOUNT_LOCK_SECONDS: 900,
      LOGIN_ADDRESS_MAX_FAILURES: 20,
      LOGIN_ADDRESS_LOCK_SECONDS: 900,
      SESSION_IDLE_MINUTES: 30,
      SESSION_MAX_HOURS: 12,
    });
    expect(loadConfiguration({ ...base, LOGIN_ACCOUNT_MAX_FAILURES: '3' }).LOGIN_ACCOUNT_MAX_FAILURES).toBe(
      3,
    );
    expect(problemsOf({ ...base, LOGIN_ACCOUNT_MAX_FAILURES: '0' })).toContain(
      'LOGIN_ACCOUNT_MAX_FAILURES must be at least 1',
    );
    expect(problemsOf({ ...base, LOGIN_ADDRESS_LOCK_SECONDS: 'long' })).toContain(
      'LOGIN_ADDRESS_LOCK_SECONDS must be a whole number',
    );
    expect(problemsOf({ ...base, SESSION_IDLE_MINUTES: '1' })).toContain(
      'SESSION_IDLE_MINUTES must be at least 5',
    );
    expect(problemsOf({ ...base, COOKIE_SECURE: 'yes' })).toContain('COOKIE_SECURE must be true or false');
    expect(problemsOf({ ...base, TRUST_PROXY: 'loopback, 10.0.0.0/8' })).toBe('');
    expect(problemsOf({ ...base, TRUST_PROXY: 'any;thing' })).toContain('TRUST_PROXY must be');
  });

  it('single sign-on needs issuer, client and redirect together; http only for a provider on this machine', () => {
    const oidc = {
      OIDC_ISSUER: 'https://id.county.example/realms/grid',
      OIDC_CLIENT_ID: 'eco-grid',
      OIDC_REDIRECT_URI: 'https://grid.county.example/api/v1/auth/oidc/callback',
    };
    expect(loadConfiguration({ ...base, ...oidc })).toMatchObject({
      OIDC_CLAIM: 'phone_number',
      OIDC_MATCH: 'phone',
    });
    expect(problemsOf({ ...base, OIDC_ISSUER: oidc.OIDC_ISSUER })).toContain(
      'OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_REDIRECT_URI are set together',
    );
    expect(problemsOf({ ...base, ...oidc, OIDC_ISSUER: 'http://id.county.example' })).toContain(
      'OIDC_ISSUER must be an https:// URL',
    );
    expect(problemsOf({ ...base, ...oidc, OIDC_ISSUER: 'http://127.0.0.1:4000' })).toBe('');
    expect(problemsOf({ ...base, ...oidc, OIDC_REDIRECT_URI: 'https://grid.county.example/' })).toContain(
      'OIDC_REDIRECT_URI must be an http(s) URL ending in /api/v1/auth/oidc/callback',
    );
    expect(problemsOf({ ...base, ...oidc, OIDC_MATCH: 'email' })).toContain(
      'OIDC_MATCH must be phone, account or member_id',
    );
  });

  it('sessions are signed with SESSION_SECRET, else JWT_SECRET; neither turns password sign-in off', () => {
    const secret = 's'.repeat(40);
    expect(sessionKey(loadConfiguration({ ...base, JWT_SECRET: secret }))).toBe(secret);
    expect(
      sessionKey(loadConfiguration({ ...base, SESSION_SECRET: 'x'.repeat(32), JWT_SECRET: secret })),
    ).toBe('x'.repeat(32));
    expect(sessionKey(loadConfiguration(base))).toBeUndefined();
    expect(problemsOf({ ...base, SESSION_SECRET: 'short' })).toContain(
      'SESSION_SECRET must be at least 32 characters',
    );
  });
});

describe('sizing settings', () => {
  const base = { DATABASE_URL: 'postgres://x/y' };

  it('render threads, database pools, the workflow cache and task concurrency have documented defaults', () => {
    expect(loadConfiguration(base)).toMatchObject({
      DOCUMENT_RENDER_THREADS: 1,
      API_DATABASE_POOL_SIZE: 10,
      WORKER_DATABASE_POOL_SIZE: 10,
      WORKER_MAX_CACHED_WORKFLOWS: 1000,
      WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: 40,
      WORKER_MAX_CONCURRENT_ACTIVITY_TASKS: 100,
    });
  });

  it('reads them as numbers and names each bad one', () => {
    expect(
      loadConfiguration({
        ...base,
        DOCUMENT_RENDER_THREADS: '0',
        WORKER_DATABASE_POOL_SIZE: '25',
        WORKER_MAX_CACHED_WORKFLOWS: '5000',
      }),
    ).toMatchObject({
      DOCUMENT_RENDER_THREADS: 0,
      WORKER_DATABASE_POOL_SIZE: 25,
      WORKER_MAX_CACHED_WORKFLOWS: 5000,
    });
    let error: unknown;
    try {
      loadConfiguration({
        ...base,
        DOCUMENT_RENDER_THREADS: '99',
        API_DATABASE_POOL_SIZE: '0',
        WORKER_MAX_CACHED_WORKFLOWS: 'many',
        WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: '1',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    const problems = (error as ConfigurationError).problems.join('\n');
    expect(problems).toMatch(/DOCUMENT_RENDER_THREADS must be at most 16/);
    expect(problems).toMatch(/API_DATABASE_POOL_SIZE must be at least 1/);
    expect(problems).toMatch(/WORKER_MAX_CACHED_WORKFLOWS must be a whole number/);
    expect(problems).toMatch(/WORKER_MAX_CONCURRENT_WORKFLOW_TASKS must be at least 2/);
  });

  it('the workflow cache is off or holds at least the workflow tasks that run at once', () => {
    expect(loadConfiguration({ ...base, WORKER_MAX_CACHED_WORKFLOWS: '0' }).WORKER_MAX_CACHED_WORKFLOWS).toBe(
      0,
    );
    expect(() => loadConfiguration({ ...base, WORKER_MAX_CACHED_WORKFLOWS: '10' })).toThrow(
      /WORKER_MAX_CACHED_WORKFLOWS must be 0 \(no cache\) or at least WORKER_MAX_CONCURRENT_WORKFLOW_TASKS \(40\)/,
    );
    expect(
      loadConfiguration({
        ...base,
        WORKER_MAX_CACHED_WORKFLOWS: '10',
        WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: '10',
      }).WORKER_MAX_CACHED_WORKFLOWS,
    ).toBe(10);
  });
});

describe('DEADLINE_UNIT', () => {
  const base = { DATABASE_URL: 'postgres://x/y' };
  const problemsOf = (env: Record<string, string>): string => {
    try {
      loadConfiguration(env);
      return '';
    } catch (error) {
      return (error as ConfigurationError).problems.join('\n');
    }
  };

  it('counts in working days unless a test or benchmark asks for minutes', () => {
    expect(loadConfiguration(base).DEADLINE_UNIT).toBe('working_day');
    expect(loadConfiguration({ ...base, DEADLINE_UNIT: 'minute' }).DEADLINE_UNIT).toBe('minute');
    expect(loadConfiguration({ ...base, DEADLINE_UNIT: 'minute', NODE_ENV: 'test' }).DEADLINE_UNIT).toBe(
      'minute',
    );
  });

  it('refuses an unknown unit, Chinese first', () => {
    expect(problemsOf({ ...base, DEADLINE_UNIT: 'hour' })).toContain(
      'DEADLINE_UNIT 只能是 working_day 或 minute (DEADLINE_UNIT must be working_day or minute)',
    );
  });

  it('refuses minutes in production, so a deployed image cannot count deadlines in minutes', () => {
    const problems = problemsOf({ ...base, DEADLINE_UNIT: 'minute', NODE_ENV: 'production' });
    expect(problems).toMatch(/^DEADLINE_UNIT=minute 仅用于测试和压测/);
    expect(problems).toContain('refused when NODE_ENV=production');
    expect(
      loadConfiguration({ ...base, DEADLINE_UNIT: 'working_day', NODE_ENV: 'production' }).DEADLINE_UNIT,
    ).toBe('working_day');
  });
});
