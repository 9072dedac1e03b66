import fs from 'node:fs';

/** What the global setup started, handed to the test files through this file. */
export interface TestServers {
  databaseUrl: string;
  temporalAddress: string;
  namespace: string;
  workDir: string;
}

export function writeServers(servers: TestServers, file: string): void {
  fs.writeFileSync(file, JSON.stringify(servers));
}

/** The servers of this test run (set by the global setup in the environment). */
export function testServers(): TestServers {
  const file = process.env.ECO_GRID_TEST_SERVERS;
  if (!file || !fs.existsSync(file)) {
    throw new Error(
      'integration tests need the global setup: run them with -c test/jest.integration.config.js',
    );
  }
  return JSON.parse(fs.readFileSync(file, 'utf8')) as TestServers;
}
