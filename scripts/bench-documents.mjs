#!/usr/bin/env node
// Benchmark: how long a printable document takes to render, and how much memory it needs, for a county-sized
// ledger (default 3,000 lines) built by the same code as `GET /api/v1/ledgers/:unit/export`; then how long a
// health check waits while that ledger renders, drawn on the event loop (DOCUMENT_RENDER_THREADS=0) and on the
// render threads (1). Prints figures; asserts nothing. `npm run bench:documents -- [lines]` builds first.
import http from 'node:http';
import { createRequire } from 'node:module';
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const compiled = path.join(root, 'dist', 'documents', 'draw.js');
if (!existsSync(compiled)) {
  console.error('dist/ is missing: run `npm run build` (or `npm run setup`) first');
  process.exit(1);
}
const require = createRequire(import.meta.url);
// Time and memory of the drawing itself, on this thread (the render threads run the same code).
const { renderPdf, renderXlsx } = require(compiled);
const rendering = require(path.join(root, 'dist', 'documents', 'render.js'));
const { ledgerDocument } = require(path.join(root, 'dist', 'api', 'ledgers', 'ledger-export.js'));

// The ledger as the API prints it (same builder), filled with plausible lines.
const rows = Number(process.argv[2] ?? 3000);
const statuses = ['rectifying', 'archived', 'awaiting_acceptance', 'transferred', 'accepted'];
const categories = [
  ['rural_black_odorous_water', '农村黑臭水体'],
  ['construction_dust', '建筑工地扬尘'],
  ['river_sand_mining', '河道采砂'],
  ['livestock_manure', '畜禽养殖粪污'],
];
const lines = Array.from({ length: rows }, (_, i) => {
  const [category, categoryName] = categories[i % categories.length];
  return {
    issueCode: `2027-${String(i + 1).padStart(6, '0')}`,
    title: `古州镇${i % 40}村河道沿岸生活垃圾堆放，雨季冲入河道影响水质（第${i + 1}处）`,
    category,
    categoryName,
    severity: i % 17 === 0 ? 'major' : 'general',
    township: 'T-GUZHOU',
    townshipName: '古州镇',
    finderUnit: 'WRB',
    finderUnitName: '县水务局',
    sectorOwner: 'WRB',
    sectorOwnerName: '县水务局',
    territorialOwner: 'T-GUZHOU',
    territorialOwnerName: '古州镇',
    roles: ['finder', 'sector'],
    status: statuses[i % statuses.length],
    deadline: '2027-03-15T15:59:59.999Z',
    overdue: i % 9 === 0,
    escalationLevel: i % 9 === 0 ? 1 : 0,
    countySupervision: false,
    reportedAt: '2027-02-01T01:00:00.000Z',
    openedAt: '2027-02-01T01:00:00.000Z',
    closedAt: i % 5 === 1 ? '2027-02-20T08:00:00.000Z' : null,
    responsibleParty:
      i % 3 === 0
        ? { kind: 'organisation', name: '榕江县某某养殖场', creditCode: '91350100M000100Y43' }
        : null,
  };
});
const doc = ledgerDocument('县水务局', new Date('2027-03-01T01:00:00Z'), lines);

const mib = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
async function measure(name, render) {
  globalThis.gc?.();
  const before = process.memoryUsage();
  let peakRss = before.rss;
  const timer = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
  const started = process.hrtime.bigint();
  const out = await render(doc, { createdAt: new Date('2027-03-01T01:00:00Z') });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  clearInterval(timer);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  console.log(
    `${name.padEnd(5)} ${rows} rows: ${ms.toFixed(0)} ms, ${mib(out.length)} file, ` +
      `peak RSS ${mib(peakRss)} (+${mib(peakRss - before.rss)})`,
  );
}

console.log(`node ${process.version}; rendering a ledger of ${rows} rows`);
await measure('pdf', renderPdf); // the first PDF also loads the font
await measure('pdf', renderPdf);
await measure('xlsx', renderXlsx);

// ── /health/live while the ledger renders ──────────────────────────────────────────────────────────────────────
// A server on this thread answers like the API's GET /health/live (the process that renders is the one that
// answers); a client on a thread of its own asks every 10 ms and times each answer.
const server = http.createServer((request, response) => {
  response.writeHead(200, { 'content-type': 'application/json' });
  response.end('{"status":"ok"}');
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${server.address().port}/health/live`;
const PROBE = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const times = [];
let running = true;
parentPort.on('message', () => (running = false));
const ask = () => new Promise((resolve, reject) => {
  const started = process.hrtime.bigint();
  http.get(workerData.url, { agent }, (response) => {
    response.resume();
    response.on('end', () => resolve(Number(process.hrtime.bigint() - started) / 1e6));
  }).on('error', reject);
});
(async () => {
  while (running) {
    times.push(await ask());
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  agent.destroy();
  parentPort.postMessage(times);
})();
`;

async function probeWhile(work) {
  const probe = new Worker(PROBE, { eval: true, workerData: { url } });
  await new Promise((resolve) => setTimeout(resolve, 200));
  const started = process.hrtime.bigint();
  await work();
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const times = new Promise((resolve) => probe.once('message', resolve));
  probe.postMessage('stop');
  const sorted = (await times).sort((a, b) => a - b);
  await probe.terminate();
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { ms, n: sorted.length, p50: at(0.5), p99: at(0.99), max: sorted[sorted.length - 1] };
}

const report = (label, r) =>
  console.log(
    `${label.padEnd(34)} render ${r.ms.toFixed(0).padStart(5)} ms; /health/live n=${r.n} ` +
      `p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, max ${r.max.toFixed(1)} ms`,
  );

console.log(
  `\n/health/live while a ${rows}-line ledger renders (load average ${os.loadavg()[0].toFixed(1)}):`,
);
report('idle (nothing renders)', await probeWhile(() => new Promise((resolve) => setTimeout(resolve, 1000))));
for (const threads of [0, 1]) {
  rendering.configureDocumentRendering({ threads });
  const label = threads === 0 ? 'inline (DOCUMENT_RENDER_THREADS=0)' : 'thread (DOCUMENT_RENDER_THREADS=1)';
  // The first render of each mode loads the font; it is not counted.
  await rendering.renderPdf(doc);
  report(`pdf  ${label}`, await probeWhile(() => rendering.renderPdf(doc)));
  report(`xlsx ${label}`, await probeWhile(() => rendering.renderXlsx(doc)));
}
await rendering.closeDocumentRendering();
server.close();
