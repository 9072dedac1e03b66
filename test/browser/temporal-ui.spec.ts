import fs from 'node:fs';
import request from 'supertest';
import { defaultPayloadConverter } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { freePort } from '../../deploy/local/ports';
import { startDevServer, type RunningDevServer } from '../../deploy/local/temporal-dev-server';
import { resolveTools } from '../../deploy/local/tools';
import { eventually, startHarness, type Harness } from '../support/harness';
import { ledgerWritesIn, recordHistoryIfAsked } from '../support/histories';
import { REPORT, validBody } from '../support/http-lifecycle';
import { actors } from '../support/lifecycle-fixtures';
import { bearer } from '../support/tokens';
import { launchBrowser, screenshot, type Browser } from './support/browser';

const { EVENT_TYPE_TIMER_STARTED, EVENT_TYPE_ACTIVITY_TASK_SCHEDULED } = temporal.api.enums.v1.EventType;

/** The summary an event of the history carries for the UI's timeline, if any. */
function summaryOf(event: temporal.api.history.v1.IHistoryEvent): string | undefined {
  const payload = event.userMetadata?.summary;
  return payload ? defaultPayloadConverter.fromPayload<string>(payload) : undefined;
}

// What an operator sees of an issue in the Temporal Web UI: its summary and details, its current details, and a
// timeline whose timers and ledger writes say what they are. Its own dev server, because the suite's is headless.
describe('Temporal UI: an issue as operators see it', () => {
  let temporalServer: RunningDevServer;
  let h: Harness;
  let browser: Browser;

  beforeAll(async () => {
    const taken = new Set<number>();
    const [port, uiPort] = [await freePort(taken), await freePort(taken)];
    temporalServer = await startDevServer({
      cliPath: resolveTools().temporalCli.path,
      port,
      uiPort,
      namespace: 'default',
    });
    h = await startHarness('browser-temporal-ui', { TEMPORAL_ADDRESS: temporalServer.address });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await h?.stop();
    await temporalServer?.stop();
  });

  it('shows the summary, the current details and labelled timers; the screenshot is kept for review', async () => {
    const server = () => request(h.app.getHttpServer());
    const reported = await server()
      .post('/api/v1/issues')
      .set('authorization', bearer(actors.wrbMember))
      .send(REPORT)
      .expect(201);
    const code = reported.body.code as string;
    await server()
      .post(`/api/v1/issues/${code}/transfer`)
      .set('authorization', bearer(actors.wrbMember))
      .send(validBody('transfer'))
      .expect(200);
    await server()
      .post(`/api/v1/issues/${code}/accept-transfer`)
      .set('authorization', bearer(actors.uleMember))
      .send(validBody('acceptTransfer'))
      .expect(200);

    const handle = h.client.workflow.getHandle(`issue-${code}`);
    const description = await handle.describe();
    expect(await description.staticSummary()).toBe(`问题 ${code} · [一般] ${REPORT.title} · T-GUZHOU`);
    expect(await description.staticDetails()).toContain('**发现单位 Found by** WRB');

    // Current details come from the workflow itself, through the metadata query the UI asks.
    const metadata = await handle.query<{ currentDetails?: string }>('__temporal_workflow_metadata');
    expect(metadata.currentDetails).toContain('**状态 State** 已受理（accepted）');
    expect(metadata.currentDetails).toMatch(/\*\*期限 Deadline\*\* \d{4}年\d+月\d+日 \d\d:\d\d（北京时间）/);
    expect(metadata.currentDetails).toContain('**待办单位 Must act** ULE');

    // The timeline's events say what they are: the deadlines' timers and the ledger writes.
    const events = await eventually(async () => {
      const history = await handle.fetchHistory();
      const all = history.events ?? [];
      return all.some((e) => e.eventType === EVENT_TYPE_TIMER_STARTED) ? all : undefined;
    });
    const timers = events.filter((e) => e.eventType === EVENT_TYPE_TIMER_STARTED).map(summaryOf);
    // The ledger writes are local activities: each a marker, labelled like an activity would be.
    const writes = ledgerWritesIn({ events }).map((w) => w.summary);
    expect(events.some((e) => e.eventType === EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)).toBe(false);
    expect(timers.length).toBeGreaterThan(0);
    for (const label of timers)
      expect(label).toMatch(/^\S+(期限提醒|逾期通报|县级督办|报总网格长) · \d+月\d+日$/);
    // A timer per deadline as the issue moved on: the transfer's acceptance, then the 五定 plan's.
    expect(timers).toContainEqual(expect.stringMatching(/^移交受理/));
    expect(timers[timers.length - 1]).toMatch(/^五定方案期限提醒 · /);
    expect(writes[0]).toBe('写入台账 · 上报');
    expect(writes).toContain('写入台账 · 受理移交、确定整改责任单位');
    await recordHistoryIfAsked(`v3-operator-view-${handle.workflowId}`, handle);

    // The history's timeline: each timer and ledger write with its label.
    const { page } = browser;
    await page.setViewportSize({ width: 1440, height: 1100 });
    await page.goto(`${temporalServer.uiUrl}/namespaces/default/workflows/issue-${code}`);
    await page.getByText('五定方案期限提醒').first().waitFor({ timeout: 60_000 });
    await page.getByText('写入台账 · 上报').first().waitFor();
    const timeline = await screenshot(page, 'temporal-ui-issue-timeline', { fullPage: false });
    // Its user metadata: the fixed summary and details, and the current details the workflow keeps up to date.
    await page.getByText('User Metadata', { exact: true }).first().click();
    // The UI renders the markdown of summaries and details inside sandboxed frames: read every frame's text.
    const shown = await eventually(async () => {
      const texts = await Promise.all(
        page.frames().map((f) =>
          f
            .locator('body')
            .innerText()
            .catch(() => ''),
        ),
      );
      const all = texts.join('\n');
      return all.includes(`问题 ${code} · [一般]`) && all.includes('已受理') && all.includes('ULE')
        ? all
        : undefined;
    });
    expect(shown).toMatch(/状态 State\s*已受理\s*（\s*accepted\s*）/);
    const details = await screenshot(page, 'temporal-ui-issue-metadata', { fullPage: false });
    for (const file of [timeline, details]) expect(fs.statSync(file).size).toBeGreaterThan(20_000);
  });
});
