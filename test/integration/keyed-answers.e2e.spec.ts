import type { NestExpressApplication } from '@nestjs/platform-express';
import { NativeConnection } from '@temporalio/worker';
import request from 'supertest';
import { createApp } from '../../api/app.factory';
import { keyedUpdateId } from '../../api/issues/issues.service';
import { loadConfiguration } from '../../config/configuration';
import type { IssueState } from '../../domain/issue/issue.types';
import { takeAction } from '../support/take-action';
import { createWorker } from '../../worker/worker';
import { leaveAbandonedRequest } from '../support/dead-request';
import { eventually, startHarness, type Harness } from '../support/harness';
import { IssueApi, REPORT } from '../support/http-lifecycle';
import { actors } from '../support/lifecycle-fixtures';
import { enrolBeforeEachRequest } from '../support/roster';
import { testServers } from '../support/servers';
import { TcpProxy } from '../support/tcp-proxy';
import { bearer, TEST_JWT_SECRET } from '../support/tokens';

/** A second API over the same servers, with its own settings (another task queue, relayed addresses). */
async function extraApi(h: Harness, env: Record<string, string>): Promise<NestExpressApplication> {
  const servers = testServers();
  const config = loadConfiguration(
    {
      DATABASE_URL: servers.databaseUrl,
      TEMPORAL_ADDRESS: servers.temporalAddress,
      TEMPORAL_NAMESPACE: servers.namespace,
      LOG_LEVEL: 'error',
      JWT_SECRET: TEST_JWT_SECRET,
      RATE_LIMIT_PER_MINUTE: '100000',
      ...env,
    },
    { requireAuth: true },
  );
  const app = await createApp(config);
  enrolBeforeEachRequest(app, h.dataSource);
  await app.init();
  return app;
}

describe('keyed answers', () => {
  let h: Harness;
  let api: IssueApi;
  beforeAll(async () => {
    h = await startHarness('it-keyed');
    api = new IssueApi(h);
  });
  afterAll(async () => {
    await h?.stop();
  });
  const server = () => request(h.app.getHttpServer());

  it('S2: a progress report applied just before the API died is answered at once, on retry, with the first outcome and recorded once', async () => {
    const code = await api.prepare('rectifying');
    const body = { note: '已清运一半' };
    const key = `progress-crash-${code}`;
    const before = await api.state(code);
    // The dead attempt got its Update to Temporal and died before answering; its key row is a second old.
    const token = await leaveAbandonedRequest(
      h.dataSource,
      { key, actorId: actors.uleMember.id, endpoint: `POST /api/v1/issues/${code}/report-progress`, body },
      1,
    );
    const first = await takeAction(
      h.client.workflow.getHandle(`issue-${code}`),
      'reportProgress',
      { actor: actors.uleMember, data: body },
      keyedUpdateId(token),
    );
    const retry = await api.act(actors.uleMember, code, 'reportProgress', body, { 'Idempotency-Key': key });
    expect(retry.status).toBe(200);
    expect(retry.body).toMatchObject({
      progressReports: first.progressReports,
      eventCount: first.eventCount,
    });
    const after = await api.state(code);
    expect(after.progressReports).toBe(before.progressReports + 1);
    expect(after.eventCount).toBe(first.eventCount);
    // The retry's answer is kept: a third try is its replay.
    const replay = await api.act(actors.uleMember, code, 'reportProgress', body, { 'Idempotency-Key': key });
    expect(replay.status).toBe(200);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toEqual(retry.body);
  });

  it('S2: the last sign-off applied before Temporal went away is answered 200 with the archived state on retry, not 409', async () => {
    const code = await api.prepare('awaiting_signoff');
    await api.ok(actors.township, code, 'signOff', { opinion: '同意销号' });
    const body = { opinion: '同意销号' };
    const key = `signoff-crash-${code}`;
    const token = await leaveAbandonedRequest(
      h.dataSource,
      { key, actorId: actors.uleHead.id, endpoint: `POST /api/v1/issues/${code}/sign-off`, body },
      1,
    );
    const handle = h.client.workflow.getHandle(`issue-${code}`);
    const first = await takeAction(
      handle,
      'signOff',
      { actor: actors.uleHead, data: body },
      keyedUpdateId(token),
    );
    expect(first.status).toBe('archived');
    await handle.result();
    const retry = await api.act(actors.uleHead, code, 'signOff', body, { 'Idempotency-Key': key });
    expect(retry.status).toBe(200);
    expect(retry.body).toMatchObject({ status: 'archived', eventCount: first.eventCount });
    // Without the key it is a new request, and the archived issue takes no action.
    const fresh = await api.act(actors.uleHead, code, 'signOff', body);
    expect(fresh.status).toBe(409);
  });

  it('S2: a report retried a moment after the API died half-way finds the issue the dead attempt started, without waiting', async () => {
    const key = `report-fresh-crash-${Date.now()}`;
    const body = { ...REPORT, title: `上报即刻重试 ${key}` };
    const token = await leaveAbandonedRequest(
      h.dataSource,
      { key, actorId: actors.wrbMember.id, endpoint: 'POST /api/v1/issues', body },
      1,
    );
    const { IssuesService } = await import('../../api/issues/issues.service');
    const dead = await h.app.get(IssuesService).report(body as never, actors.wrbMember, token);
    const retry = await server()
      .post('/api/v1/issues')
      .set('authorization', bearer(actors.wrbMember))
      .set('Idempotency-Key', key)
      .send(body);
    expect(retry.status).toBe(201);
    expect(retry.body).toMatchObject({ code: dead.code, runId: dead.runId });
  });

  it('S3: an action that outlasts UPDATE_WAIT_SECONDS is answered 202 with a Location, and completes once', async () => {
    const queue = 'it-keyed-late-worker';
    const late = await extraApi(h, { TEMPORAL_TASK_QUEUE: queue, UPDATE_WAIT_SECONDS: '1' });
    const http = () => request(late.getHttpServer());
    try {
      const reported = await http()
        .post('/api/v1/issues')
        .set('authorization', bearer(actors.wrbMember))
        .send({ ...REPORT, title: '无工作进程时上报' })
        .expect(201);
      const code = reported.body.code as string;
      const key = `late-transfer-${code}`;
      const body = { toUnit: 'ULE', reason: '属执法局职责' };
      const send = () =>
        http()
          .post(`/api/v1/issues/${code}/transfer`)
          .set('authorization', bearer(actors.wrbMember))
          .set('Idempotency-Key', key)
          .send(body);
      // No worker polls this queue yet: the Update cannot finish, and the client is not kept waiting.
      const started = Date.now();
      const accepted = await send();
      expect(Date.now() - started).toBeLessThan(8000);
      expect(accepted.status).toBe(202);
      expect(accepted.headers.location).toMatch(
        new RegExp(`^/api/v1/issues/${code}/actions/http-[0-9a-f]{32}$`),
      );
      expect(accepted.headers['retry-after']).toBeDefined();
      expect(accepted.body).toMatchObject({ status: 'pending', location: accepted.headers.location });
      const poll = () => http().get(accepted.headers.location).set('authorization', bearer(actors.wrbMember));
      expect((await poll()).status).toBe(202);
      // A retry with the same key is no second transfer: it waits for the same Update.
      expect((await send()).status).toBe(202);

      const connection = await NativeConnection.connect({ address: testServers().temporalAddress });
      const worker = await createWorker({
        connection,
        namespace: testServers().namespace,
        taskQueue: queue,
        dataSource: h.dataSource,
        sealKey: h.sealKey,
      });
      const running = worker.run();
      try {
        const done = await eventually(async () => {
          const answer = await poll();
          return answer.status === 200 ? (answer.body as IssueState) : undefined;
        }, 60_000);
        expect(done.status).toBe('transferred');
        const retried = await send().expect(200);
        expect(retried.body).toMatchObject({ status: 'transferred', eventCount: done.eventCount });
        // Reported and transferred: two events, the transfer once. The report's own write is the workflow's, not
        // the Update's, so it may land just after the transfer's answer.
        expect(done.eventCount).toBe(2);
        const rows = await eventually(async () =>
          (await api.eventRows(code)) >= 2 ? api.eventRows(code) : undefined,
        );
        expect(rows).toBe(2);
        expect(
          (
            await http()
              .get(`/api/v1/issues/${code}/actions/http-${'0'.repeat(32)}`)
              .set('authorization', bearer(actors.wrbMember))
          ).status,
        ).toBe(404);
      } finally {
        worker.shutdown();
        await running;
        await connection.close();
      }
    } finally {
      await late.close();
    }
  }, 120_000);

  it('S3: PostgreSQL or Temporal out of reach is 503 with Retry-After naming it, and the API answers again once it is back', async () => {
    const servers = testServers();
    const pg = await TcpProxy.start(new URL(servers.databaseUrl).host);
    const temporal = await TcpProxy.start(servers.temporalAddress);
    const relayed = await extraApi(h, {
      TEMPORAL_TASK_QUEUE: h.config.TEMPORAL_TASK_QUEUE,
      DATABASE_URL: pg.rewrite(servers.databaseUrl),
      TEMPORAL_ADDRESS: temporal.address,
      RETRY_AFTER_SECONDS: '7',
    });
    const http = () => request(relayed.getHttpServer());
    try {
      const code = await api.report(actors.wrbMember);
      const read = () => http().get(`/api/v1/issues/${code}`).set('authorization', bearer(actors.wrbMember));
      expect((await read()).status).toBe(200);

      await temporal.cut();
      const noTemporal = await read();
      expect(noTemporal.status).toBe(503);
      expect(noTemporal.headers['retry-after']).toBe('7');
      expect(noTemporal.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(noTemporal.body).toMatchObject({ code: 'service-unavailable', dependency: 'temporal' });
      const action = await http()
        .post(`/api/v1/issues/${code}/transfer`)
        .set('authorization', bearer(actors.wrbMember))
        .set('Idempotency-Key', `outage-${code}`)
        .send({ toUnit: 'ULE', reason: '属执法局职责' });
      expect(action.status).toBe(503);
      const ready = await http().get('/health/ready');
      expect(ready.status).toBe(503);
      expect(ready.body.down).toEqual(['temporal']);
      await temporal.restore();
      expect(await eventually(async () => ((await read()).status === 200 ? true : undefined), 30_000)).toBe(
        true,
      );

      await pg.cut();
      const noDatabase = await http().get('/api/v1/issues').set('authorization', bearer(actors.wrbMember));
      expect(noDatabase.status).toBe(503);
      expect(noDatabase.headers['retry-after']).toBe('7');
      expect(noDatabase.body).toMatchObject({ code: 'service-unavailable', dependency: 'postgres' });
      expect((await http().get('/health/ready')).body.down).toEqual(['postgres']);
      await pg.restore();
      const back = await eventually(async () => {
        const answer = await http().get('/api/v1/issues').set('authorization', bearer(actors.wrbMember));
        return answer.status === 200 ? answer : undefined;
      }, 30_000);
      expect(back.status).toBe(200);
      // The keyed action refused during the outage is done once when retried.
      const retried = await http()
        .post(`/api/v1/issues/${code}/transfer`)
        .set('authorization', bearer(actors.wrbMember))
        .set('Idempotency-Key', `outage-${code}`)
        .send({ toUnit: 'ULE', reason: '属执法局职责' });
      expect(retried.status).toBe(200);
      expect(retried.body.status).toBe('transferred');
    } finally {
      await relayed.close();
      await pg.close();
      await temporal.close();
    }
  }, 120_000);
});
