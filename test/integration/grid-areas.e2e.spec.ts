import ExcelJS from 'exceljs';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { NativeConnection, type Worker } from '@temporalio/worker';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { createApp } from '../../api/app.factory';
import { generateSealKey } from '../../documents/seal/seal-keys';
import { loadConfiguration } from '../../config/configuration';
import type { IssueState } from '../../domain/issue/issue.types';
import type { MemberRole } from '../../domain/organisation/roles';
import { openDataSource } from '../../persistence/data-source';
import { createWorker } from '../../worker/worker';
import { eventually } from '../support/harness';
import { enrolBeforeEachRequest } from '../support/roster';
import { actors } from '../support/lifecycle-fixtures';
import { testServers } from '../support/servers';
import { DEFAULT_CALENDAR } from '../../domain/calendar';
import { timerSpreadMs } from '../../domain/issue/lifecycle';
import { createTimeSkippingEnv } from '../support/time-skipping';
import { TEST_JWT_SECRET, bearer } from '../support/tokens';

const TASK_QUEUE = 'it-grid-areas';
/** This file's township, far from the demo county's areas, so no other file's report lands in its grids. */
const TOWN = 'GA-TOWN';
const box = (south: number, west: number, north: number, east: number) => ({
  type: 'Polygon',
  coordinates: [
    [
      [west, south],
      [east, south],
      [east, north],
      [west, north],
      [west, south],
    ],
  ],
});
/** Two neighbouring village grids sharing the 26.55°N line, inside the township's territory. */
const AREAS = {
  town: box(26.5, 109.0, 26.6, 109.1),
  east: box(26.5, 109.0, 26.55, 109.1),
  north: box(26.55, 109.0, 26.6, 109.1),
};
const IN_EAST = { lat: 26.52, lng: 109.05 };

const member = (id: string, name: string, roles: MemberRole[]) => ({ id, name, unitCode: TOWN, roles });
const people = {
  finder: member('ga-finder', '网格员甲', ['grid_member']),
  head: member('ga-head', '网格长乙', ['grid_head']),
};

async function workbook(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const grids = book.addWorksheet('网格');
  [
    ['单位', '网格编号', '网格名称', '类型', '所在村'],
    [TOWN, 'GA-V1', '东村网格', '村级网格', '东村'],
    [TOWN, 'GA-V2', '北村网格', '村级网格', '北村'],
  ].forEach((row) => grids.addRow(row));
  const members = book.addWorksheet('网格员');
  [
    ['编号', '单位', '网格', '姓名', '职务/角色', '是否科级干部'],
    ['ga-head', TOWN, null, '网格长乙', '网格长', '是'],
    ['ga-leader-1', TOWN, 'GA-V1', '东村直接负责人', '直接负责人', '是'],
    ['ga-leader-2', TOWN, 'GA-V2', '北村直接负责人', '直接负责人', '是'],
    ['ga-finder', TOWN, 'GA-V1', '网格员甲', '网格员', '否'],
    ['ga-secretary', 'GA-VIL', 'GA-V1', '东村支部书记', '支部书记', '否'],
  ].forEach((row) => members.addRow(row));
  return Buffer.from(await book.xlsx.writeBuffer());
}

const featureCollection = (features: Array<[Record<string, string>, object]>) =>
  Buffer.from(
    JSON.stringify({
      type: 'FeatureCollection',
      features: features.map(([properties, geometry]) => ({ type: 'Feature', properties, geometry })),
    }),
  );

describe('grid areas (定区域) over HTTP', () => {
  let env: TestWorkflowEnvironment;
  let dataSource: DataSource;
  let nativeConnection: NativeConnection;
  let worker: Worker;
  let running: Promise<void>;
  let app: NestExpressApplication;

  beforeAll(async () => {
    env = await createTimeSkippingEnv();
    const config = loadConfiguration(
      {
        DATABASE_URL: testServers().databaseUrl,
        TEMPORAL_ADDRESS: env.address,
        TEMPORAL_NAMESPACE: env.namespace ?? 'default',
        TEMPORAL_TASK_QUEUE: TASK_QUEUE,
        LOG_LEVEL: 'warn',
        JWT_SECRET: TEST_JWT_SECRET,
        RATE_LIMIT_PER_MINUTE: '100000',
      },
      { requireAuth: true },
    );
    dataSource = await openDataSource(config.DATABASE_URL, { poolSize: 4 });
    await dataSource.query(
      `INSERT INTO units (code, name, kind, parent_code) VALUES ($1, '区域测试镇', 'township', 'COUNTY')
       ON CONFLICT (code) DO NOTHING`,
      [TOWN],
    );
    await dataSource.query(
      `INSERT INTO units (code, name, kind, parent_code) VALUES ('GA-VIL', '东村', 'village', $1)
       ON CONFLICT (code) DO NOTHING`,
      [TOWN],
    );
    nativeConnection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
    worker = await createWorker({
      connection: nativeConnection,
      namespace: config.TEMPORAL_NAMESPACE,
      taskQueue: TASK_QUEUE,
      dataSource,
      sealKey: generateSealKey(),
    });
    running = worker.run();
    app = await createApp(config);
    enrolBeforeEachRequest(app, dataSource);
    await app.init();
  });
  afterAll(async () => {
    await app?.close();
    worker?.shutdown();
    await running;
    await nativeConnection?.close();
    await dataSource?.destroy();
    await env?.teardown();
  });

  const http = () => request(app.getHttpServer());
  const importFiles = (files: Array<[string, Buffer]>) => {
    const call = http().post('/api/v1/organisation/import').set('authorization', bearer(actors.eco));
    for (const [name, buffer] of files) call.attach('files', buffer, name);
    return call;
  };
  const report = (body: Record<string, unknown>) =>
    http()
      .post('/api/v1/issues')
      .set('authorization', bearer(people.finder))
      .send({
        title: '村口河道旁堆放生活垃圾',
        description: '河道左岸约50米处堆放生活垃圾。',
        category: 'domestic_waste',
        severity: 'general',
        source: 'resident_visit',
        ...body,
      });

  async function travelTo(instant: string): Promise<void> {
    const wait = Date.parse(instant) - (await env.currentTimeMs());
    if (wait < 0) throw new Error(`${instant} is in the past of the test server`);
    await env.sleep(wait);
  }

  it('G7: an organisation with grid areas imports from XLSX + GeoJSON; a grid outside its township is refused whole', async () => {
    const outside = await importFiles([
      ['网格化名单.xlsx', await workbook()],
      [
        'areas.geojson',
        featureCollection([
          [{ unit: TOWN }, AREAS.town],
          [{ code: 'GA-V1' }, box(26.45, 109.0, 26.55, 109.1)],
        ]),
      ],
    ]).expect(422);
    expect(outside.body.rows).toEqual([
      expect.objectContaining({
        field: '区域',
        message: expect.stringMatching(/GA-V1.*超出上级“GA-TOWN”/),
      }),
    ]);
    expect(await dataSource.query(`SELECT code FROM grids WHERE code LIKE 'GA-%'`)).toEqual([]);

    const imported = await importFiles([
      ['网格化名单.xlsx', await workbook()],
      [
        'areas.geojson',
        featureCollection([
          [{ unit: TOWN }, AREAS.town],
          [{ code: 'GA-V1' }, AREAS.east],
          [{ 网格编号: 'GA-V2' }, AREAS.north],
        ]),
      ],
    ]).expect(200);
    expect(imported.body).toMatchObject({ grids: { inserted: 2 }, members: { inserted: 5 } });
    expect(imported.body.areas).toEqual({ grids: 2, units: 1 });
  });

  it('G7: a grid’s area is read and set with ETag and If-Match, and checked before it is stored', async () => {
    const read = await http()
      .get('/api/v1/grids/GA-V2/boundary')
      .set('authorization', bearer(actors.eco))
      .expect(200);
    expect(read.body.boundary).toEqual(AREAS.north);
    const etag = read.headers.etag;
    const put = (body: object, ifMatch?: string) => {
      const call = http().put('/api/v1/grids/GA-V2/boundary').set('authorization', bearer(actors.eco));
      return (ifMatch ? call.set('if-match', ifMatch) : call).send(body);
    };
    await put(AREAS.north).expect(428);
    const bowTie = {
      type: 'Polygon',
      coordinates: [
        [
          [109.0, 26.55],
          [109.1, 26.6],
          [109.1, 26.55],
          [109.0, 26.6],
          [109.0, 26.55],
        ],
      ],
    };
    const crossed = await put(bowTie, etag).expect(422);
    expect(crossed.body.errors).toEqual([
      expect.objectContaining({ field: 'boundary', rule: 'G7', message: expect.stringMatching(/自相交/) }),
    ]);
    const outside = await put(box(26.55, 109.0, 26.7, 109.1), etag).expect(422);
    expect(outside.body.errors[0].message).toMatch(/超出上级“GA-TOWN”/);
    // The same area again: nothing changes, the ETag stays.
    const same = await put({ type: 'Feature', properties: {}, geometry: AREAS.north }, etag).expect(200);
    expect(same.headers.etag).toBe(etag);
    await put(AREAS.north, '"999"').expect(412);
  });

  it('G7: a grid created or changed through the organisation’s endpoints has its boundary checked the same way', async () => {
    const created = await http()
      .post('/api/v1/grids')
      .set('authorization', bearer(actors.eco))
      .send({
        code: 'GA-V3',
        unitCode: TOWN,
        name: '西村网格',
        kind: 'village',
        boundary: box(26.4, 109.0, 26.45, 109.1),
      })
      .expect(422);
    expect(created.body.errors[0]).toMatchObject({ field: 'boundary', rule: 'G7' });
    expect(created.body.errors[0].message).toMatch(/超出上级“GA-TOWN”/);
    expect(await dataSource.query(`SELECT code FROM grids WHERE code = 'GA-V3'`)).toEqual([]);

    const etag = (
      await http().get('/api/v1/grids/GA-V2').set('authorization', bearer(actors.eco)).expect(200)
    ).headers.etag;
    const moved = await http()
      .patch('/api/v1/grids/GA-V2')
      .set('authorization', bearer(actors.eco))
      .set('if-match', etag)
      .send({ boundary: box(26.55, 109.0, 26.7, 109.1) })
      .expect(422);
    expect(moved.body.errors[0]).toMatchObject({ field: 'boundary', rule: 'G7' });
    const [kept] = await dataSource.query(`SELECT boundary FROM grids WHERE code = 'GA-V2'`);
    expect(kept.boundary).toEqual(AREAS.north);
  });

  it('G7: a report is placed in the grid its location lies in; a point outside every grid is 422 unless the grid is named', async () => {
    const outside = await report({ location: { lat: 30.0, lng: 100.0 } }).expect(422);
    expect(outside.body.errors).toEqual([expect.objectContaining({ field: 'location', rule: 'G7' })]);
    const wrongTownship = await report({ township: 'T-GUZHOU', location: IN_EAST }).expect(422);
    expect(wrongTownship.body.errors).toEqual([expect.objectContaining({ field: 'township', rule: 'G7' })]);
    const named = await report({ grid: 'GA-V2', location: { lat: 30.0, lng: 100.0 } }).expect(201);
    expect(named.body.state).toMatchObject({
      territorialOwner: TOWN,
      report: { township: TOWN, grid: 'GA-V2' },
    });
    const [row] = await eventually(async () => {
      const rows = await dataSource.query<Array<{ grid_code: string }>>(
        `SELECT grid_code FROM issues WHERE code = $1`,
        [named.body.code],
      );
      return rows.length > 0 ? rows : undefined;
    });
    expect(row.grid_code).toBe('GA-V2');
  });

  it('G8: a village’s 支部书记, a member of the village unit, records the patrol of the village grid', async () => {
    const secretary = member('ga-secretary', '东村支部书记', ['village_member']);
    const now = Date.now();
    const recorded = await http()
      .post('/api/v1/patrols')
      .set('authorization', bearer({ ...secretary, unitCode: 'GA-VIL' }))
      .send({
        gridCode: 'GA-V1',
        leaderId: 'ga-secretary',
        memberIds: ['ga-finder'],
        startedAt: new Date(now - 3 * 3600_000).toISOString(),
        endedAt: new Date(now - 3600_000).toISOString(),
        methods: ['inspection', 'resident_visit'],
      });
    expect([recorded.status, recorded.body.gridCode, recorded.body.unitCode]).toEqual([201, 'GA-V1', TOWN]);
    // Someone else of the village unit, who works in no grid of it, may not.
    const refused = await http()
      .post('/api/v1/patrols')
      .set(
        'authorization',
        bearer({ ...member('ga-stranger', '外村人', ['village_member']), unitCode: 'GA-VIL' }),
      )
      .send({
        gridCode: 'GA-V1',
        leaderId: 'ga-secretary',
        memberIds: ['ga-finder'],
        startedAt: new Date(now - 3 * 3600_000).toISOString(),
        endedAt: new Date(now - 3600_000).toISOString(),
        methods: ['inspection'],
      });
    expect(refused.status).toBe(403);
  });

  it('G9: a report in the park’s grid has the park as its territorial owner, in the park’s ledger', async () => {
    const reported = await report({ location: { lat: 25.93, lng: 108.58 } }).expect(201);
    expect(reported.body.state).toMatchObject({
      territorialOwner: 'PARK',
      report: { township: 'PARK', grid: 'DEMO-PARK-01' },
    });
    const lines = await eventually(async () => {
      const rows = await dataSource.query<Array<{ unit_code: string; role: string }>>(
        `SELECT unit_code, role FROM ledger_entries WHERE issue_code = $1 ORDER BY unit_code`,
        [reported.body.code],
      );
      return rows.length >= 2 ? rows : undefined;
    });
    expect(lines).toEqual(expect.arrayContaining([{ unit_code: 'PARK', role: 'territorial_owner' }]));
  });

  it('G7 and L10: a report at a point lands in its grid, and the escalation reaches exactly that grid’s 直接负责人', async () => {
    await travelTo('2027-03-01T01:00:00Z'); // Monday 09:00 in Shanghai
    const reported = await report({ location: IN_EAST }).expect(201);
    const state = reported.body.state as IssueState;
    expect(state).toMatchObject({ territorialOwner: TOWN, report: { township: TOWN, grid: 'GA-V1' } });
    // The finder is not the sector owner: it must hand the issue on within 2 working days (end of Wednesday); the
    // step comes at the issue's own second of the hour after (L10).
    const spread = timerSpreadMs(reported.body.code as string, DEFAULT_CALENDAR);
    await travelTo(new Date(Date.parse('2027-03-03T16:00:05Z') + spread).toISOString());
    const notices = await eventually(async () => {
      const rows = await dataSource.query<Array<{ audience: string; member_id: string | null }>>(
        `SELECT audience, member_id FROM notification_outbox WHERE issue_code = $1 AND kind = 'ladder_overdue'
          ORDER BY audience, member_id`,
        [reported.body.code],
      );
      return rows.length >= 2 ? rows : undefined;
    });
    expect(notices).toEqual([
      { audience: 'direct_leader', member_id: 'ga-leader-1' },
      { audience: 'unit_head', member_id: 'ga-head' },
    ]);
  });
});
