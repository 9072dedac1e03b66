import request from 'supertest';
import { ACTION_DTOS, actionPath } from '../../api/issues/issue-actions';
import { IssuesController } from '../../api/issues/issues.controller';
import { ACTION_IDS } from '../../domain/process/issue-process.definition';
import {
  IssueStatusKey,
  OwnerUnitKey,
  SeverityKey,
  TownshipKey,
} from '../../workflows/issue/issue.search-attributes';
import { issueStateQuery } from '../../workflows/issue/issue.messages';
import { eventually, startHarness, type Harness } from '../support/harness';
import { bearer, tokenFor } from '../support/tokens';
import { actors } from '../support/lifecycle-fixtures';

/** What the test reads of an OpenAPI operation. */
interface Operation {
  operationId?: string;
  tags?: string[];
  requestBody?: { content: Record<string, { schema: unknown }> };
}

/** The reporter: a 水务局 grid member; the finder unit and the reporter's name come from this token. */
const lisi = { id: 'wrb-lisi', name: '李四', unitCode: 'WRB', roles: ['grid_member'] } as const;

const report = {
  title: '河道旁堆放生活垃圾',
  description: '村口河道左岸约50米处堆放生活垃圾，渗滤液流入河道。',
  category: 'domestic_waste',
  severity: 'general',
  source: 'resident_visit',
  township: 'T-GUZHOU',
  village: 'V-GUZHOU-01',
  location: { lat: 25.9317, lng: 108.5213 },
};

describe(IssuesController.name, () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness('it-issues');
  });
  afterAll(async () => {
    await h?.stop();
  });
  const server = () => request(h.app.getHttpServer());
  /** Requests as 李四 of 水务局. */
  const http = () => ({
    get: (url: string) => server().get(url).set('authorization', bearer(lisi)),
    post: (url: string) => server().post(url).set('authorization', bearer(lisi)),
  });

  it('L1: an issue reported over HTTP runs as workflow issue-<code> with its search attributes', async () => {
    const response = await http().post('/api/v1/issues').send(report).expect(201);
    const code = response.body.code as string;
    expect(code).toMatch(/^\d{4}-\d{6}$/);
    expect(response.body.workflowId).toBe(`issue-${code}`);
    expect(response.headers.location).toBe(`/api/v1/issues/${code}`);

    const description = await h.client.workflow.getHandle(`issue-${code}`).describe();
    expect(description.type).toBe('issueLifecycle');
    expect(description.status.name).toBe('RUNNING');
    expect(description.typedSearchAttributes.get(IssueStatusKey)).toBe('reported');
    expect(description.typedSearchAttributes.get(OwnerUnitKey)).toBe('ULE'); // domestic waste → 县综合行政执法局
    expect(description.typedSearchAttributes.get(TownshipKey)).toBe('T-GUZHOU');
    expect(description.typedSearchAttributes.get(SeverityKey)).toBe('general');
    expect(String(description.memo?.summary)).toContain('河道旁堆放生活垃圾');

    // Visibility is eventually consistent: the list query finds it once indexed.
    const found = await eventually(async () => {
      for await (const wf of h.client.workflow.list({
        query: `IssueStatus='reported' AND Township='T-GUZHOU'`,
      })) {
        if (wf.workflowId === `issue-${code}`) return wf;
      }
      return undefined;
    });
    expect(found.type).toBe('issueLifecycle');
  });

  it('L2: the report is in the finder unit’s ledger and the read model at once', async () => {
    const { body } = await http().post('/api/v1/issues').send(report).expect(201);
    const code = body.code as string;
    const events = await eventually(async () => {
      const rows = await h.dataSource.query<Array<Record<string, unknown>>>(
        `SELECT id, seq, type, actor, actor_unit FROM issue_events WHERE issue_code = $1`,
        [code],
      );
      return rows.length > 0 ? rows : undefined;
    });
    expect(events).toEqual([
      { id: `issue-${code}#1`, seq: 1, type: 'reported', actor: '李四', actor_unit: 'WRB' },
    ]);
    const ledger = await h.dataSource.query(
      `SELECT unit_code, role FROM ledger_entries WHERE issue_code = $1 ORDER BY role`,
      [code],
    );
    // L2: the finder's ledger at once; L6: the territorial owner carries it from the start too.
    expect(ledger).toEqual([
      { unit_code: 'WRB', role: 'finder' },
      { unit_code: 'T-GUZHOU', role: 'territorial_owner' },
    ]);
    const [issue] = await h.dataSource.query<Array<Record<string, unknown>>>(
      `SELECT status, sector_owner, territorial_owner, title FROM issues WHERE code = $1`,
      [code],
    );
    expect(issue).toEqual({
      status: 'reported',
      sector_owner: 'ULE',
      territorial_owner: 'T-GUZHOU',
      title: report.title,
    });
  });

  it('GET /api/v1/issues/:code answers the live state from the workflow query, with the history', async () => {
    const { body } = await http()
      .post('/api/v1/issues')
      .send({ ...report, severity: 'major' })
      .expect(201);
    const code = body.code as string;
    const live = await h.client.workflow.getHandle(`issue-${code}`).query(issueStateQuery);
    const detail = await eventually(async () => {
      const res = await http().get(`/api/v1/issues/${code}`).expect(200);
      return res.body.events.length === 2 ? res.body : undefined;
    });
    expect(detail.state.code).toBe(code);
    expect(detail.state.status).toBe('reported');
    expect(detail.state.report.severity).toBe('major');
    expect(detail.state.sectorOwner).toBe(live.sectorOwner);
    expect(detail.state.eventCount).toBe(2);
    // L12: a major issue is reported to the county heads at once.
    expect(detail.events.map((e: { type: string }) => e.type)).toEqual(['reported', 'major_issue_reported']);
    expect(detail.temporalUiUrl).toContain(`/workflows/issue-${code}`);
  });

  it('L15: the event history refuses updates and deletes', async () => {
    const { body } = await http().post('/api/v1/issues').send(report).expect(201);
    const id = `issue-${body.code as string}#1`;
    await eventually(async () => {
      const rows: unknown[] = await h.dataSource.query(`SELECT 1 FROM issue_events WHERE id = $1`, [id]);
      return rows.length ? true : undefined;
    });
    await expect(
      h.dataSource.query(`UPDATE issue_events SET actor = 'x' WHERE id = $1`, [id]),
    ).rejects.toThrow(/append-only/);
    await expect(h.dataSource.query(`DELETE FROM issue_events WHERE id = $1`, [id])).rejects.toThrow(
      /append-only/,
    );
  });

  it('refuses a malformed report with problem+json naming each field and rule, and starts nothing', async () => {
    const before = await h.dataSource.query(`SELECT count(*)::int AS n FROM issues`);
    const response = await http()
      .post('/api/v1/issues')
      .send({ ...report, title: '', severity: 'catastrophic', location: { lat: 123, lng: 0 }, hacker: true })
      .expect(400);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.body.code).toBe('validation-failed');
    const fields = (response.body.errors as Array<{ field: string; rule: string }>).map(
      (e) => `${e.field}:${e.rule}`,
    );
    expect(fields).toEqual(
      expect.arrayContaining([
        'title:isNotEmpty',
        'severity:isIn',
        'location.lat:isLatitude',
        'hacker:unknown-field',
      ]),
    );
    expect(await h.dataSource.query(`SELECT count(*)::int AS n FROM issues`)).toEqual(before);
  });

  it('refuses an unknown category or township with 422 and a specific rule', async () => {
    const category = await http()
      .post('/api/v1/issues')
      .send({ ...report, category: 'ufo_landing' })
      .expect(422);
    expect(category.body.errors).toEqual([
      expect.objectContaining({ field: 'category', rule: 'known-reference' }),
    ]);
    const township = await http()
      .post('/api/v1/issues')
      .send({ ...report, township: 'WRB' })
      .expect(422);
    expect(township.body.errors).toEqual([
      expect.objectContaining({ field: 'township', rule: 'known-reference' }),
    ]);
  });

  it('answers 400 for a malformed code, 404 for an unknown one, and 400 for broken JSON', async () => {
    expect((await http().get('/api/v1/issues/not-a-code').expect(400)).body.code).toBe('issue-code-invalid');
    const unknown = await http().get('/api/v1/issues/1999-999999').expect(404);
    expect(unknown.body).toMatchObject({
      code: 'issue-not-found',
      title: '没有该问题',
      detail: '没有这个编号的问题。',
    });
    const inEnglish = await http().get('/api/v1/issues/1999-999999').set('Accept-Language', 'en').expect(404);
    expect(inEnglish.body).toMatchObject({
      title: 'Issue not found',
      detail: 'No issue has the code 1999-999999.',
    });
    const broken = await http()
      .post('/api/v1/issues')
      .set('content-type', 'application/json')
      .send('{"title": ')
      .expect(400);
    expect(broken.body.code).toBe('malformed-body');
    const huge = await http()
      .post('/api/v1/issues')
      .send({ ...report, description: 'x'.repeat(2 * 1024 * 1024) })
      .expect(413);
    expect(huge.body.code).toBe('payload-too-large');
  });

  it('serves health checks and the OpenAPI document without a token', async () => {
    await server().get('/health/live').expect(200, { status: 'ok' });
    const ready = await server().get('/health/ready').expect(200);
    expect(ready.body.checks).toEqual({ postgres: { status: 'up' }, temporal: { status: 'up' } });
    const openapi = await server().get('/api/openapi.json').expect(200);
    expect(Object.keys(openapi.body.paths)).toEqual(
      expect.arrayContaining(['/api/v1/issues', '/api/v1/issues/{code}', '/health/ready']),
    );
    await server().get('/api/docs').redirects(1).expect(200);
    await server().get('/api/v1/process-definitions/issue-lifecycle').expect(200);
  });

  it('L1: the finder unit and the reporter come from the token; a body that names them is refused', async () => {
    const { body } = await http()
      .post('/api/v1/issues')
      .send({ ...report, title: '令牌决定发现单位' })
      .expect(201);
    expect(body.state.report).toMatchObject({ finderUnit: 'WRB', reportedBy: '李四' });
    const spoofed = await http()
      .post('/api/v1/issues')
      .send({ ...report, finderUnit: 'ECO', reportedBy: '县长' })
      .expect(400);
    expect((spoofed.body.errors as Array<{ field: string; rule: string }>).map((e) => e.field)).toEqual(
      expect.arrayContaining(['finderUnit', 'reportedBy']),
    );
  });

  it('answers 401 problem+json without a token, with a bad, expired or foreign token, and never echoes it', async () => {
    const missing = await server().post('/api/v1/issues').send(report).expect(401);
    expect(missing.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(missing.body.code).toBe('token-missing');
    expect(missing.headers['www-authenticate']).toMatch(/^Bearer/);
    await server().get('/api/v1/issues/2026-000001').expect(401);

    const expired = tokenFor(lisi, { expiresIn: -60 });
    const res = await server().get('/api/v1/issues/2026-000001').set('authorization', `Bearer ${expired}`);
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('token-expired');
    expect(JSON.stringify(res.body)).not.toContain(expired);

    const forged = tokenFor(lisi, { secret: 'another-secret-of-at-least-32-characters!!' });
    const bad = await server().get('/api/v1/issues/2026-000001').set('authorization', `Bearer ${forged}`);
    expect(bad.status).toBe(401);
    expect(bad.body.code).toBe('token-invalid');
    expect(JSON.stringify(bad.body)).not.toContain(forged);

    const wrongAudience = tokenFor(lisi, { audience: 'someone-else' });
    await server()
      .get('/api/v1/issues/2026-000001')
      .set('authorization', `Bearer ${wrongAudience}`)
      .expect(401);
    await server().get('/api/v1/issues/2026-000001').set('authorization', 'Basic dXNlcjpwYXNz').expect(401);
    const badRole = tokenFor({ ...lisi, roles: ['emperor' as never] });
    await server().get('/api/v1/issues/2026-000001').set('authorization', `Bearer ${badRole}`).expect(401);
  });

  it('H1: reads an issue only for its related units, 县环委办 and the county heads; to others it does not exist', async () => {
    const { body } = await http().post('/api/v1/issues').send(report).expect(201);
    const url = `/api/v1/issues/${body.code as string}`;
    for (const reader of [
      actors.wrbMember,
      actors.uleMember,
      actors.township,
      actors.eco,
      actors.chief,
      actors.deputyChief,
    ]) {
      await server().get(url).set('authorization', bearer(reader)).expect(200);
    }
    for (const outsider of [actors.forMember, actors.agrMember]) {
      const refused = await server().get(url).set('authorization', bearer(outsider)).expect(404);
      const unknown = await server().get('/api/v1/issues/2099-999999').set('authorization', bearer(outsider));
      expect([refused.status, refused.body.code, refused.body.title]).toEqual([
        unknown.status,
        unknown.body.code,
        unknown.body.title,
      ]);
    }
  });

  it('documents every lifecycle action with its own body schema', async () => {
    const openapi = await server().get('/api/openapi.json').expect(200);
    const transfer = openapi.body.paths['/api/v1/issues/{code}/transfer'].post;
    expect(transfer.requestBody.content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/TransferDto',
    });
    const plan = openapi.body.components.schemas.SubmitPlanDto;
    expect(plan.required).toEqual(
      expect.arrayContaining(['responsibleUnit', 'responsiblePerson', 'measures', 'timeLimit', 'target']),
    );
    expect(Object.keys(openapi.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/issues/{code}/supervision-group-sign-off',
        '/api/v1/issues/{code}/reopen',
      ]),
    );
  });

  it('has exactly one route per action of the process definition, each with its own body schema', async () => {
    const { body: openapi } = await server().get('/api/openapi.json').expect(200);
    const operations = Object.entries(openapi.paths as Record<string, Record<string, Operation>>).flatMap(
      ([path, item]) => Object.entries(item).map(([method, operation]) => ({ path, method, operation })),
    );
    for (const action of ACTION_IDS) {
      const routes = operations.filter((o) => o.operation.operationId === action);
      expect(routes.map((o) => `${o.method} ${o.path}`)).toEqual([
        `post /api/v1/issues/{code}/${actionPath(action)}`,
      ]);
      const dto = ACTION_DTOS[action].name;
      expect(routes[0].operation.requestBody?.content['application/json'].schema).toEqual({
        $ref: `#/components/schemas/${dto}`,
      });
      expect(openapi.components.schemas[dto]).toMatchObject({ type: 'object' });
    }
    // …and no action route that the process definition does not know; the one GET polls an action's outcome (S3).
    const tagged = operations.filter((o) => o.operation.tags?.includes('issue actions'));
    const actionRoutes = tagged.filter((o) => o.method === 'post');
    expect(actionRoutes.map((o) => o.operation.operationId).sort()).toEqual([...ACTION_IDS].sort());
    expect(tagged.filter((o) => o.method !== 'post').map((o) => `${o.method} ${o.path}`)).toEqual([
      'get /api/v1/issues/{code}/actions/{updateId}',
    ]);
  });
});
