import type { NestExpressApplication } from '@nestjs/platform-express';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { NativeConnection, type Worker } from '@temporalio/worker';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import type { DataSource } from 'typeorm';
import { createApp } from '../../api/app.factory';
import { loadConfiguration } from '../../config/configuration';
import type { IssueState } from '../../domain/issue/issue.types';
import { DEFAULT_CALENDAR } from '../../domain/calendar';
import { timerSpreadMs } from '../../domain/issue/lifecycle';
import type { Actor } from '../../domain/organisation/roles';
import { openDataSource } from '../../persistence/data-source';
import { createWorker } from '../../worker/worker';
import { eventually } from '../support/harness';
import { enrolBeforeEachRequest } from '../support/roster';
import { testServers } from '../support/servers';
import { createTimeSkippingEnv } from '../support/time-skipping';
import { TEST_JWT_SECRET, bearer } from '../support/tokens';
import { generateSealKey } from '../../documents/seal/seal-keys';
import { DEFAULT_DUTY_POLICY } from '../../domain/duties/duty-policy';
import { shiftPeriod, weekOf } from '../../domain/duties/periods';
import { dutyReportInput, dutyReportWorkflowId } from '../../domain/duties/reports/reports';
import { checkScreen, launchBrowser, pickOption, screenshot, type Browser } from './support/browser';

const TASK_QUEUE = 'it-console-screens';
const DEMO_PASSWORD = 'demo1234';
const member: Actor = {
  id: 'demo-t-guzhou-v02-member',
  name: '演示-古州镇二村网格员',
  unitCode: 'T-GUZHOU',
  roles: ['grid_member'],
};
const township: Actor = {
  id: 'demo-t-guzhou-head',
  name: '古州镇网格长',
  unitCode: 'T-GUZHOU',
  roles: ['grid_head'],
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
  /** The weekly report's PDF as the unit downloaded it after approval: sealed with the county's key. */
  let sealedPdf: Buffer;

  async function api<T>(actor: Actor, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${base}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { authorization: bearer(actor), 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }
  /** Uploads a photo as evidence (the 1×1 PNG, made unique by bytes after its end) and answers its id. */
  async function uploadPhoto(actor: Actor, name: string): Promise<string> {
    const form = new FormData();
    const bytes = Buffer.concat([Buffer.from(PNG, 'base64'), Buffer.from(name)]);
    form.append('file', new Blob([bytes], { type: 'image/png' }), name);
    const response = await fetch(`${base}/api/v1/evidence`, {
      method: 'POST',
      headers: { authorization: bearer(actor) },
      body: form,
    });
    if (!response.ok) throw new Error(`evidence: ${response.status} ${await response.text()}`);
    return ((await response.json()) as { id: string }).id;
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

  /** 签署销号 in the issue page's dialog, as the signed-in owner; the dialog closes once the API took it. */
  async function signOffInConsole(): Promise<void> {
    await page.getByRole('button', { name: '签署销号' }).click();
    const dialog = page.getByRole('dialog', { name: '签署销号' });
    // The form renders inside the opening dialog: wait for its field rather than count it at once.
    await dialog.getByLabel('销号意见').fill('同意销号');
    await dialog.getByRole('button', { name: '提交' }).click();
    await dialog.waitFor({ state: 'hidden' });
  }

  async function checked(name: string): Promise<void> {
    expect(await checkScreen(page, name)).toEqual([]);
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
    // Last week's report of 县综合行政执法局, as the weekly round would have drafted it.
    const week = shiftPeriod(weekOf(new Date(await env.currentTimeMs())), -1);
    await env.client.workflow.start('dutyReport', {
      workflowId: dutyReportWorkflowId('weekly', 'ULE', week.id),
      taskQueue: TASK_QUEUE,
      args: [dutyReportInput('weekly', 'ULE', week, DEFAULT_DUTY_POLICY, 'ECO')],
    });
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
    // Sent empty: the required fields say so in Chinese, next to themselves (the township is the member's own).
    await page.getByRole('button', { name: '提交上报' }).click();
    await page.getByText('请选择问题类别').waitFor();
    await page.getByText('请填写问题标题').waitFor();
    expect(await page.getByRole('combobox', { name: '问题类别' }).getAttribute('aria-required')).toBe('true');
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
    // Found on patrol (the default source), the report names its patrol record (L16); this one came from a resident.
    await page.getByRole('button', { name: '提交上报' }).click();
    await page.getByText('巡查发现的问题须选择所属的巡查记录').waitFor();
    await page.getByLabel('问题来源').click({ force: true });
    await page.getByTitle('访群众').click();
    await page.getByText('巡查发现的问题须选择所属的巡查记录').waitFor({ state: 'detached' });
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

  it('台账: the unit’s sector ledger lists the issue, filters, and downloads as XLSX', async () => {
    await page.getByRole('menuitem', { name: /台账/ }).click();
    await page.getByRole('heading', { name: /问题台账/, level: 1 }).waitFor();
    await page.getByRole('row', { name: new RegExp(code) }).waitFor();
    await pickOption(page, page.getByLabel('台账类别'), '属地台账');
    await page.getByRole('row', { name: new RegExp(code) }).waitFor({ state: 'detached' });
    await pickOption(page, page.getByLabel('台账类别'), '行业台账');
    await page.getByRole('row', { name: new RegExp(code) }).waitFor();
    await checked('22-ledgers');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: '下载 Excel' }).click();
    expect((await download).suggestedFilename()).toMatch(/台账.*\.xlsx$/);
  });

  it('报告: the unit revises last week’s report, approves it under the county’s seal and downloads the PDF', async () => {
    // A menu item's name starts with its icon's (`file-text 报告`).
    await page.getByRole('menuitem', { name: /报告$/ }).click();
    await page.getByRole('heading', { name: '报告', level: 1 }).waitFor();
    const row = page.getByRole('row', { name: /县综合行政执法局/ });
    await row.getByText('草稿').waitFor();
    await checked('24-reports');
    await row.getByRole('button', { name: /网格巡查周报/ }).click();
    const drawer = page.locator('.ant-drawer-content');
    await drawer.getByLabel('工作情况').fill('本周巡查 3 次，发现问题 1 个，已制定五定工作表整改。');
    await drawer.getByRole('button', { name: '保存修改' }).click();
    await page.getByText('已保存', { exact: true }).waitFor();
    await drawer.getByRole('button', { name: '审定报送' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '审定报送' }).click();
    await drawer.getByText(/演示-ULE分网格长 于 .* 审定报送/).waitFor();
    await drawer.getByRole('link', { name: /验证电子签章/ }).waitFor();
    await screenshot(page, '24-report-approved', { fullPage: false });
    const download = page.waitForEvent('download');
    await drawer.getByRole('button', { name: 'PDF' }).click();
    const pdf = await download;
    expect(pdf.suggestedFilename()).toMatch(/\.pdf$/);
    sealedPdf = fs.readFileSync(await pdf.path());
    expect(sealedPdf.subarray(0, 5).toString()).toBe('%PDF-');
    await drawer.getByRole('button', { name: /关闭|Close/ }).click();
  });

  it('作战图 and overview: 县环委办 watches the plan go overdue and sees the escalation', async () => {
    const rectification = (await state(ecoHead)).obligations.find((o) => o.kind === 'rectification')!;
    // The overdue step comes at the issue's own second of the hour after the deadline (L10).
    await env.sleep(
      Date.parse(rectification.due) +
        timerSpreadMs(code, DEFAULT_CALENDAR) -
        (await env.currentTimeMs()) +
        5_000,
    );
    await eventually(async () => ((await state(ecoHead)).escalationLevel >= 1 ? true : undefined));
    await eventually(async () => {
      const [row] = await dataSource.query<Array<{ overdue: boolean }>>(
        `SELECT overdue FROM issues WHERE code = $1`,
        [code],
      );
      return row?.overdue ? true : undefined;
    });
    await signIn(ecoHead);
    await page.getByRole('menuitem', { name: /作战图与总览/ }).click();
    await page.getByRole('heading', { name: '网格监管作战图与全县总览', level: 1 }).waitFor();
    const row = page.getByRole('row', { name: new RegExp(code) });
    await row.waitFor();
    expect(await row.textContent()).toContain('已逾期');
    expect(await row.textContent()).toContain('逾期督办');
    await page.locator('.leaflet-interactive').first().waitFor();
    expect(await page.locator('path.leaflet-interactive').count()).toBeGreaterThan(1);
    await page.locator('canvas').first().waitFor();
    await page.getByText('周报报送情况').waitFor();
    await checked('23-overview');
  });

  it('组织: staffing findings, the import with its row errors in Chinese, a member’s password reset', async () => {
    await page.getByRole('menuitem', { name: /组织/ }).click();
    await page.getByRole('heading', { name: '组织', level: 1 }).waitFor();
    await page.getByRole('tab', { name: '配备检查（G6）' }).click();
    await page.getByText(/发现 \d+ 处不符合网格体系要求/).waitFor();
    await page
      .getByRole('cell', { name: /古州镇演示二村/ })
      .first()
      .waitFor();
    await checked('25-organisation-staffing');
    await page.getByRole('tab', { name: '批量导入' }).click();
    await page.locator('input[type=file]').setInputFiles({
      name: 'grids.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('网格编号,所属单位,网格名称,网格类型\nX-1,NO-SUCH-UNIT,测试网格,村级网格\n'),
    });
    await page.getByRole('button', { name: '开始导入' }).click();
    await page.getByRole('columnheader', { name: '错误' }).waitFor();
    await page.getByText('表格中有错误的行').waitFor();
    await page.getByRole('cell', { name: '单位“NO-SUCH-UNIT”不存在' }).waitFor();
    await checked('26-organisation-import-errors');
    await page.getByRole('tab', { name: '网格人员' }).click();
    await page.getByRole('combobox', { name: '单位' }).fill('县综合行政执法局');
    await page.keyboard.press('Enter');
    // Not the head: the later steps sign in as 演示-ULE分网格长 with the demo password.
    const someone = page.getByRole('row', { name: /演示-ULE网格员2/ });
    await someone.getByRole('button', { name: '重置密码' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '重置密码' }).click();
    await page.getByRole('dialog', { name: '演示-ULE网格员2 的临时密码' }).waitFor();
    await screenshot(page, '27-organisation-reset', { fullPage: false });
    await page.getByRole('button', { name: '关闭' }).click();
  });

  it('公示 on the public page, an objection from the public, then both owners sign', async () => {
    await api(uleHead, `/api/v1/issues/${code}/apply-for-closure`, {
      summary: '垃圾已清运，围挡和警示牌已设置',
      evidence: [await uploadPhoto(uleHead, 'after.png')],
    });
    const accepted = await api<IssueState>(ecoHead, `/api/v1/issues/${code}/accept-rectification`, {
      opinion: '整改到位，同意公示',
      publicNotice: true,
    });
    expect(accepted.status).toBe('public_notice');

    await browser.context.clearCookies();
    await page.goto(`${base}/public/notices`);
    const card = page.locator('.ant-card', { has: page.getByRole('heading', { name: new RegExp(code) }) });
    await card.waitFor();
    expect(await card.textContent()).toContain('整改到位，同意公示');
    await checked('28-public-notices');
    await card.getByRole('button', { name: '提出异议' }).click();
    const dialog = page.getByRole('dialog', { name: new RegExp(`对 ${code} 的整改提出异议`) });
    await dialog.getByLabel('异议内容').fill('河边还有一些垃圾');
    await dialog.getByLabel('联系方式').fill('13900000000');
    await dialog.getByRole('button', { name: '提交' }).click();
    await page.getByText('异议已提交，县环委办将核实处理').waitFor();
    const objected = await state(ecoHead);
    expect(objected.closure.publicNotice?.objections).toHaveLength(1);
    await api(ecoHead, `/api/v1/issues/${code}/resolve-objection`, {
      objection: 1,
      valid: false,
      note: '经复核已清理',
    });

    const endsAt = Date.parse(objected.closure.publicNotice!.endsAt);
    await env.sleep(endsAt + timerSpreadMs(code, DEFAULT_CALENDAR) - (await env.currentTimeMs()) + 5_000);
    await eventually(async () => ((await state(ecoHead)).status === 'awaiting_signoff' ? true : undefined));
    await signIn(uleHead);
    await page.goto(`${base}/issues/${code}`);
    await signOffInConsole();
    await signIn(township);
    await page.goto(`${base}/issues/${code}`);
    await signOffInConsole();
    await eventually(async () =>
      ['closed', 'archived'].includes((await state(ecoHead)).status) ? true : undefined,
    );
  });

  it('the public report form, a report’s progress by its code and the grid-member listing, without a login', async () => {
    await browser.context.clearCookies();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${base}/public/report`);
    await page.getByRole('heading', { name: '我要举报', level: 1 }).waitFor();
    await page.getByRole('button', { name: '提交上报' }).click();
    await page.getByText('请选择问题类别').waitFor();
    await page.getByText('请选择所在乡镇（街道）').waitFor();
    await checked('29-public-report-phone-empty');
    await page.getByRole('button', { name: '用手机定位' }).click();
    await page.getByText('纬度 25.933100，经度 108.518700').waitFor();
    await page.getByLabel('问题类别').click();
    await page.getByLabel('问题类别').fill('生活垃圾');
    await page.keyboard.press('Enter');
    await page.getByLabel('所在乡镇（街道）').click();
    await page
      .getByTitle(/古州镇/)
      .first()
      .click();
    await page.getByLabel('问题描述').fill('河边有人倾倒垃圾');
    await page.locator('input[type=file]').setInputFiles({
      name: 'photo.png',
      mimeType: 'image/png',
      buffer: Buffer.from(PNG, 'base64'),
    });
    await page.getByRole('img', { name: '现场照片 1' }).waitFor();
    await screenshot(page, '29-public-report-phone');
    await page.getByRole('button', { name: '提交上报' }).click();
    const received = page.getByText(/^已受理，编号 \d{4}-\d{6}/);
    await received.waitFor();
    const publicCode = /(\d{4}-\d{6})/.exec((await received.textContent()) ?? '')![1];
    await page.getByRole('link', { name: '查询办理进度' }).click();
    await page.getByRole('heading', { name: new RegExp(publicCode) }).waitFor();
    await checked('30-public-status-phone');
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.goto(`${base}/public/grids`);
    await page.getByRole('heading', { name: '网格员名录', level: 1 }).waitFor();
    await page
      .getByRole('heading', { name: /古州镇示范村/ })
      .first()
      .waitFor();
    expect(await page.content()).not.toContain('@county.example');
    await checked('31-public-grids');
  });

  it('验证电子签章: a prefecture clerk uploads the sealed PDF and reads that it is the county’s, unchanged', async () => {
    await browser.context.clearCookies();
    await page.goto(`${base}/public/notices`);
    await page.getByRole('menuitem', { name: '验证电子签章' }).click();
    await page.getByRole('heading', { name: '验证电子签章', level: 1 }).waitFor();
    await page.locator('input[type=file]').setInputFiles({
      name: '周报.pdf',
      mimeType: 'application/pdf',
      buffer: sealedPdf,
    });
    const result = page.locator('.ant-card', { has: page.getByRole('heading', { name: '核验结果' }) });
    await result.getByText('验证通过', { exact: true }).waitFor();
    expect(await result.textContent()).toContain('县综合行政执法局');
    expect(await result.textContent()).toContain('演示-ULE分网格长');
    await page.getByRole('button', { name: '本县电子签章公钥' }).click();
    await page.getByText('当前启用').waitFor();
    await checked('32-seal-verified');
    // One byte changed after sealing: no seal of the county matches any more.
    const altered = Buffer.from(sealedPdf);
    altered[altered.length - 2] ^= 0x20;
    await page.locator('input[type=file]').setInputFiles({
      name: '周报-改.pdf',
      mimeType: 'application/pdf',
      buffer: altered,
    });
    await result.getByText(/^验证未通过/).waitFor();
    await screenshot(page, '33-seal-altered');
  });
});
