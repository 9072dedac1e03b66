import request from 'supertest';
import { IssuesController } from '../../api/issues/issues.controller';
import type { IssueListItem } from '../../api/issues/issues-query.dto';
import type { IssueState } from '../../domain/issue/issue.types';
import { IssueRepository } from '../../persistence/repositories/issue.repository';
import { startHarness, type Harness } from '../support/harness';
import { IssueApi } from '../support/http-lifecycle';
import { actors } from '../support/lifecycle-fixtures';
import { bearer } from '../support/tokens';

type Who = (typeof actors)[keyof typeof actors];
interface IssuePage {
  items: IssueListItem[];
  page: number;
  pageSize: number;
  total: number;
  nextCursor: string | null;
  totalEstimated: boolean;
}

/** A marker in every title of this run, so issues of other test files never count. */
const marker = `R${Date.now().toString(36)}`;

/** Reads that scale: archived details from the read model, keyset pages, the report listed before its answer. */
describe(`${IssuesController.name} reads`, () => {
  let h: Harness;
  let api: IssueApi;
  const server = () => request(h.app.getHttpServer());
  const get = (who: Who, url: string) => server().get(url).set('authorization', bearer(who));
  const list = async (who: Who, query: string): Promise<IssuePage> => {
    const { body } = await get(who, `/api/v1/issues?text=${encodeURIComponent(marker)}&${query}`).expect(200);
    return body as IssuePage;
  };
  const report = (title: string) => api.report(actors.uleMember, { title: `${marker} ${title}` });

  beforeAll(async () => {
    h = await startHarness('it-issue-reads');
    api = new IssueApi(h);
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('Q3: a list right after a burst of reports finds every one of them', async () => {
    const codes = await Promise.all(['一', '二', '三', '四', '五', '六'].map((n) => report(`河道垃圾${n}`)));
    // No waiting for the workflow's first write: the API wrote the row before it answered 201.
    const page = await list(actors.eco, 'pageSize=200');
    expect(page.items.map((item) => item.code).sort()).toEqual([...codes].sort());
    const mine = await list(actors.uleMember, 'pageSize=200');
    expect(mine.items.map((item) => item.code).sort()).toEqual([...codes].sort());
  });

  it('Q3: the API’s write and the workflow’s first write of one issue never conflict', async () => {
    const issues = new IssueRepository(h.dataSource);
    const code = await report('并发写入');
    const state = await api.state(code);
    // Fresh codes written from two connections at once, as the API and the first activity do.
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, n) => {
        const fresh = { ...state, code: `2099-${String(900_000 + n).padStart(6, '0')}` };
        return Promise.all([
          issues.upsertRow(fresh, 0, state.reportedAt),
          issues.upsertRow(fresh, 1, state.reportedAt),
        ]);
      }),
    );
    try {
      expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
      const rows = await h.dataSource.query<Array<{ last_event_seq: number }>>(
        `SELECT last_event_seq FROM issues WHERE code LIKE '2099-9%'`,
      );
      expect(rows.map((r) => r.last_event_seq)).toEqual(Array(10).fill(1));
    } finally {
      await h.dataSource.query(`DELETE FROM issues WHERE code LIKE '2099-9%'`);
    }
  });

  it('Q2: keyset pages in every sort read the same rows as one page, and repeat the first page’s total', async () => {
    for (const sort of ['-reportedAt', 'reportedAt', 'deadline', '-deadline']) {
      const whole = await list(actors.eco, `pageSize=200&sort=${sort}`);
      expect(whole.total).toBeGreaterThanOrEqual(6);
      expect(whole.nextCursor).toBeNull();
      const seen: string[] = [];
      let page = await list(actors.eco, `pageSize=4&sort=${sort}`);
      expect(page).toMatchObject({ page: 1, total: whole.total, totalEstimated: false });
      seen.push(...page.items.map((i) => i.code));
      for (let n = 2; page.nextCursor; n++) {
        page = await list(actors.eco, `pageSize=4&cursor=${page.nextCursor}`);
        expect(page).toMatchObject({ page: n, pageSize: 4, total: whole.total, totalEstimated: false });
        seen.push(...page.items.map((i) => i.code));
      }
      expect(seen).toEqual(whole.items.map((i) => i.code));
    }
  });

  it('Q2: a cursor that is no nextCursor is refused, naming the field', async () => {
    const first = await list(actors.eco, 'pageSize=1');
    expect(first.nextCursor).toMatch(/^[A-Za-z0-9_-]+$/);
    const otherSort = await get(
      actors.eco,
      `/api/v1/issues?pageSize=1&sort=deadline&cursor=${first.nextCursor}`,
    );
    expect(otherSort.status).toBe(422);
    expect(otherSort.body.errors[0]).toMatchObject({ field: 'cursor', rule: 'Q2' });
    const garbage = await get(
      actors.eco,
      `/api/v1/issues?cursor=${Buffer.from('[1,2]').toString('base64url')}xx`,
    );
    expect(garbage.status).toBe(422);
    expect((await get(actors.eco, '/api/v1/issues?cursor=not%20a%20cursor')).status).toBe(400);
  });

  it('Q1: an archived issue’s detail is read from the read model, the same body as the workflow query gave', async () => {
    const code = await report('建档后读取');
    await api.ok(actors.uleMember, code, 'recordImmediateFix', { description: '清运', evidence: ['a.jpg'] });
    await api.ok(actors.uleLeader, code, 'confirmFix', { opinion: '到位' });
    await api.ok(actors.township, code, 'signOff', { opinion: '同意' });
    const open = (await get(actors.eco, `/api/v1/issues/${code}`).expect(200)).body as Record<
      string,
      unknown
    >;
    await api.ok(actors.uleHead, code, 'signOff', { opinion: '同意' });

    const closed = (await get(actors.eco, `/api/v1/issues/${code}`).expect(200)).body as {
      state: IssueState;
      events: unknown[];
      allowedActions: string[];
      temporalUiUrl: string;
    };
    // The closed workflow's own answer, and the same shape as while it was open.
    expect(closed.state).toEqual(JSON.parse(JSON.stringify(await api.state(code))));
    expect(Object.keys(closed).sort()).toEqual(Object.keys(open).sort());
    expect(Object.keys(closed.state).sort()).toEqual(Object.keys(open.state as object).sort());
    expect(closed).toMatchObject({ allowedActions: [], temporalUiUrl: open.temporalUiUrl });
    expect(closed.events.length).toBeGreaterThan((open.events as unknown[]).length);
    // H1 holds on this path too.
    expect((await get(actors.forMember, `/api/v1/issues/${code}`)).status).toBe(404);

    // Read from the row, not from the workflow: a mark put on the row shows.
    await h.dataSource.query(
      `UPDATE issues SET state = jsonb_set(state, '{report,title}', '"行已读取"') WHERE code = $1`,
      [code],
    );
    const marked = (await get(actors.eco, `/api/v1/issues/${code}`).expect(200)).body as {
      state: IssueState;
    };
    expect(marked.state.report.title).toBe('行已读取');

    // Reopened, it is live again at once: the query answers, not the archived row.
    await server()
      .post(`/api/v1/issues/${code}/reopen`)
      .set('authorization', bearer(actors.eco))
      .send({ reason: '问题反弹' })
      .expect(200);
    const reopened = (await get(actors.eco, `/api/v1/issues/${code}`).expect(200)).body as {
      state: IssueState;
    };
    expect(reopened.state.status).not.toBe('archived');
    expect(reopened.state.report.title).toBe(`${marker} 建档后读取`);
  });
});
