import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { IMMUTABLE } from '../../api/console/console-static';
import type { IssueListItem } from '../../api/issues/issues-query.dto';
import { DEFAULT_CALENDAR } from '../../domain/calendar/working-days';
import { allowedActions } from '../../domain/issue/lifecycle';
import { ISSUE_PROCESS } from '../../domain/process/issue-process.definition';
import { eventually, startHarness, type Harness } from '../support/harness';
import { validBody } from '../support/http-lifecycle';
import { actors } from '../support/lifecycle-fixtures';
import { bearer } from '../support/tokens';

type Who = (typeof actors)[keyof typeof actors];

/** A marker in every title of this run, so issues of other test files never count. */
const marker = `C${Date.now().toString(36)}`;

// The web console is served by the API's own process: a stand-in build, so this file needs no Vite run.
describe('Web console serving, allowedActions and actionableBy=me', () => {
  let h: Harness;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eco-grid-console-'));
  const server = () => request(h.app.getHttpServer());
  const get = (who: Who, url: string) => server().get(url).set('authorization', bearer(who));
  const post = (who: Who, url: string, body: object) =>
    server().post(url).set('authorization', bearer(who)).send(body);
  const report = async (who: Who, category: string) => {
    const { body } = await post(who, '/api/v1/issues', {
      title: `${marker} 控制台测试`,
      description: '控制台接口测试',
      category,
      severity: 'general',
      source: 'resident_visit',
      township: 'T-GUZHOU',
    }).expect(201);
    const code = (body as { code: string }).code;
    await eventually(async () => {
      const rows = await h.dataSource.query(
        `SELECT code FROM issues WHERE code = $1 AND last_event_seq >= 2`,
        [code],
      );
      return rows.length > 0 ? true : undefined;
    });
    return code;
  };
  const mine = async (who: Who) => {
    const { body } = await get(who, `/api/v1/issues?actionableBy=me&text=${marker}&sort=deadline`).expect(
      200,
    );
    return (body as { items: IssueListItem[] }).items.map((item) => item.code);
  };

  beforeAll(async () => {
    fs.mkdirSync(path.join(dir, 'assets'));
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><div id="root"></div>');
    fs.writeFileSync(path.join(dir, 'assets', 'index-Ab12Cd34.js'), 'console.log("console")');
    fs.writeFileSync(path.join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    h = await startHarness('it-console-api', { CONSOLE_DIR: dir });
  });
  afterAll(async () => {
    await h?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('serves index.html at / and for the console’s own routes, always revalidated', async () => {
    for (const url of ['/', '/issues/2026-000001', '/inbox?unread=true']) {
      const answer = await server().get(url).expect(200);
      expect(answer.headers['content-type']).toMatch(/^text\/html/);
      expect(answer.headers['cache-control']).toBe('no-cache');
      expect(answer.text).toContain('<div id="root">');
    }
  });

  it('serves hashed assets for a year, other files revalidated, a missing asset as 404', async () => {
    const asset = await server().get('/assets/index-Ab12Cd34.js').expect(200);
    expect(asset.headers['cache-control']).toBe(IMMUTABLE);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(asset.headers['content-type']).toMatch(/javascript/);
    const icon = await server().get('/favicon.svg').expect(200);
    expect(icon.headers['cache-control']).toBe('no-cache');
    const missing = await server().get('/assets/index-gone.js').expect(404);
    expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('leaves the API’s paths to the API: unknown /api paths stay problem+json 404, docs and Open311 work', async () => {
    for (const url of ['/api/v1/no-such-thing', '/api/nothing', '/health/nothing']) {
      const answer = await server().get(url).expect(404);
      expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    // Open311 clients get GeoReport v2's own error list, not the console's page.
    const open311 = await server().get('/open311/v2/nothing.json').expect(404);
    expect(open311.body).toEqual([
      { code: 404, description: expect.stringContaining('/open311/v2/nothing.json') },
    ]);
    await server().get('/api/openapi.json').expect(200).expect('content-type', /json/);
    await server().get('/api/docs').expect(200).expect('content-type', /html/);
    await server().get('/open311/v2/services.json').expect(200).expect('content-type', /json/);
    const posted = await server().post('/').send({}).expect(404);
    expect(posted.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('L3: actionableBy=me lists the open issues awaiting the caller’s unit and no other', async () => {
    const ule = await report(actors.uleMember, 'domestic_waste');
    const agr = await report(actors.agrMember, 'livestock_manure');
    expect(await mine(actors.uleMember)).toEqual([ule]);
    expect(await mine(actors.agrMember)).toEqual([agr]);
    // Transferred to the water bureau: now it awaits WRB, not ULE.
    await post(actors.uleMember, `/api/v1/issues/${ule}/transfer`, {
      toUnit: 'WRB',
      reason: '河道属水务局',
    }).expect(200);
    await eventually(async () => ((await mine(actors.wrbMember)).includes(ule) ? true : undefined));
    expect(await mine(actors.uleMember)).toEqual([]);
    const { body } = await get(actors.wrbMember, `/api/v1/issues?actionableBy=me&text=${marker}`).expect(200);
    expect((body as { items: IssueListItem[] }).items[0].awaiting).toEqual(['WRB']);
    const wrong = await get(actors.uleMember, '/api/v1/issues?actionableBy=everyone').expect(400);
    expect(wrong.body.errors[0].field).toBe('actionableBy');
    const document = await server().get('/api/openapi.json').expect(200);
    const parameters = document.body.paths['/api/v1/issues'].get.parameters as Array<{ name: string }>;
    expect(parameters.map((p) => p.name)).toContain('actionableBy');
  });

  it('the issue detail names the actions the caller may take now, as the workflow validator decides', async () => {
    const code = await report(actors.uleMember, 'domestic_waste');
    const ctx = { definition: ISSUE_PROCESS, calendar: DEFAULT_CALENDAR, now: Date.now() };
    const owner = await get(actors.uleMember, `/api/v1/issues/${code}`).expect(200);
    // A plain grid member is no convener of a consultation (P5, L12); the owner names the responsible party (L21).
    expect([...owner.body.allowedActions].sort()).toEqual(
      ['nameResponsibleParty', 'recordImmediateFix', 'submitPlan', 'transfer'].sort(),
    );
    expect(owner.body.allowedActions).toEqual(allowedActions(owner.body.state, actors.uleMember, ctx));
    const eco = await get(actors.eco, `/api/v1/issues/${code}`).expect(200);
    expect(eco.body.allowedActions).not.toContain('submitPlan');
    expect(eco.body.allowedActions).toEqual(allowedActions(eco.body.state, actors.eco, ctx));

    await post(actors.uleMember, `/api/v1/issues/${code}/submit-plan`, validBody('submitPlan')).expect(200);
    const after = await get(actors.uleMember, `/api/v1/issues/${code}`).expect(200);
    expect(after.body.state.status).toBe('rectifying');
    expect(after.body.allowedActions).toEqual(allowedActions(after.body.state, actors.uleMember, ctx));
    expect(after.body.allowedActions).toContain('reportProgress');
    expect(after.body.allowedActions).not.toContain('submitPlan');
  });
});
