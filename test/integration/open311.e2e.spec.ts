import request from 'supertest';
import { Open311Controller } from '../../api/open311/open311.controller';
import { issueStateQuery } from '../../workflows/issue/issue.messages';
import { eventually, startHarness, type Harness } from '../support/harness';
import { actors } from '../support/lifecycle-fixtures';
import { bearer } from '../support/tokens';

/** A point of this run inside 古州镇's demo grids (G7), with 0.01° north of it still there. */
const point = { lat: 25.905 + Math.random() * 0.1, long: 108.495 + Math.random() * 0.05 };
const form = {
  service_code: 'domestic_waste',
  lat: String(point.lat),
  long: String(point.long),
  description: '滨江路河边有人倾倒垃圾，气味很大。',
  address_string: '古州镇滨江路河边',
  township: 'T-GUZHOU',
  email: 'zhang.san@example.com',
  first_name: '三',
  last_name: '张',
  phone: '13800000000',
  jurisdiction_id: 'rongjiang.gov.cn',
};

describe(Open311Controller.name, () => {
  let h: Harness;
  const server = () => request(h.app.getHttpServer());
  const expectOpen311Error = (body: unknown, code: number) => {
    expect(body).toEqual([{ code, description: expect.any(String) }]);
  };

  beforeAll(async () => {
    h = await startHarness('it-open311');
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('GET services.json lists the responsibility catalog categories as services (public)', async () => {
    const { body } = await server().get('/open311/v2/services.json').expect(200);
    expect(body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          service_code: 'domestic_waste',
          service_name: '城乡生活垃圾收集处理',
          metadata: false,
          type: 'realtime',
          group: '县综合行政执法局',
        }),
      ]),
    );
  });

  it('L1: a public report over Open311 enters the lifecycle', async () => {
    const created = await server().post('/open311/v2/requests.json').type('form').send(form).expect(201);
    expect(created.body).toEqual([
      expect.objectContaining({ service_request_id: expect.stringMatching(/^\d{4}-\d{6}$/) }),
    ]);
    const code = created.body[0].service_request_id as string;

    const handle = h.client.workflow.getHandle(`issue-${code}`);
    expect((await handle.describe()).status.name).toBe('RUNNING');
    const state = await handle.query(issueStateQuery);
    expect(state.report).toMatchObject({
      source: 'public_report',
      finderUnit: 'ECO',
      category: 'domestic_waste',
      township: 'T-GUZHOU',
      location: { lat: point.lat, lng: point.long },
    });
    // Reporters' personal data never enters the issue.
    const stored = JSON.stringify(state);
    for (const secret of ['zhang.san@example.com', '13800000000', '张']) expect(stored).not.toContain(secret);

    const one = await eventually(async () => {
      const response = await server().get(`/open311/v2/requests/${code}.json`);
      return response.status === 200 ? (response.body as Array<Record<string, unknown>>) : undefined;
    });
    expect(one).toEqual([
      expect.objectContaining({
        service_request_id: code,
        status: 'open',
        service_code: 'domestic_waste',
        lat: point.lat,
        long: point.long,
        requested_datetime: expect.any(String),
      }),
    ]);
    for (const secret of ['zhang.san@example.com', '13800000000', 'reported_by', '群众举报（Open311）']) {
      expect(JSON.stringify(one)).not.toContain(secret);
    }

    const listed = await server()
      .get('/open311/v2/requests.json?service_code=domestic_waste&status=open')
      .expect(200);
    expect((listed.body as Array<{ service_request_id: string }>).map((r) => r.service_request_id)).toContain(
      code,
    );
    const closed = await server().get('/open311/v2/requests.json?status=closed').expect(200);
    expect(
      (closed.body as Array<{ service_request_id: string }>).map((r) => r.service_request_id),
    ).not.toContain(code);
    const later = await server().get('/open311/v2/requests.json?start_date=2999-01-01T00:00:00Z').expect(200);
    expect(later.body).toEqual([]);
    const otherService = await server()
      .get('/open311/v2/requests.json?service_code=open_burning')
      .expect(200);
    expect(
      (otherService.body as Array<{ service_request_id: string }>).map((r) => r.service_request_id),
    ).not.toContain(code);
  });

  it('accepts JSON too, and ignores jurisdiction_id', async () => {
    const { body } = await server()
      .post('/open311/v2/requests.json')
      .send({ ...form, lat: point.lat + 0.01, long: point.long, jurisdiction_id: 'anything' })
      .expect(201);
    expect(body[0].service_request_id).toMatch(/^\d{4}-\d{6}$/);
  });

  it('an issue not reported by the public is not an Open311 request', async () => {
    const { body } = await server()
      .post('/api/v1/issues')
      .set('authorization', bearer(actors.wrbMember))
      .send({
        title: '巡查发现垃圾',
        description: '巡查发现。',
        category: 'domestic_waste',
        severity: 'general',
        source: 'resident_visit',
        township: 'T-GUZHOU',
      })
      .expect(201);
    const response = await server().get(`/open311/v2/requests/${body.code}.json`).expect(404);
    expectOpen311Error(response.body, 404);
  });

  it.each([
    ['no township (county extension)', { township: undefined }],
    ['no lat', { lat: undefined }],
    ['no long', { long: undefined }],
    ['a lat that is not a number', { lat: 'north' }],
    ['an unknown service_code', { service_code: 'no_such_service' }],
    ['an unknown township', { township: 'T-NOWHERE' }],
    ['a township that is not a code', { township: "x' OR 1=1 --" }],
    ['a blank description', { description: '   ' }],
    ['an unknown field', { hacker: 'yes' }],
  ])('refuses %s with 400 in the Open311 error format', async (_name, change) => {
    const body: Record<string, unknown> = { ...form, ...change };
    for (const key of Object.keys(body)) if (body[key] === undefined) delete body[key];
    const response = await server().post('/open311/v2/requests.json').type('form').send(body).expect(400);
    expectOpen311Error(response.body, 400);
  });

  it('hostile input is 4xx in the Open311 format, never 5xx', async () => {
    const proto = await server()
      .post('/open311/v2/requests.json')
      .type('form')
      .send('__proto__=x&service_code=domestic_waste')
      .expect(400);
    expectOpen311Error(proto.body, 400);
    const json = await server()
      .post('/open311/v2/requests.json')
      .set('content-type', 'application/json')
      .send('{"service_code": ')
      .expect(400);
    expect(json.status).toBe(400);
    await server().post('/open311/v2/requests.json').set('content-type', 'text/plain').send('hi').expect(415);
    expectOpen311Error((await server().get('/open311/v2/requests/nope.json').expect(404)).body, 404);
    expectOpen311Error(
      (await server().get('/open311/v2/requests.json?status=pending').expect(400)).body,
      400,
    );
    expectOpen311Error(
      (await server().get('/open311/v2/requests.json?start_date=yesterday').expect(400)).body,
      400,
    );
    await server()
      .post('/open311/v2/requests.json')
      .type('form')
      .send({ ...form, description: 'x'.repeat(200_000) })
      .expect((response) => expect([400, 413]).toContain(response.status));
  });
});
