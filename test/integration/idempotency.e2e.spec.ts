import request from 'supertest';
import { IdempotencyInterceptor } from '../../api/common/idempotency.interceptor';
import type { CreateIssueDto } from '../../api/issues/dto/create-issue.dto';
import { IssuesService } from '../../api/issues/issues.service';
import { leaveAbandonedRequest } from '../support/dead-request';
import { recordHistoryIfAsked } from '../support/histories';
import { eventually, startHarness, type Harness } from '../support/harness';
import { IssueApi, REPORT } from '../support/http-lifecycle';
import { actors } from '../support/lifecycle-fixtures';
import { bearer } from '../support/tokens';

describe(IdempotencyInterceptor.name, () => {
  let h: Harness;
  let api: IssueApi;
  beforeAll(async () => {
    h = await startHarness('it-idempotency');
    api = new IssueApi(h);
  });
  afterAll(async () => {
    await h?.stop();
  });
  const server = () => request(h.app.getHttpServer());

  it('L15: a retried action with the same Idempotency-Key answers the first result and appends no second event', async () => {
    const code = await api.prepare('accepted');
    const body = { result: '已清运垃圾' };
    const key = `feedback-${code}`;
    const first = await api.act(actors.uleMember, code, 'reportTransferFeedback', body, {
      'Idempotency-Key': key,
    });
    expect(first.status).toBe(200);
    const events = (await api.state(code)).eventCount;
    const retry = await api.act(actors.uleMember, code, 'reportTransferFeedback', body, {
      'Idempotency-Key': key,
    });
    expect(retry.status).toBe(200);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body).toEqual(first.body);
    expect((await api.state(code)).eventCount).toBe(events);
    // Without the key the same request is a new request (and the workflow refuses a second feedback: 409).
    const again = await api.act(actors.uleMember, code, 'reportTransferFeedback', body);
    expect([200, 409]).toContain(again.status);

    // The same key with a different body is a client bug: 422, nothing done.
    const reused = await api.act(
      actors.uleMember,
      code,
      'reportTransferFeedback',
      { result: '另一结果' },
      {
        'Idempotency-Key': key,
      },
    );
    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe('idempotency-key-reused');
  });

  it('replays the 201 of a report with its Location, and starts one workflow only', async () => {
    const key = `report-${Date.now()}`;
    const send = () =>
      server()
        .post('/api/v1/issues')
        .set('authorization', bearer(actors.wrbMember))
        .set('Idempotency-Key', key)
        .send({ ...REPORT, title: '幂等上报' });
    const first = await send().expect(201);
    const second = await send().expect(201);
    expect(second.body.code).toBe(first.body.code);
    expect(second.headers.location).toBe(first.headers.location);
    const [{ n }] = await h.dataSource.query<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM idempotency_keys WHERE key = $1`,
      [key],
    );
    expect(n).toBe(1);
    // Keys are per actor: another member's identical key is a different request.
    const other = await server()
      .post('/api/v1/issues')
      .set('authorization', bearer(actors.agrMember))
      .set('Idempotency-Key', key)
      .send({ ...REPORT, title: '幂等上报' })
      .expect(201);
    expect(other.body.code).not.toBe(first.body.code);
  });

  it('L1: a report retried after the API died half-way (same key) finds the issue the dead attempt started', async () => {
    const key = `report-crash-${Date.now()}`;
    const body = { ...REPORT, title: `上报中途宕机 ${key}` };
    const token = await leaveAbandonedRequest(h.dataSource, {
      key,
      actorId: actors.wrbMember.id,
      endpoint: 'POST /api/v1/issues',
      body,
    });
    // The dead attempt got as far as starting the workflow, and never answered.
    const dead = await h.app.get(IssuesService).report(body as CreateIssueDto, actors.wrbMember, token);

    const retry = await server()
      .post('/api/v1/issues')
      .set('authorization', bearer(actors.wrbMember))
      .set('Idempotency-Key', key)
      .send(body)
      .expect(201);
    expect(retry.headers['idempotent-replayed']).toBeUndefined();
    expect(retry.body).toMatchObject({ code: dead.code, workflowId: dead.workflowId, runId: dead.runId });
    expect(retry.body.state.reportedAt).toBe(dead.state.reportedAt);
    expect(retry.headers.location).toBe(`/api/v1/issues/${dead.code}`);
    const rows = await eventually(async () => {
      const found = await h.dataSource.query<Array<{ code: string }>>(
        `SELECT code FROM issues WHERE title = $1`,
        [body.title],
      );
      return found.length > 0 ? found : undefined;
    });
    expect(rows).toEqual([{ code: dead.code }]);
    // From now on the key answers as any finished request does.
    const replay = await server()
      .post('/api/v1/issues')
      .set('authorization', bearer(actors.wrbMember))
      .set('Idempotency-Key', key)
      .send(body)
      .expect(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body.code).toBe(dead.code);
  });

  it('the daily housekeeping deletes keys older than IDEMPOTENCY_KEY_TTL_HOURS, and only those', async () => {
    const run = `hk-${Date.now()}`;
    const row = (name: string, state: string, startedHoursAgo: number, answeredHoursAgo: number | null) =>
      h.dataSource.query(
        `INSERT INTO idempotency_keys (key, actor, endpoint, request_hash, state, created_at, completed_at)
         VALUES ($1, 'demo-wrb-1', 'POST /api/v1/issues', repeat('0', 64), $2, now() - make_interval(hours => $3),
                 CASE WHEN $4::int IS NULL THEN NULL ELSE now() - make_interval(hours => $4::int) END)`,
        [`${run}-${name}`, state, startedHoursAgo, answeredHoursAgo],
      );
    await row('old-done', 'done', 100, 99);
    await row('old-abandoned', 'in_progress', 100, null);
    await row('recent-done', 'done', 2, 1);
    await row('started-long-ago-answered-lately', 'done', 100, 10);
    await row('recent-in-progress', 'in_progress', 0, null);
    const handle = await h.client.workflow.start('housekeeping', {
      workflowId: `housekeeping-${run}`,
      taskQueue: h.config.TEMPORAL_TASK_QUEUE,
      args: [{}],
    });
    const result = (await handle.result()) as { idempotencyKeys: number };
    expect(result.idempotencyKeys).toBeGreaterThanOrEqual(2);
    await recordHistoryIfAsked('housekeeping-daily', handle);
    const left = await h.dataSource.query<Array<{ key: string }>>(
      `SELECT key FROM idempotency_keys WHERE key LIKE $1 ORDER BY key`,
      [`${run}-%`],
    );
    expect(left.map((r) => r.key.slice(run.length + 1))).toEqual([
      'recent-done',
      'recent-in-progress',
      'started-long-ago-answered-lately',
    ]);
  });

  it('L1: a key used again, after its row expired, for another report starts a new issue', async () => {
    const key = `report-expired-${Date.now()}`;
    const send = (title: string) =>
      server()
        .post('/api/v1/issues')
        .set('authorization', bearer(actors.wrbMember))
        .set('Idempotency-Key', key)
        .send({ ...REPORT, title });
    const first = await send('过期键第一次').expect(201);
    await h.dataSource.query(`DELETE FROM idempotency_keys WHERE key = $1`, [key]);
    const second = await send('过期键第二次').expect(201);
    expect(second.headers['idempotent-replayed']).toBeUndefined();
    expect(second.body.code).not.toBe(first.body.code);
  });

  it('lets only one of two simultaneous requests with the same key run', async () => {
    const code = await api.prepare('rectifying');
    const events = (await api.state(code)).eventCount;
    const key = `progress-${code}`;
    const [a, b] = await Promise.all([
      api.act(actors.uleMember, code, 'reportProgress', { note: '同时提交' }, { 'Idempotency-Key': key }),
      api.act(actors.uleMember, code, 'reportProgress', { note: '同时提交' }, { 'Idempotency-Key': key }),
    ]);
    const statuses = [a.status, b.status].sort();
    // Either the twin arrived while the first ran (409 in progress) or after it finished (the replayed 200).
    expect([
      [200, 200],
      [200, 409],
    ]).toContainEqual(statuses);
    if (statuses[1] === 409)
      expect([a, b].find((r) => r.status === 409)?.body.code).toBe('idempotency-key-in-progress');
    expect((await api.state(code)).eventCount).toBe(events + 1);
  });

  it('refuses keys that are not 1–128 visible ASCII characters', async () => {
    const code = await api.prepare('rectifying');
    for (const key of ['x'.repeat(129), 'has space', '中文键']) {
      const answer = await server()
        .post(`/api/v1/issues/${code}/report-progress`)
        .set('authorization', bearer(actors.uleMember))
        .set('Idempotency-Key', encodeURI(key) === key ? key : Buffer.from(key).toString('latin1'))
        .send({ note: 'x' });
      expect(answer.status).toBe(400);
      expect(answer.body.code).toBe('idempotency-key-invalid');
    }
  });
});

describe('rate limiting', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness('it-rate-limit', {
      RATE_LIMIT_PER_MINUTE: '5',
      RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '5',
    });
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('answers 429 problem+json once a client without an account exceeds RATE_LIMIT_PER_ADDRESS_PER_MINUTE', async () => {
    const statuses: number[] = [];
    let last: request.Response | undefined;
    for (let i = 0; i < 7; i++) {
      last = await request(h.app.getHttpServer()).get('/api/v1/issues/2026-000001');
      statuses.push(last.status);
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429]);
    expect(last?.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(last?.body.code).toBe('too-many-requests');
  });
});
