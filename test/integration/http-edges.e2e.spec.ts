import request from 'supertest';
import { issueStateQuery } from '../../workflows/issue/issue.messages';
import { eventually, startHarness, type Harness } from '../support/harness';
import { IssueApi, REPORT } from '../support/http-lifecycle';
import { bearer } from '../support/tokens';

/** A public client's address (the harness trusts X-Forwarded-For, as behind the county's proxy). */
let nextAddress = 10;
const newAddress = () => `198.51.100.${nextAddress++}`;

/** The edges the fuzzing found: existence leaks, rate limits, media types, methods, multipart, Open311. */
describe('HTTP edges', () => {
  let h: Harness;
  let api: IssueApi;
  const server = () => request(h.app.getHttpServer());

  beforeAll(async () => {
    h = await startHarness('it-http-edges', {
      RATE_LIMIT_PER_MINUTE: '6',
      RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '6',
      TRUST_PROXY: 'true',
    });
    api = new IssueApi(h);
  });
  afterAll(async () => {
    await h?.stop();
  });

  /** A member of a unit of its own, so each test spends a fresh rate budget. */
  let nextMember = 0;
  const member = (unitCode = 'WRB') => ({
    id: `edges-${unitCode.toLowerCase()}-${nextMember++}`,
    name: '边界测试网格员',
    unitCode,
    roles: ['grid_member' as const],
  });

  it('H1: an action or a reopen by a unit that may not read the issue is the 404 of an unknown code', async () => {
    const finder = member('WRB');
    const code = await api.report(finder);
    const outsider = member('FOR');
    const unknown = await server()
      .post('/api/v1/issues/2099-999999/transfer')
      .set('authorization', bearer(outsider))
      .send({ toUnit: 'ULE', reason: '不属本单位职责' });
    expect(unknown.status).toBe(404);
    for (const [path, body] of [
      ['transfer', { toUnit: 'ULE', reason: '不属本单位职责' }],
      ['accept-transfer', {}],
      ['reopen', { reason: '复发' }],
    ] as const) {
      const answer = await server()
        .post(`/api/v1/issues/${code}/${path}`)
        .set('authorization', bearer(outsider))
        .send(body);
      expect([path, answer.status, answer.body.code]).toEqual([path, 404, unknown.body.code]);
      expect(answer.body.title).toBe(unknown.body.title);
    }
    // The finder's unit still reads it and is refused on the merits (409: not archived), not with a 404.
    const reopen = await server()
      .post(`/api/v1/issues/${code}/reopen`)
      .set('authorization', bearer(finder))
      .send({ reason: '复发' });
    expect(reopen.status).not.toBe(404);
  });

  it('H2: the rate limit counts an account across routes, not per route', async () => {
    const one = bearer(member());
    const statuses: number[] = [];
    for (const path of [
      '/api/v1/units',
      '/api/v1/grids',
      '/api/v1/issues',
      '/api/v1/members',
      '/api/v1/inbox',
    ]) {
      statuses.push((await server().get(path).set('authorization', one)).status);
    }
    statuses.push((await server().get('/api/v1/units').set('authorization', one)).status);
    const over = await server().get('/api/v1/key-points').set('authorization', one);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200]);
    expect([over.status, over.body.code]).toEqual([429, 'too-many-requests']);
    expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('H2: members behind one address (an office NAT) each have their own budget', async () => {
    const office = newAddress();
    const [first, second] = [bearer(member()), bearer(member())];
    const get = (token: string) =>
      server().get('/api/v1/units').set('authorization', token).set('x-forwarded-for', office);
    for (let i = 0; i < 6; i++) expect((await get(first)).status).toBe(200);
    expect((await get(first)).status).toBe(429);
    expect((await get(second)).status).toBe(200);
    // Anonymous requests from that address count against the address, apart from the members.
    expect((await server().get('/api/v1/public/grids').set('x-forwarded-for', office)).status).toBe(200);
  });

  it('H2: anonymous requests count per address across the public routes', async () => {
    const address = newAddress();
    const paths = ['/api/v1/public/grids', '/open311/v2/services.json', '/health/live'];
    for (let i = 0; i < 6; i++) {
      const answer = await server()
        .get(paths[i % paths.length])
        .set('x-forwarded-for', address);
      expect(answer.status).toBe(200);
    }
    const over = await server().get('/open311/v2/services.json').set('x-forwarded-for', address);
    expect(over.status).toBe(429);
    // Open311 says so in its own format.
    expect(over.body).toEqual([{ code: 429, description: expect.any(String) }]);
    expect((await server().get('/api/v1/public/grids').set('x-forwarded-for', newAddress())).status).toBe(
      200,
    );
  });

  it('H3: a body in any +json media type is read as JSON', async () => {
    for (const type of ['application/vnd.eco-grid+json', 'application/merge-patch+json']) {
      const answer = await server()
        .post('/api/v1/issues')
        .set('authorization', bearer(member()))
        .set('content-type', type)
        .send(JSON.stringify(REPORT));
      expect([type, answer.status]).toEqual([type, 201]);
    }
  });

  it('H3: every operation documents its success answer, each body with a schema', async () => {
    type Media = Record<string, { schema?: unknown }>;
    type Operation = { responses: Record<string, { content?: Media }> };
    const { body: openapi } = await server().get('/api/openapi.json').expect(200);
    const gaps: string[] = [];
    for (const [path, item] of Object.entries(openapi.paths as Record<string, Record<string, Operation>>)) {
      for (const [method, operation] of Object.entries(item)) {
        const successes = Object.entries(operation.responses).filter(([status]) => /^[23]/.test(status));
        if (successes.length === 0) gaps.push(`${method} ${path}: no success answer`);
        for (const [status, response] of successes) {
          const bodiless = status === '204' || status.startsWith('3');
          if (bodiless) continue;
          const media = Object.entries(response.content ?? {});
          if (media.length === 0) gaps.push(`${method} ${path} ${status}: no body documented`);
          for (const [type, { schema }] of media) {
            if (!schema) gaps.push(`${method} ${path} ${status} ${type}: no schema`);
          }
        }
      }
    }
    expect(gaps).toEqual([]);
  });

  it('H3: a documented path asked with a method it lacks is 405 with Allow, not 404', async () => {
    const answer = await server().delete('/api/v1/issues').set('authorization', bearer(member()));
    expect([answer.status, answer.body.code]).toEqual([405, 'method-not-allowed']);
    expect(answer.headers.allow).toBe('GET, POST, HEAD');
    const literal = await server()
      .post('/api/v1/responsibility-categories/suggest-owner')
      .set('authorization', bearer(member()));
    expect([literal.status, literal.headers.allow]).toEqual([405, 'GET, HEAD']);
  });

  it('H3: multipart refusals name the field: an unexpected field, a malformed part header', async () => {
    const token = bearer(member());
    const unexpected = await server()
      .post('/api/v1/evidence')
      .set('authorization', token)
      .attach('photo', Buffer.from('%PDF-1.4\n'), 'a.pdf');
    expect([unexpected.status, unexpected.body.code]).toEqual([400, 'multipart-invalid']);
    expect(unexpected.body.errors[0]).toMatchObject({ field: 'photo', rule: 'unexpected-field' });

    const boundary = 'edge-boundary';
    const malformed = await server()
      .post('/api/v1/evidence')
      .set('authorization', token)
      .set('content-type', `multipart/form-data; boundary=${boundary}`)
      .send(`--${boundary}\r\nContent-Disposition form-data name="file"\r\n\r\nx\r\n--${boundary}--\r\n`);
    expect([malformed.status, malformed.body.code]).toEqual([400, 'multipart-invalid']);
    expect(malformed.body.errors[0]).toMatchObject({ field: 'body', rule: 'multipart' });
  });

  it('H4: Open311 accepts the optional GeoReport v2 fields and keeps media_url as evidence', async () => {
    const created = await server()
      .post('/open311/v2/requests.json')
      .set('x-forwarded-for', newAddress())
      .send({
        service_code: 'domestic_waste',
        lat: 25.93,
        long: 108.52,
        township: 'T-GUZHOU',
        description: '河边堆放垃圾',
        address_string: '古州镇滨江路',
        media_url: 'https://example.org/photo.jpg',
        device_id: 'device-1',
        account_id: 'acct-9',
        email: 'zhang.san@example.com',
        first_name: '三',
        last_name: '张',
        phone: '13800000000',
        address_id: 'addr-1',
      });
    expect(created.status).toBe(201);
    const code = created.body[0].service_request_id as string;
    const state = await h.client.workflow.getHandle(`issue-${code}`).query(issueStateQuery);
    expect(state.report.evidence).toEqual(['https://example.org/photo.jpg']);
    expect(JSON.stringify(state)).not.toContain('acct-9');
  });

  it('H4: Open311 filters by service_request_id and describes each service', async () => {
    const address = newAddress();
    const codes: string[] = [];
    for (const description of ['第一处垃圾', '第二处垃圾']) {
      const created = await server()
        .post('/open311/v2/requests.json')
        .set('x-forwarded-for', address)
        .send({ service_code: 'domestic_waste', lat: 25.9, long: 108.5, township: 'T-GUZHOU', description });
      codes.push(created.body[0].service_request_id as string);
    }
    const listed = await eventually(async () => {
      const answer = await server()
        .get(`/open311/v2/requests.json?service_request_id=${codes.join(',')},2099-999999`)
        .set('x-forwarded-for', newAddress());
      return answer.body.length === 2 ? (answer.body as Array<{ service_request_id: string }>) : undefined;
    });
    expect(listed.map((r) => r.service_request_id)).toEqual(codes);

    const definition = await server()
      .get('/open311/v2/services/domestic_waste.json')
      .set('x-forwarded-for', address);
    expect(definition.body).toEqual({ service_code: 'domestic_waste', attributes: [] });
    const unknown = await server().get('/open311/v2/services/no_such.json').set('x-forwarded-for', address);
    expect([unknown.status, unknown.body]).toEqual([404, [{ code: 404, description: expect.any(String) }]]);
  });

  it('H4: Open311 answers refusals before its controller (a body that is not JSON) in its own format', async () => {
    const answer = await server()
      .post('/open311/v2/requests.json')
      .set('x-forwarded-for', newAddress())
      .set('content-type', 'application/json')
      .send('{not json');
    expect(answer.status).toBe(400);
    expect(answer.headers['content-type']).toMatch(/^application\/json/);
    expect(answer.body).toEqual([{ code: 400, description: expect.any(String) }]);
  });

  it('H4: anonymous Open311 clients do not share one Idempotency-Key space', async () => {
    const post = (address: string, description: string) =>
      server()
        .post('/open311/v2/requests.json')
        .set('x-forwarded-for', address)
        .set('idempotency-key', 'report-1')
        .send({ service_code: 'domestic_waste', lat: 25.9, long: 108.5, township: 'T-GUZHOU', description });
    const first = await post(newAddress(), '甲处垃圾');
    const second = await post(newAddress(), '乙处垃圾');
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.body[0].service_request_id).not.toBe(first.body[0].service_request_id);
    // The same client's retry is still the first answer.
    const device = await server()
      .post('/open311/v2/requests.json')
      .set('x-forwarded-for', newAddress())
      .set('idempotency-key', 'report-1')
      .send({
        service_code: 'domestic_waste',
        lat: 25.9,
        long: 108.5,
        township: 'T-GUZHOU',
        description: '丙处',
        device_id: 'phone-7',
      });
    const retry = await server()
      .post('/open311/v2/requests.json')
      .set('x-forwarded-for', newAddress())
      .set('idempotency-key', 'report-1')
      .send({
        service_code: 'domestic_waste',
        lat: 25.9,
        long: 108.5,
        township: 'T-GUZHOU',
        description: '丙处',
        device_id: 'phone-7',
      });
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body).toEqual(device.body);
  });
});
