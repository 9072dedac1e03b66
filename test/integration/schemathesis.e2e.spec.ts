import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { startHarness, type Harness } from '../support/harness';
import { ownDatabase } from '../support/servers';
import { tokenFor } from '../support/tokens';

const ROOT = path.resolve(__dirname, '..', '..');
const CONFIG = path.join(ROOT, 'test', 'schemathesis', 'schemathesis.toml');

/** The schemathesis CLI, installed by scripts/tools.mjs in its own virtualenv under the project cache. */
function ensureSchemathesis(): Promise<string> {
  const script = `
    const { ensureSchemathesis } = await import(${JSON.stringify(path.join(ROOT, 'scripts', 'tools.mjs'))});
    process.stdout.write(await ensureSchemathesis());`;
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      ['--input-type=module', '-e', script],
      { cwd: ROOT, encoding: 'utf8' },
      (error, stdout) => (error ? reject(new Error(error.message)) : resolve(stdout.trim())),
    );
    // The first install takes a minute or two: its progress shows as it goes.
    child.stderr?.pipe(process.stderr);
  });
}

/** One failed check of a run, as its NDJSON events record it. */
interface Failure {
  operation: string;
  code: string;
  title: string;
  message: string;
  status?: number;
  request?: string;
}

interface Run {
  exitCode: number | null;
  summary: { test_cases: { generated: number }; failures: unknown[]; operations: { tested: number } };
  failures: Failure[];
  output: string;
}

/** Every failed check of the run's NDJSON event stream, with the request and answer that failed it. */
function failuresOf(ndjson: string): Failure[] {
  const failures: Failure[] = [];
  for (const line of ndjson.split('\n')) {
    if (!line.trim()) continue;
    const event = JSON.parse(line) as {
      ScenarioFinished?: {
        recorder: {
          checks: Record<string, Array<{ status: string; failure_info?: { failure: Failure } }>>;
          interactions: Record<
            string,
            { request?: { method: string; uri: string }; response?: { status_code: number } } | undefined
          >;
        };
      };
    };
    const recorder = event.ScenarioFinished?.recorder;
    if (!recorder) continue;
    for (const [id, checks] of Object.entries(recorder.checks ?? {})) {
      for (const check of checks) {
        if (check.status !== 'failure' || !check.failure_info) continue;
        const interaction = recorder.interactions?.[id];
        failures.push({
          ...check.failure_info.failure,
          status: interaction?.response?.status_code,
          request: interaction?.request
            ? `${interaction.request.method} ${interaction.request.uri}`
            : undefined,
        });
      }
    }
  }
  return failures;
}

/** Runs schemathesis with every check against the live API and reads its JSON and NDJSON reports. */
async function schemathesis(
  st: string,
  url: string,
  token: string | undefined,
  maxExamples: number,
): Promise<Run> {
  const reports = fs.mkdtempSync(path.join(os.tmpdir(), 'eco-grid-schemathesis-'));
  const args = [
    '--config-file',
    CONFIG,
    'run',
    `${url}/api/openapi.json`,
    '--checks',
    'all',
    '--max-examples',
    String(maxExamples),
    '--workers',
    '2',
    '--no-shrink',
    // Stateful sequences would multiply the run's time; every operation still gets its examples, coverage and fuzzing.
    '--phases',
    'examples,coverage,fuzzing',
    '--seed',
    '20261205',
    '--report',
    'json,ndjson',
    '--report-dir',
    reports,
    ...(token
      ? ['--header', `Authorization: Bearer ${token}`]
      : [
          '--include-tag',
          'open311',
          '--include-tag',
          'public',
          '--include-tag',
          'health',
          '--include-tag',
          'process-definitions',
        ]),
  ];
  const output = await new Promise<{ code: number | null; text: string }>((resolve, reject) => {
    const child = spawn(st, args, {
      cwd: reports,
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, text }));
  });
  const files = fs.readdirSync(reports);
  const json = files.find((file) => file.endsWith('.json'));
  const ndjson = files.find((file) => file.endsWith('.ndjson'));
  if (!json || !ndjson) throw new Error(`schemathesis wrote no report:\n${output.text.slice(-4000)}`);
  const run: Run = {
    exitCode: output.code,
    summary: JSON.parse(fs.readFileSync(path.join(reports, json), 'utf8')) as Run['summary'],
    failures: failuresOf(fs.readFileSync(path.join(reports, ndjson), 'utf8')),
    output: output.text,
  };
  fs.rmSync(reports, { recursive: true, force: true });
  return run;
}

function describeFailures(failures: Failure[]): string {
  return failures
    .map(
      (f) =>
        `${f.code} ${f.operation} (${f.title}) ${f.request ?? ''} → ${f.status ?? '?'}\n  ${f.message.split('\n').join('\n  ')}`,
    )
    .join('\n');
}

/**
 * The OpenAPI document is the contract: schemathesis (all checks: server errors, status codes, content types,
 * response schemas and headers, positive and negative data, methods, auth) against the real API, worker, Temporal
 * and PostgreSQL, once with a bearer token of 县环委办 and once anonymous on the public routes.
 */
describe('the OpenAPI document under schemathesis', () => {
  let h: Harness;
  let url: string;
  let st: string;

  beforeAll(async () => {
    st = await ensureSchemathesis();
    // It writes random data as 县环委办 (units, catalog, grids): a database of its own keeps the demo intact.
    const databaseUrl = await ownDatabase('eco_grid_schemathesis', 900_001);
    h = await startHarness('it-schemathesis', { DATABASE_URL: databaseUrl });
    await h.app.listen(0, '127.0.0.1');
    const { port } = h.app.getHttpServer().address() as AddressInfo;
    url = `http://127.0.0.1:${port}`;
  }, 600_000);
  afterAll(async () => {
    await h?.stop();
  });

  it('H3: a member of 县环委办 with a bearer token meets no failure of any check on any operation', async () => {
    const token = tokenFor({
      id: 'st-eco',
      name: '县环委办（接口测试）',
      unitCode: 'ECO',
      roles: ['office_staff'],
    });
    const run = await schemathesis(st, url, token, 3);
    if (run.failures.length > 0)
      process.stderr.write(`schemathesis failures:\n${describeFailures(run.failures)}\n`);
    expect(run.summary.operations.tested).toBeGreaterThan(90);
    expect(run.summary.test_cases.generated).toBeGreaterThan(500);
    expect(describeFailures(run.failures)).toBe('');
    expect(run.exitCode).toBe(0);
  }, 420_000);

  it('H3: an anonymous client of the public routes and Open311 meets no failure either', async () => {
    const run = await schemathesis(st, url, undefined, 5);
    if (run.failures.length > 0)
      process.stderr.write(`schemathesis failures:\n${describeFailures(run.failures)}\n`);
    expect(run.summary.operations.tested).toBeGreaterThanOrEqual(5);
    expect(describeFailures(run.failures)).toBe('');
    expect(run.exitCode).toBe(0);
  }, 300_000);
});
