import request from 'supertest';
import { defaultPayloadConverter } from '@temporalio/common';
import type { IssueState } from '../../domain/issue/issue.types';
import { NeedsAttentionKey } from '../../workflows/issue/issue.search-attributes';
import { eventually, startHarness, type Harness } from '../support/harness';
import { ledgerWritesIn, recordHistoryIfAsked } from '../support/histories';
import { ISSUE_RUN_VERSION } from '../../workflows/issue/issue.workflow';
import { IssueApi } from '../support/http-lifecycle';
import { actors } from '../support/lifecycle-fixtures';
import { bearer } from '../support/tokens';

/** A real refusal by PostgreSQL: a trigger that raises check_violation (SQLSTATE 23514) for a marked event. */
const REFUSING_TRIGGER = `
  CREATE OR REPLACE FUNCTION it_refuse_marked_events() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF NEW.payload::text LIKE '%拒绝写入%' THEN
      RAISE EXCEPTION 'event % refused by the test trigger', NEW.id USING ERRCODE = '23514';
    END IF;
    RETURN NEW;
  END $$;
  CREATE TRIGGER it_refuse_marked_events BEFORE INSERT ON issue_events
    FOR EACH ROW EXECUTE FUNCTION it_refuse_marked_events();`;

describe('needs attention', () => {
  let h: Harness;
  let api: IssueApi;
  beforeAll(async () => {
    h = await startHarness('it-attention', { UPDATE_WAIT_SECONDS: '2' });
    api = new IssueApi(h);
  });
  afterAll(async () => {
    await h?.dataSource.query(`DROP TRIGGER IF EXISTS it_refuse_marked_events ON issue_events`);
    await h?.stop();
  });
  const server = () => request(h.app.getHttpServer());

  it('S4: a write PostgreSQL refuses for its data marks the issue NeedsAttention and tells the operators, instead of retrying forever', async () => {
    const code = await api.prepare('rectifying');
    const before = await api.state(code);
    await h.dataSource.query(REFUSING_TRIGGER);
    try {
      const key = `attention-${code}`;
      const body = { note: '拒绝写入的进展' };
      const refused = await api.act(actors.uleMember, code, 'reportProgress', body, {
        'Idempotency-Key': key,
      });
      // The Update waits for the operators, so the client gets where to poll instead of a hanging request.
      expect(refused.status).toBe(202);
      const location = refused.headers.location;

      const handle = h.client.workflow.getHandle(`issue-${code}`);
      const attention = await eventually(async () => {
        const state = await api.state(code);
        return state.attention ? state.attention : undefined;
      });
      expect(attention).toMatchObject({ sqlstate: '23514', pendingEvents: [before.eventCount + 1] });
      expect(attention.reason).toContain('refused by the test trigger');
      const described = await eventually(async () => {
        const d = await handle.describe();
        return d.typedSearchAttributes.get(NeedsAttentionKey) === true ? d : undefined;
      });
      expect((described.memo?.attention as { sqlstate?: string } | undefined)?.sqlstate).toBe('23514');
      // Not retried forever: the write (a local activity) failed once, at its first attempt, for good.
      const history = await handle.fetchHistory();
      const failures = ledgerWritesIn(history).filter((w) => w.failure);
      expect(failures.map((w) => [w.local, w.attempt])).toEqual([[true, 1]]);
      const failure = failures[0]?.failure;
      expect(failure?.applicationFailureInfo?.type).toBe('IssueDataError');
      expect(failure?.applicationFailureInfo?.nonRetryable).toBe(true);
      expect(
        defaultPayloadConverter.fromPayload<{ sqlstate: string }>(
          failure!.applicationFailureInfo!.details!.payloads![0],
        ).sqlstate,
      ).toBe('23514');

      // The operators' mailbox and 县环委办's members are told, in Chinese first.
      const notices = await eventually(async () => {
        const rows = await h.dataSource.query<Array<{ audience: string; subject: string; body: string }>>(
          `SELECT audience, subject, body FROM notification_outbox WHERE issue_code = $1 AND kind = 'needs_attention'`,
          [code],
        );
        return rows.length > 0 ? rows : undefined;
      });
      expect(notices.map((n) => n.audience)).toEqual(
        expect.arrayContaining(['system_operators', 'eco_office']),
      );
      expect(notices[0]?.subject).toMatch(/^【需人工处理/);
      expect(notices[0]?.body).toContain(`/api/v1/admin/issues/${code}/resume`);

      // The issue takes no other action meanwhile, and only 县环委办 may resume it.
      const other = await api.act(actors.uleMember, code, 'reportProgress', { note: '另一条进展' });
      expect(other.status).toBe(409);
      expect(other.body.code).toBe('issue-needs-attention');
      await server()
        .post(`/api/v1/admin/issues/${code}/resume`)
        .set('authorization', bearer(actors.uleMember))
        .send({ note: '试图恢复' })
        .expect(403);

      // Resumed while the data is still refused: it needs attention again, and says so.
      const still = await server()
        .post(`/api/v1/admin/issues/${code}/resume`)
        .set('authorization', bearer(actors.eco))
        .send({ note: '尚未修正' })
        .expect(200);
      expect((still.body as IssueState).attention).toMatchObject({ sqlstate: '23514' });

      // Fixed, then resumed: the refused event lands once and the attention is gone.
      await h.dataSource.query(`DROP TRIGGER it_refuse_marked_events ON issue_events`);
      const resumed = await server()
        .post(`/api/v1/admin/issues/${code}/resume`)
        .set('authorization', bearer(actors.eco))
        .send({ note: '已删除拒绝写入的触发器' })
        .expect(200);
      expect((resumed.body as IssueState).attention).toBeNull();
      expect((resumed.body as IssueState).progressReports).toBe(before.progressReports + 1);
      expect(await api.eventRows(code)).toBe(before.eventCount + 1);
      const cleared = await eventually(async () => {
        const d = await handle.describe();
        return d.typedSearchAttributes.get(NeedsAttentionKey) === false ? d : undefined;
      });
      expect(cleared.memo?.attention ?? null).toBeNull();
      // The client's poll and its keyed retry both get the one outcome.
      const polled = await server().get(location).set('authorization', bearer(actors.uleMember)).expect(200);
      expect(polled.body.progressReports).toBe(before.progressReports + 1);
      const retry = await api.act(actors.uleMember, code, 'reportProgress', body, { 'Idempotency-Key': key });
      expect(retry.status).toBe(200);
      expect(retry.body.eventCount).toBe(before.eventCount + 1);
      await server()
        .post(`/api/v1/admin/issues/${code}/resume`)
        .set('authorization', bearer(actors.eco))
        .send({ note: '再次恢复' })
        .expect(409);
      // Its history (the refused write, the patch marker, two resumes) is a replay fixture for later versions.
      await recordHistoryIfAsked(`run-v${ISSUE_RUN_VERSION}-S4-needs-attention`, handle);
    } finally {
      await h.dataSource.query(`DROP TRIGGER IF EXISTS it_refuse_marked_events ON issue_events`);
    }
  }, 120_000);
});
