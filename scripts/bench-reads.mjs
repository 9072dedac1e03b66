#!/usr/bin/env node
// Benchmark of the reads (issue #15, rules Q1–Q3): starts the whole local system on a database of its own (the
// launcher of `npm start`: embedded PostgreSQL, Temporal dev server, worker, API), reports a few real issues
// through the API, seeds issues and their ledger events in bulk with SQL (generate_series; 10 events and 3 ledger
// lines an issue), then times through HTTP: GET detail of open issues (workflow query) and archived ones (read
// model), the list's first page (county-wide and one unit's scope), a deep keyset page, an offset page as deep,
// filters and text search; and prints EXPLAIN of each list query with the indexes it used. Prints figures; asserts
// nothing. `npm run bench:reads -- [--events 10000] [--requests 200] [--keep]` builds first.
import { Buffer } from 'node:buffer';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
if (!fs.existsSync(path.join(dist, 'deploy', 'local', 'launch.js'))) {
  console.error('dist/ is missing: run `npm run build` (or `npm run setup`) first');
  process.exit(1);
}
const require = createRequire(import.meta.url);
const { Client } = require('pg');
const { freePort } = require(path.join(dist, 'deploy', 'local', 'ports.js'));
const { signToken } = require(path.join(dist, 'api', 'auth', 'token-signing.js'));
const { actionPath } = require(path.join(dist, 'api', 'issues', 'issue-actions.js'));
const { IssueRepository } = require(path.join(dist, 'persistence', 'repositories', 'issue.repository.js'));

const { values: args } = parseArgs({
  options: {
    events: { type: 'string', default: '10000' },
    requests: { type: 'string', default: '200' },
    keep: { type: 'boolean', default: false },
  },
});
const EVENTS = Number(args.events);
const REQUESTS = Number(args.requests);
const EVENTS_PER_ISSUE = 10;
const ISSUES = Math.max(1, Math.round(EVENTS / EVENTS_PER_ISSUE));
const say = (line) => console.log(`[bench:reads] ${line}`);

// --- the system, on a data folder and ports of its own ---------------------------------------------------------
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'eco-grid-bench-reads-'));
fs.chmodSync(dataDir, 0o755);
const taken = new Set();
const ports = {};
for (const name of ['PORT', 'TEMPORAL_PORT', 'TEMPORAL_UI_PORT', 'EMBEDDED_PG_PORT']) {
  ports[name] = await freePort(taken);
  taken.add(ports[name]);
}
const JWT_SECRET = 'bench-reads-secret-0123456789abcdef0123456789abcdef';
const api = `http://127.0.0.1:${ports.PORT}`;
const databaseUrl = `postgres://postgres:postgres@127.0.0.1:${ports.EMBEDDED_PG_PORT}/eco_grid`;
const logFile = path.join(dataDir, 'launcher.log');
say(`starting the system in ${dataDir} (API on ${ports.PORT})`);
const launcher = spawn(process.execPath, [path.join(dist, 'deploy', 'local', 'launch.js')], {
  env: {
    ...process.env,
    ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])),
    DATA_DIR: dataDir,
    JWT_SECRET,
    LOG_LEVEL: 'warn',
    RATE_LIMIT_PER_MINUTE: '10000000',
    RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '10000000',
  },
  stdio: ['ignore', fs.openSync(logFile, 'a'), fs.openSync(logFile, 'a')],
  detached: true,
});
let stopped = false;
const stop = async () => {
  if (stopped) return;
  stopped = true;
  if (args.keep) return say(`left running (launcher pid ${launcher.pid}); data in ${dataDir}`);
  launcher.kill('SIGTERM');
  await new Promise((resolve) => launcher.once('exit', resolve));
  fs.rmSync(dataDir, { recursive: true, force: true });
};
process.on('SIGINT', () => void stop().then(() => process.exit(130)));

const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
function call(method, url, token, body) {
  return new Promise((resolve, reject) => {
    const data = body ? Buffer.from(JSON.stringify(body)) : undefined;
    const req = http.request(
      `${api}${url}`,
      {
        method,
        agent,
        headers: {
          authorization: `Bearer ${token}`,
          ...(data ? { 'content-type': 'application/json', 'content-length': data.length } : {}),
        },
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode, body: text ? JSON.parse(text) : null });
        });
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}
async function waitReady() {
  const until = Date.now() + 600_000;
  while (Date.now() < until) {
    if (launcher.exitCode !== null) throw new Error(`the launcher exited; see ${logFile}`);
    try {
      const status = await new Promise((resolve, reject) =>
        http.get(`${api}/health/ready`, (res) => resolve(res.resume().statusCode)).on('error', reject),
      );
      if (status === 200) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error(`the system did not get ready; see ${logFile}`);
}

const token = (id, unitCode, roles) => signToken({ id, name: id, unitCode, roles }, { secret: JWT_SECRET });
const eco = token('demo-eco-head', 'ECO', ['office_staff', 'sector_head']);
const ule = token('demo-ule-head', 'ULE', ['sector_head']);
const uleLeader = token('demo-ule-leader', 'ULE', ['grid_member', 'direct_leader']);
const township = token('demo-t-guzhou-head', 'T-GUZHOU', ['grid_head']);

const REPORT = {
  title: '河道旁堆放生活垃圾（基准）',
  description: '村口河道左岸约50米处堆放生活垃圾',
  category: 'domestic_waste',
  severity: 'general',
  source: 'resident_visit',
  township: 'T-GUZHOU',
};
async function ok(method, url, who, body, status = 200) {
  const res = await call(method, url, who, body);
  if (res.status !== status) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

// --- timing ----------------------------------------------------------------------------------------------------
const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const results = [];
async function time(name, urls, who) {
  for (let i = 0; i < Math.min(10, REQUESTS); i++) await ok('GET', urls(i), who); // warm-up
  const ms = [];
  for (let i = 0; i < REQUESTS; i++) {
    const started = process.hrtime.bigint();
    await ok('GET', urls(i), who);
    ms.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  ms.sort((a, b) => a - b);
  const row = { name, p50: pct(ms, 50), p99: pct(ms, 99), max: ms[ms.length - 1] };
  results.push(row);
  say(`${name.padEnd(44)} p50 ${row.p50.toFixed(1)} ms   p99 ${row.p99.toFixed(1)} ms`);
}

try {
  await waitReady();
  say('system ready; reporting real issues through the API');
  const open = [];
  for (let i = 0; i < 20; i++) open.push((await ok('POST', '/api/v1/issues', ule, REPORT, 201)).code);
  // One real issue through to its archive: immediate fix, confirmation, both sign-offs.
  const closedCode = (await ok('POST', '/api/v1/issues', ule, REPORT, 201)).code;
  const act = (who, action, body) =>
    ok('POST', `/api/v1/issues/${closedCode}/${actionPath(action)}`, who, body);
  await act(ule, 'recordImmediateFix', { description: '现场清运', evidence: ['fix.jpg'] });
  await act(uleLeader, 'confirmFix', { opinion: '经现场核实，整改到位' });
  await act(township, 'signOff', { opinion: '同意销号' });
  const archived = await act(ule, 'signOff', { opinion: '同意销号' });
  if (archived.status !== 'archived') throw new Error(`expected archived, got ${archived.status}`);

  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  // The launcher stops PostgreSQL at the end; that is no error of the benchmark.
  db.on('error', () => undefined);
  const { rows: units } = await db.query(`SELECT code FROM units WHERE code <> 'ECO' ORDER BY code`);
  const { rows: townships } = await db.query(
    `SELECT code FROM units WHERE code LIKE 'T-%' OR code = 'PARK' ORDER BY code`,
  );
  const { rows: categories } = await db.query(`SELECT code, owner_unit_code FROM responsibility_categories`);
  say(
    `seeding ${ISSUES.toLocaleString()} issues, ${(ISSUES * EVENTS_PER_ISSUE).toLocaleString()} ledger events ` +
      `and ${(ISSUES * 3).toLocaleString()} ledger lines with SQL`,
  );
  const seedStarted = Date.now();
  // The ledger lines carry the units on the rows themselves here; the trigger does it one line at a time.
  await db.query(`ALTER TABLE ledger_entries DISABLE TRIGGER ledger_entries_issue_units`);
  await db.query(
    `INSERT INTO issues (code, workflow_id, title, description, category, severity, source, township, village, lat, lng,
       finder_unit, reported_by, sector_owner, territorial_owner, status, definition_version, deadline, overdue,
       escalation_level, reported_at, last_event_seq, updated_at, owner, county_supervision, accountability_flagged,
       awaiting, state, ledger_units)
     SELECT s.code, 'issue-' || s.code, s.title, s.title || '，影响周边群众生活。', s.category, s.severity, 'resident_visit',
       s.township, NULL, 25.9 + (g % 1000) / 10000.0, 108.5 + (g % 700) / 10000.0, s.finder, '基准', s.sector, s.township,
       s.status, '3', s.deadline, s.deadline < now() AND s.status <> 'archived', CASE WHEN g % 23 = 0 THEN 1 ELSE 0 END,
       s.reported_at, ${EVENTS_PER_ISSUE}, s.reported_at, CASE WHEN s.status = 'reported' THEN NULL ELSE s.sector END,
       g % 97 = 0, g % 89 = 0, CASE WHEN s.status = 'archived' THEN '{}'::text[] ELSE ARRAY[s.sector] END,
       jsonb_set(jsonb_set($1::jsonb, '{code}', to_jsonb(s.code)), '{status}', to_jsonb(s.status)),
       ARRAY(SELECT DISTINCT u FROM unnest(ARRAY[s.finder, s.sector, s.township]) u)
     FROM generate_series(1, $2::int) g
     CROSS JOIN LATERAL (SELECT
       (2030 + g / 900000) || '-' || lpad((g % 900000 + 1)::text, 6, '0') AS code,
       ($3::text[])[1 + g % cardinality($3::text[])] || (g % 40) || '村' ||
         (ARRAY['河道旁堆放生活垃圾','建筑工地扬尘','畜禽养殖粪污直排','河道非法采砂','秸秆露天焚烧','餐饮油烟扰民',
                '工业废水偷排','农村黑臭水体'])[1 + g % 8] || '（第' || g || '处）' AS title,
       ($4::text[])[1 + g % cardinality($4::text[])] AS category,
       ($5::text[])[1 + g % cardinality($5::text[])] AS sector,
       ($6::text[])[1 + (g / 7) % cardinality($6::text[])] AS finder,
       ($3::text[])[1 + g % cardinality($3::text[])] AS township,
       CASE WHEN g % 17 = 0 THEN 'major' ELSE 'general' END AS severity,
       CASE WHEN g % 10 < 3 THEN 'archived'
            ELSE (ARRAY['reported','transferred','accepted','rectifying','awaiting_acceptance','awaiting_signoff',
                        'fix_confirmation'])[1 + g % 7] END AS status,
       now() - (g || ' minutes')::interval AS reported_at,
       CASE WHEN g % 10 < 3 THEN NULL ELSE now() + ((g % 60) - 20 || ' days')::interval END AS deadline
     ) s`,
    [
      JSON.stringify(archived),
      ISSUES,
      townships.map((t) => t.code),
      categories.map((c) => c.code),
      categories.map((c) => c.owner_unit_code),
      units.map((u) => u.code),
    ],
  );
  await db.query(
    `INSERT INTO ledger_entries (issue_code, unit_code, role, opened_at, opened_by_event)
     SELECT i.code, r.unit, r.role, i.reported_at, i.workflow_id || '#1'
     FROM issues i CROSS JOIN LATERAL (VALUES (i.finder_unit, 'finder'), (i.sector_owner, 'sector_owner'),
       (i.territorial_owner, 'territorial_owner')) r(unit, role)
     WHERE i.reported_by = '基准'
     ON CONFLICT DO NOTHING`,
  );
  await db.query(`ALTER TABLE ledger_entries ENABLE TRIGGER ledger_entries_issue_units`);
  await db.query(
    `INSERT INTO issue_events (id, issue_code, seq, type, actor, actor_unit, at, payload)
     SELECT i.workflow_id || '#' || s, i.code, s,
       (ARRAY['reported','transferred','owner_accepted','plan_submitted','progress_reported','closure_applied',
              'rectification_accepted','signed_off','signed_off','archived'])[s],
       '基准', i.finder_unit, i.reported_at + (s || ' hours')::interval, jsonb_build_object('note', '基准事件' || s)
     FROM issues i CROSS JOIN generate_series(1, ${EVENTS_PER_ISSUE}) s
     WHERE i.reported_by = '基准'`,
  );
  await db.query('ANALYZE');
  const { rows: counts } = await db.query(
    `SELECT (SELECT count(*) FROM issues)::int AS issues, (SELECT count(*) FROM issue_events)::int AS events,
       (SELECT count(*) FROM ledger_entries)::int AS lines, pg_size_pretty(pg_database_size(current_database())) AS size`,
  );
  say(
    `seeded in ${((Date.now() - seedStarted) / 1000).toFixed(1)} s: ${counts[0].issues} issues, ` +
      `${counts[0].events} ledger events, ${counts[0].lines} ledger lines, database ${counts[0].size}`,
  );
  const { rows: archivedRows } = await db.query(
    `SELECT code FROM issues WHERE status = 'archived' AND reported_by = '基准' ORDER BY random() LIMIT 500`,
  );

  // EXPLAIN of the list queries as the repository writes them: the SQL is captured, then explained.
  const explain = async (name, filter, sort, window) => {
    const captured = [];
    const fake = {
      query: async (sql, params) => {
        if (sql.startsWith('SET LOCAL')) return [];
        captured.push({ sql, params });
        return sql.includes('count(*)') ? [{ total: 0 }] : [];
      },
      transaction: (work) => work(fake),
    };
    const capture = new IssueRepository(fake);
    await capture.list(filter, sort, window);
    // The count when one was asked for, else the page's query.
    const { sql, params } = window.count ? captured[0] : captured[captured.length - 1];
    const { rows } = await db.query(`EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) ${sql}`, params);
    const plan = rows.map((r) => r['QUERY PLAN']);
    const indexes = [...new Set(plan.join('\n').match(/issues_[a-z_]+idx|issues_pkey/g) ?? [])];
    const seq = plan.some((line) => /Seq Scan on issues/.test(line));
    const total = plan.find((line) => line.startsWith('Execution Time')) ?? '';
    say(`EXPLAIN ${name.padEnd(34)} ${seq ? 'SEQ SCAN' : 'index'} ${indexes.join(', ')}  ${total}`);
  };
  const page = { page: 1, pageSize: 20, count: false };
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  const [firstRow] = (
    await db.query(
      `SELECT reported_at::text AS v, code FROM issues ORDER BY reported_at DESC, code DESC OFFSET ${Math.min(2000, Math.floor(ISSUES / 2))} LIMIT 1`,
    )
  ).rows;
  const after = firstRow ? { ...page, after: { value: firstRow.v, code: firstRow.code } } : page;
  await explain('first page, county-wide', {}, '-reportedAt', page);
  await explain('keyset page, county-wide', {}, '-reportedAt', after);
  await explain('first page, deadline', {}, 'deadline', page);
  await explain('first page, -deadline', {}, '-deadline', page);
  await explain('first page, unit scope (ULE)', { scopeUnit: 'ULE' }, '-reportedAt', page);
  await explain('keyset page, unit scope (ULE)', { scopeUnit: 'ULE' }, '-reportedAt', after);
  await explain('to-do list (actionableBy ULE)', { actionableByUnit: 'ULE' }, 'deadline', page);
  await explain('status=rectifying', { status: 'rectifying' }, '-reportedAt', page);
  await explain('unit=WRB (any role)', { unit: 'WRB' }, '-reportedAt', page);
  await explain('overdue', { overdue: true }, '-reportedAt', page);
  await explain('county supervision', { countySupervision: true }, '-reportedAt', page);
  await explain('reported in one day', { reportedFrom: today, reportedTo: today }, '-reportedAt', page);
  await explain('text 采砂 (2 characters)', { text: '采砂' }, '-reportedAt', page);
  await explain('text 非法采砂（第1 (common)', { text: '非法采砂（第1' }, '-reportedAt', page);
  await explain('text （第7777处） (one row)', { text: '（第7777处）' }, '-reportedAt', page);
  await explain('count(*) of the first page, county-wide', {}, '-reportedAt', { ...page, count: true });
  await explain('count(*) of the first page, ULE scope', { scopeUnit: 'ULE' }, '-reportedAt', {
    ...page,
    count: true,
  });

  say(`timing ${REQUESTS} requests each, one at a time, through HTTP`);
  await time(
    'GET detail, open issue (workflow query)',
    (i) => `/api/v1/issues/${open[i % open.length]}`,
    eco,
  );
  await time('GET detail, archived (real, read model)', () => `/api/v1/issues/${closedCode}`, eco);
  await time(
    'GET detail, archived (seeded, read model)',
    (i) => `/api/v1/issues/${archivedRows[i % archivedRows.length].code}`,
    eco,
  );
  await time('list first page, county-wide (counts)', () => '/api/v1/issues?pageSize=20', eco);
  await time('list first page, ULE scope (counts)', () => '/api/v1/issues?pageSize=20', ule);
  // A cursor deep into the list (100 pages, or half the list when it is shorter), walked to once.
  const depth = Math.max(2, Math.min(100, Math.floor(counts[0].issues / 40)));
  const deep = async (who) => {
    let body = await ok('GET', '/api/v1/issues?pageSize=20', who);
    for (let n = 1; n < depth && body.nextCursor; n++)
      body = await ok('GET', `/api/v1/issues?pageSize=20&cursor=${body.nextCursor}`, who);
    return body.nextCursor;
  };
  const deepCounty = await deep(eco);
  const deepUle = await deep(ule);
  if (deepCounty)
    await time(
      `list keyset page ${depth + 1}, county-wide`,
      () => `/api/v1/issues?pageSize=20&cursor=${deepCounty}`,
      eco,
    );
  if (deepUle)
    await time(
      `list keyset page ${depth + 1}, ULE scope`,
      () => `/api/v1/issues?pageSize=20&cursor=${deepUle}`,
      ule,
    );
  await time(
    `list offset page ${depth + 1}, county-wide (counts)`,
    () => `/api/v1/issues?pageSize=20&page=${depth + 1}`,
    eco,
  );
  await time(
    'list to-do (actionableBy=me, deadline)',
    () => '/api/v1/issues?actionableBy=me&sort=deadline',
    ule,
  );
  await time('list status=rectifying', () => '/api/v1/issues?status=rectifying', eco);
  await time('search text=采砂', () => `/api/v1/issues?text=${encodeURIComponent('采砂')}`, eco);
  await time(
    'search text=非法采砂（第1',
    () => `/api/v1/issues?text=${encodeURIComponent('非法采砂（第1')}`,
    eco,
  );
  await time(
    'search text=（第7777处） (one row)',
    () => `/api/v1/issues?text=${encodeURIComponent('（第7777处）')}`,
    eco,
  );
  await time('search text=采砂, ULE scope', () => `/api/v1/issues?text=${encodeURIComponent('采砂')}`, ule);
  await db.end();

  const cpus = os.cpus().length;
  const load = os.loadavg()[0].toFixed(1);
  console.log(
    `\n| read (${counts[0].issues.toLocaleString()} issues, ${counts[0].events.toLocaleString()} ledger events) | p50 ms | p99 ms |`,
  );
  console.log('| --- | ---: | ---: |');
  for (const r of results) console.log(`| ${r.name} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} |`);
  console.log(
    `\n${new Date().toISOString().slice(0, 10)}, ${REQUESTS} sequential requests each, ${cpus} cores, load ${load} ` +
      '(the machine was shared with other work).',
  );
} catch (error) {
  console.error(error);
  console.error(`launcher log: ${logFile}`);
  process.exitCode = 1;
} finally {
  agent.destroy();
  await stop();
}
