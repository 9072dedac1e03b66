import { ConfigurationError, loadConfiguration } from '../../config/configuration';

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
