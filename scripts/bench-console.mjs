#!/usr/bin/env node
// `npm run bench:console`: the web console's bundle (raw and gzip, per chunk; what the login screen loads) and its
// first load on a throttled phone (Fast 3G and 4× CPU slowdown through the Chrome DevTools Protocol): time to first
// contentful paint and until the login form takes input. The built console is served by a small static server with
// the API's caching rules; the API itself is not needed (its /api answers 404, as to a visitor not signed in).
//   npm run bench:console [-- --runs 3]
// `performance` below is the page's: those callbacks run in the browser.
/* global performance */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath, URL } from 'node:url';
import { buildConsole, CONSOLE_DIST } from './build-console.mjs';
import { CHROMIUM_PATH, ensureChromium } from './tools.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 3;

// Lighthouse's "Fast 3G": 562.5 ms round trip, 1.47 Mbit/s down, 675 kbit/s up.
const FAST_3G = { offline: false, latency: 562.5, downloadThroughput: 184_320, uploadThroughput: 84_375 };
const CPU_SLOWDOWN = 4;

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;

function chunks() {
  const assets = path.join(CONSOLE_DIST, 'assets');
  const rows = fs.readdirSync(assets).map((name) => {
    const data = fs.readFileSync(path.join(assets, name));
    return { name, raw: data.length, gzip: zlib.gzipSync(data, { level: 9 }).length };
  });
  return rows.sort((a, b) => b.raw - a.raw);
}

/** What index.html makes the browser fetch before any route's own chunk: the login screen's cost. */
function initialAssets() {
  const html = fs.readFileSync(path.join(CONSOLE_DIST, 'index.html'), 'utf8');
  return [...html.matchAll(/(?:src|href)="\/assets\/([^"]+)"/g)].map((m) => m[1]);
}

const TYPES = {
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
};

function serve() {
  const server = http.createServer((request, response) => {
    const url = new URL(request.url, 'http://localhost');
    if (url.pathname.startsWith('/api/')) {
      response.writeHead(404, { 'content-type': 'application/problem+json' });
      response.end(JSON.stringify({ status: 404, title: 'Not Found', code: 'not-found' }));
      return;
    }
    let file = path.join(CONSOLE_DIST, path.normalize(url.pathname));
    if (!file.startsWith(CONSOLE_DIST) || !fs.existsSync(file) || fs.statSync(file).isDirectory())
      file = path.join(CONSOLE_DIST, 'index.html');
    const body = fs.readFileSync(file);
    const gzip = /\bgzip\b/.test(request.headers['accept-encoding'] ?? '');
    response.writeHead(200, {
      'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'cache-control': url.pathname.startsWith('/assets/')
        ? 'public, max-age=31536000, immutable'
        : 'no-cache',
      ...(gzip ? { 'content-encoding': 'gzip' } : {}),
    });
    response.end(gzip ? zlib.gzipSync(body) : body);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function firstLoad(base, chromium) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'eco-grid-bench-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 3,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', FAST_3G);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    await page.goto(`${base}/login`, { waitUntil: 'commit', timeout: 120_000 });
    // Interactive: the account field is on screen, enabled, and takes what is typed.
    await page.getByLabel('账号').waitFor({ state: 'visible', timeout: 120_000 });
    await page.getByLabel('账号').fill('13800000000');
    const interactive = await page.evaluate(() => performance.now());
    const fcp = await page.evaluate(
      () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN,
    );
    const transferred = await page.evaluate(() =>
      performance.getEntriesByType('resource').reduce((sum, e) => sum + (e.transferSize || 0), 0),
    );
    return { fcp, interactive, transferred };
  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

buildConsole();
const rows = chunks();
const initial = new Set(initialAssets());
process.stdout.write(`\nWeb console bundle (${path.relative(root, CONSOLE_DIST)}/assets)\n`);
process.stdout.write(`${'chunk'.padEnd(44)} ${'raw'.padStart(10)} ${'gzip'.padStart(10)}  login screen\n`);
for (const row of rows)
  process.stdout.write(
    `${row.name.padEnd(44)} ${kb(row.raw).padStart(10)} ${kb(row.gzip).padStart(10)}  ${initial.has(row.name) ? 'yes' : ''}\n`,
  );
const sum = (list, key) => list.reduce((total, row) => total + row[key], 0);
const first = rows.filter((row) => initial.has(row.name));
process.stdout.write(
  `${'all chunks'.padEnd(44)} ${kb(sum(rows, 'raw')).padStart(10)} ${kb(sum(rows, 'gzip')).padStart(10)}\n`,
);
process.stdout.write(
  `${'loaded by the login screen'.padEnd(44)} ${kb(sum(first, 'raw')).padStart(10)} ${kb(sum(first, 'gzip')).padStart(10)}\n`,
);

if (!(await ensureChromium())) process.exit(1);
const { chromium } = await import('playwright-core');
const server = await serve();
const base = `http://127.0.0.1:${server.address().port}`;
const results = [];
try {
  for (let run = 1; run <= RUNS; run++) {
    const result = await firstLoad(base, chromium);
    results.push(result);
    process.stdout.write(
      `run ${run}: first contentful paint ${(result.fcp / 1000).toFixed(2)} s, login form interactive ${(result.interactive / 1000).toFixed(2)} s, ${kb(result.transferred)} transferred\n`,
    );
  }
} finally {
  server.close();
}
process.stdout.write(
  `\nFirst load on a phone (390×844, Fast 3G: 562.5 ms RTT, 1.47 Mbit/s; CPU ${CPU_SLOWDOWN}× slower), median of ${RUNS}:\n` +
    `  first contentful paint   ${(median(results.map((r) => r.fcp)) / 1000).toFixed(2)} s\n` +
    `  login form interactive   ${(median(results.map((r) => r.interactive)) / 1000).toFixed(2)} s\n`,
);
