import { WorkflowUpdateFailedError } from '@temporalio/client';
import { gzipSync } from 'node:zlib';
import request from 'supertest';
import { actionUpdates } from '../../workflows/issue/issue.messages';
import { startHarness, type Harness } from '../support/harness';
import { IssueApi, REPORT } from '../support/http-lifecycle';
import { actors } from '../support/lifecycle-fixtures';
import { bearer } from '../support/tokens';

/** Sends a body's bytes as they are (superagent would otherwise serialise a Buffer by its content type). */
const raw = (body: unknown): string => body as string;

/** Text that PostgreSQL refuses (NUL) or that no decoder keeps as sent, and what must happen to it. */
describe('hostile text at the door', () => {
  let h: Harness;
  let api: IssueApi;
  const server = () => request(h.app.getHttpServer());
  const count = async (table: string): Promise<number> => {
    const [{ n }] = await h.dataSource.query<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM ${table}`);
    return n;
  };
  const expectProblem = (response: request.Response, status: number, field: string, rule: string) => {
    expect([response.status, String(response.headers['content-type'])]).toEqual([
      status,
      expect.stringMatching(/application\/problem\+json/),
    ]);
    expect(response.body).toMatchObject({ code: 'unstorable-text', errors: [{ field, rule }] });
  };

  beforeAll(async () => {
    h = await startHarness('it-hostile-text');
    api = new IssueApi(h);
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('S1: a report whose text holds NUL is 422 naming the field, and no issue starts', async () => {
    const before = await count('issues');
    const answer = await server()
      .post('/api/v1/issues')
      .set('authorization', bearer(actors.wrbMember))
      .send({ ...REPORT, description: '河道里有\u0000垃圾' });
    expectProblem(answer, 422, 'description', 'control-character');
    expect(answer.body.errors[0].message).toMatch(/U\+0000/);
    expect(await count('issues')).toBe(before);
  });

  it('S1: an unpaired surrogate and bytes that are not UTF-8 are refused, not silently repaired', async () => {
    const lone = await server()
      .post('/api/v1/issues')
      .set('authorization', bearer(actors.wrbMember))
      .set('content-type', 'application/json')
      .send(JSON.stringify({ ...REPORT, title: 'x' }).replace('"title":"x"', '"title":"\\ud800"'));
    expectProblem(lone, 422, 'title', 'unpaired-surrogate');

    const bytes = Buffer.concat([
      Buffer.from(JSON.stringify({ ...REPORT, title: 'AB' }).split('AB')[0]),
      Buffer.from([0xff, 0xfe]),
      Buffer.from(JSON.stringify({ ...REPORT, title: 'AB' }).split('AB')[1]),
    ]);
    const invalid = await server()
      .post('/api/v1/issues')
      .set('authorization', bearer(actors.wrbMember))
      .set('content-type', 'application/json')
      .serialize(raw)
      .send(bytes);
    expectProblem(invalid, 422, 'body', 'invalid-utf8');
  });

  it('S1: NUL in a path, a query or a record name is 422, never 500', async () => {
    const eco = bearer(actors.eco);
    expectProblem(
      await server().get('/api/v1/units/%00').set('authorization', eco),
      422,
      'path',
      'control-character',
    );
    expectProblem(
      await server().get('/api/v1/issues?text=%00').set('authorization', eco),
      422,
      'query',
      'control-character',
    );
    expectProblem(
      await server().get('/api/v1/issues?text=%FF').set('authorization', eco),
      422,
      'query',
      'invalid-utf8',
    );
    const units = await count('units');
    expectProblem(
      await server()
        .post('/api/v1/units')
        .set('authorization', eco)
        .send({ code: 'NUL-TEST', name: '单位\u0000', kind: 'department', parentCode: 'COUNTY' }),
      422,
      'name',
      'control-character',
    );
    expect(await count('units')).toBe(units);
  });

  it('S1: the public Open311 endpoint refuses NUL in its own error format, by form and by JSON', async () => {
    const before = await count('issues');
    const form = {
      service_code: 'domestic_waste',
      lat: '25.93',
      long: '108.52',
      description: '河边有人倾倒垃圾\u0000',
      township: 'T-GUZHOU',
    };
    const byForm = await server().post('/open311/v2/requests.json').type('form').send(form);
    expect([byForm.status, byForm.body]).toEqual([
      400,
      [{ code: 400, description: expect.stringMatching(/description/) }],
    ]);
    const byJson = await server().post('/open311/v2/requests.json').send(form);
    expect([byJson.status, byJson.body]).toEqual([400, [{ code: 400, description: expect.any(String) }]]);
    for (const body of [
      Buffer.from([...Buffer.from('service_code=domestic_waste&description='), 0xe6, 0xb2]),
      Buffer.from('service_code=domestic_waste&township=T-GUZHOU&lat=25.9&long=108.5&description=%E6%B2'),
    ]) {
      const notUtf8 = await server()
        .post('/open311/v2/requests.json')
        .set('content-type', 'application/x-www-form-urlencoded')
        .serialize(raw)
        .send(body);
      expect([notUtf8.status, notUtf8.body]).toEqual([
        400,
        [{ code: 400, description: expect.stringMatching(/UTF-8/) }],
      ]);
    }
    expect(await count('issues')).toBe(before);
  });

  it('S1: an action with NUL is refused, changes nothing, and the next valid action goes through', async () => {
    const code = await api.prepare('transferred');
    const rows = await api.eventRows(code);
    const refused = await api.act(actors.uleMember, code, 'acceptTransfer', { note: '受理\u0000' });
    expect([refused.status, refused.body.errors]).toEqual([
      422,
      [expect.objectContaining({ field: 'note', rule: 'control-character' })],
    ]);
    expect(await api.eventRows(code)).toBe(rows);

    const accepted = await api.ok(actors.uleMember, code, 'acceptTransfer', { note: '已受理\t（第1条）\n' });
    expect(accepted.status).toBe('accepted');
    // The ledger is not behind the workflow: every event the workflow counts is a stored row.
    expect(await api.eventRows(code)).toBe((await api.state(code)).eventCount);
  });

  it('S1: a client that bypasses the API and sends NUL straight to the workflow is refused by its validator', async () => {
    const code = await api.prepare('transferred');
    const handle = h.client.workflow.getHandle(`issue-${code}`);
    const refused = await handle
      .executeUpdate(actionUpdates.acceptTransfer, {
        args: [{ actor: actors.uleMember, data: { note: 'x\u0000' } }],
      })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(WorkflowUpdateFailedError);
    expect((refused as WorkflowUpdateFailedError).cause).toMatchObject({
      details: [
        expect.objectContaining({ kind: 'invalid-data', field: 'data.note', rule: 'control-character' }),
      ],
    });
    expect((await api.ok(actors.uleMember, code, 'acceptTransfer', { note: '已受理' })).status).toBe(
      'accepted',
    );
  });

  it('S1: an uploaded file whose name holds a control character is refused and not stored', async () => {
    const before = await count('evidence_files');
    // RFC 5987 lets a name carry any character percent-encoded; the multipart parser decodes it.
    const boundary = 'eco-grid-boundary';
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename*=UTF-8''photo%01.png\r\n` +
          `Content-Type: image/png\r\n\r\n`,
      ),
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const answer = await server()
      .post('/api/v1/evidence')
      .set('authorization', bearer(actors.eco))
      .set('content-type', `multipart/form-data; boundary=${boundary}`)
      .serialize(raw)
      .send(body);
    expectProblem(answer, 422, 'file.filename', 'control-character');
    expect(await count('evidence_files')).toBe(before);
  });

  it('S1: a body that does not match its Content-Encoding is 400, a gzip body that does is read', async () => {
    const plain = JSON.stringify({ ...REPORT, title: '假压缩' });
    const lying = await server()
      .post('/api/v1/issues')
      .set('authorization', bearer(actors.wrbMember))
      .set('content-type', 'application/json')
      .set('content-encoding', 'gzip')
      .send(plain);
    expect([lying.status, lying.body.code]).toEqual([400, 'malformed-body']);

    const honest = await server()
      .post('/api/v1/issues')
      .set('authorization', bearer(actors.wrbMember))
      .set('content-type', 'application/json')
      .set('content-encoding', 'gzip')
      .serialize(raw)
      .send(gzipSync(Buffer.from(JSON.stringify({ ...REPORT, title: '真压缩' }))));
    expect(honest.status).toBe(201);
  });
});
