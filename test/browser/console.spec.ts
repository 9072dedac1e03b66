import type { Page } from 'playwright-core';
import type { Actor } from '../../domain/organisation/roles';
import { eventually, startHarness, type Harness } from '../support/harness';
import { enqueueNotices } from '../support/notices';
import { bearer } from '../support/tokens';
import {
  checkScreen,
  hasPasswordLogin,
  launchBrowser,
  listen,
  screenshot,
  signIn,
  signOut,
  type Browser,
} from './support/browser';

// Seeded demo members (seed with demo: true): the ULE head acts; 县环委办's head may reset passwords.
const uleHead: Actor = {
  id: 'demo-ule-head',
  name: '演示-ULE分网格长',
  unitCode: 'ULE',
  roles: ['sector_head'],
};
const agrHead: Actor = {
  id: 'demo-agr-head',
  name: '演示-AGR分网格长',
  unitCode: 'AGR',
  roles: ['sector_head'],
};
const ecoHead: Actor = {
  id: 'demo-eco-head',
  name: '演示-县环委办主任',
  unitCode: 'ECO',
  roles: ['office_staff', 'sector_head'],
};
const DEMO_PASSWORD = 'demo1234';
/** A 1×1 PNG: evidence is recognised by its magic bytes. */
const PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

const ACTION_LABELS: Record<string, string> = {
  transfer: '移交移送',
  recordImmediateFix: '立行立改',
  submitPlan: '制定五定工作表',
  recordConsultation: '记录会商',
  reportProgress: '报送整改进展',
  requestExtension: '申请延期',
  startJointInvestigation: '组织联合调查',
  formSupervisionGroup: '成立群众监督小组',
  applyForClosure: '申请销号',
  nameResponsibleParty: '认定责任主体',
};

/** The time as the console shows it: Beijing, YYYY-MM-DD HH:mm. */
function beijing(iso: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
}

function daysFromToday(days: number): string {
  return new Date(Date.now() + days * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
}

describe('Web console (browser)', () => {
  let h: Harness;
  let base: string;
  let browser: Browser;
  let page: Page;
  const codes: Record<string, string> = {};

  async function api<T>(actor: Actor, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${base}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { authorization: bearer(actor), 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }

  async function report(actor: Actor, title: string, category: string): Promise<string> {
    const answer = await api<{ code: string }>(actor, '/api/v1/issues', {
      title,
      description: `${title}，浏览器测试`,
      category,
      severity: 'general',
      source: 'resident_visit',
      township: 'T-GUZHOU',
    });
    return answer.code;
  }

  /** The demo member's account for the login screen: whichever of its names the login API accepts. */
  async function demoAccount(actor: Actor): Promise<{ account: string; password: string } | null> {
    if (!(await hasPasswordLogin(base))) return null;
    const [row] = await h.dataSource.query<Array<{ phone: string | null }>>(
      `SELECT phone FROM members WHERE id = $1`,
      [actor.id],
    );
    for (const account of [row?.phone, actor.id].filter((a): a is string => !!a)) {
      const response = await fetch(`${base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ account, password: DEMO_PASSWORD }),
      });
      if (response.ok) return { account, password: DEMO_PASSWORD };
    }
    throw new Error(`the login API accepts no account of ${actor.id} with the demo password`);
  }

  beforeAll(async () => {
    h = await startHarness('it-console');
    base = await listen(h);
    codes.own = await report(uleHead, '浏览器测试：河道旁堆放生活垃圾', 'domestic_waste');
    codes.escalated = await report(uleHead, '浏览器测试：餐饮油烟扰民', 'domestic_waste');
    codes.other = await report(agrHead, '浏览器测试：畜禽养殖粪污直排', 'livestock_manure');
    // The read model's escalation columns, as the ladder's timers would leave them after weeks (display only);
    // written once the worker has projected the report, so its own write does not undo this one.
    await eventually(async () => {
      const [row] = await h.dataSource.query<Array<{ seq: number }>>(
        `SELECT last_event_seq AS seq FROM issues WHERE code = $1`,
        [codes.escalated],
      );
      return row && row.seq >= 2 ? true : undefined;
    });
    await h.dataSource.query(
      `UPDATE issues SET overdue = true, escalation_level = 2, county_supervision = true WHERE code = $1`,
      [codes.escalated],
    );
    browser = await launchBrowser();
    page = browser.page;
  });

  afterAll(async () => {
    await browser?.close();
    await h?.stop();
  });

  it('login screen: labelled fields, inline validation in Chinese, no serious accessibility violations', async () => {
    await page.goto(`${base}/`);
    await page.waitForURL(/\/login/);
    await page.getByRole('heading', { name: '生态环境保护网格化管理' }).waitFor();
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByText('请输入手机号或账号名').waitFor();
    await page.getByText('请输入密码').waitFor();
    expect(await checkScreen(page, '01-login')).toEqual([]);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await page.getByLabel('账号').waitFor();
    await screenshot(page, '02-login-phone');
    await page.setViewportSize({ width: 1366, height: 900 });
  });

  it('signs in and shows the member, the unit and the role in the header', async () => {
    const mode = await signIn(page, base, uleHead, await demoAccount(uleHead));
    // Which way the browser signed in, for the run's log (the report names it).
    process.stderr.write(`[browser] signed in by ${mode}\n`);
    const user = page.getByRole('button', { name: /当前用户 演示-ULE分网格长/ });
    await user.waitFor();
    expect(await user.textContent()).toContain('县综合行政执法局');
    expect(await user.textContent()).toContain('分网格长');
  });

  it('待办 lists the issues awaiting the unit, with the action due, the Beijing deadline and escalation marks', async () => {
    await page.getByRole('heading', { name: '我的待办', level: 1 }).waitFor();
    const own = page.getByRole('row', { name: new RegExp(codes.own) });
    await own.waitFor();
    const detail = await api<{ state: { deadline: string } }>(uleHead, `/api/v1/issues/${codes.own}`);
    const text = (await own.textContent()) ?? '';
    expect(text).toContain('立行立改或制定五定工作表');
    expect(text).toContain(beijing(detail.state.deadline));
    const escalated = page.getByRole('row', { name: new RegExp(codes.escalated) });
    expect(await escalated.textContent()).toContain('已逾期');
    expect(await escalated.textContent()).toContain('县级督办');
    // Another unit's issue is not this member's to do.
    expect(await page.getByRole('row', { name: new RegExp(codes.other) }).count()).toBe(0);
    expect(await checkScreen(page, '03-my-work')).toEqual([]);

    await page.getByLabel('只看逾期').click();
    await page.getByRole('row', { name: new RegExp(codes.own) }).waitFor({ state: 'detached' });
    expect(await page.getByRole('row', { name: new RegExp(codes.escalated) }).count()).toBe(1);
    await page.getByLabel('只看逾期').click();
  });

  it('issue page: the story, the diagram with the current step, the deadline ladder and exactly the allowed actions', async () => {
    await page.getByRole('link', { name: codes.own, exact: true }).click();
    await page.waitForURL(new RegExp(`/issues/${codes.own}$`));
    await page
      .getByRole('heading', { name: new RegExp(`${codes.own} 浏览器测试：河道旁堆放生活垃圾`), level: 1 })
      .waitFor();
    await page.locator('[data-element-id="State_accepted"].bpmn-current').waitFor();
    expect(await page.locator('[data-element-id="State_reported"].bpmn-done').count()).toBe(1);
    await page.getByText('制定五定工作表 · 县综合行政执法局').waitFor();
    await page.locator('#main').getByText('上报问题', { exact: true }).waitFor();

    const detail = await api<{ allowedActions: string[] }>(uleHead, `/api/v1/issues/${codes.own}`);
    expect(detail.allowedActions.sort()).toEqual([
      'nameResponsibleParty',
      'recordConsultation',
      'recordImmediateFix',
      'submitPlan',
      'transfer',
    ]);
    const card = page.locator('.ant-card', { has: page.getByRole('heading', { name: '可办理事项' }) });
    const buttons = await card.getByRole('button').allTextContents();
    expect(buttons.sort()).toEqual(detail.allowedActions.map((a) => ACTION_LABELS[a]).sort());
    expect(await checkScreen(page, '04-issue')).toEqual([]);
  });

  it('an action the workflow refuses shows the problem next to the field it names', async () => {
    await page.getByRole('button', { name: '移交移送' }).click();
    const dialog = page.getByRole('dialog', { name: '移交移送' });
    await dialog.getByText('职责目录建议：县综合行政执法局（ULE）').waitFor();
    await dialog.getByLabel('受移交单位代码').click();
    await dialog.getByLabel('受移交单位代码').fill('ULE');
    await page.keyboard.press('Enter');
    await dialog.getByLabel('移交理由').fill('测试：移交给本单位');
    await dialog.getByRole('button', { name: '提交' }).click();
    const field = dialog.locator('.ant-form-item', { has: page.getByLabel('受移交单位代码') });
    await field.getByText('不能把问题移交给本单位。').waitFor();
    await dialog.getByText('填写的内容不符合规则').waitFor();
    await screenshot(page, '05-action-refused', { fullPage: false });
    await dialog.getByRole('button', { name: '取消' }).click();
    await dialog.waitFor({ state: 'hidden' });
  });

  it('the 五定 plan form, generated from its schema, moves the issue to rectifying', async () => {
    await page.getByRole('button', { name: '制定五定工作表' }).click();
    const dialog = page.getByRole('dialog', { name: '制定五定工作表' });
    await dialog.getByText(/五项缺一不可/).waitFor();
    await dialog.getByRole('button', { name: '提交' }).click();
    await dialog.getByText('请填写定责任人').waitFor();
    await dialog.getByLabel('定责任单位').fill('县综合行政执法局');
    await dialog.getByLabel('定责任人').fill('执法局直接负责人');
    await dialog.getByLabel('定整改措施').fill('清运垃圾，设置围挡和警示牌');
    await dialog.getByLabel('定整改时限').fill(daysFromToday(30));
    await page.keyboard.press('Enter');
    await dialog.getByLabel('定整改目标').fill('河段无垃圾堆放');
    await dialog.getByRole('button', { name: '添加 整改节点' }).click();
    await dialog.getByLabel('节点日期').fill(daysFromToday(10));
    await page.keyboard.press('Enter');
    await dialog.getByLabel('节点内容').fill('完成垃圾清运');
    await screenshot(page, '06-plan-form', { fullPage: false });
    await dialog.getByRole('button', { name: '提交' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('已办理：制定五定工作表').waitFor();
    await page.locator('[data-element-id="State_rectifying"].bpmn-current').waitFor();
    await page.getByRole('heading', { name: '五定工作表' }).waitFor();
    await page.getByText('完成垃圾清运').first().waitFor();
    const state = await api<{ state: { status: string; plan: { milestones: unknown[] } } }>(
      uleHead,
      `/api/v1/issues/${codes.own}`,
    );
    expect(state.state.status).toBe('rectifying');
    expect(state.state.plan.milestones).toHaveLength(1);
    await screenshot(page, '07-issue-rectifying');
  });

  it('立行立改 with a photo: uploaded through the evidence API, shown as a thumbnail in the story', async () => {
    await page.goto(`${base}/issues/${codes.escalated}`);
    await page.getByRole('button', { name: '立行立改' }).click();
    const dialog = page.getByRole('dialog', { name: '立行立改' });
    await dialog.getByLabel('整改情况').fill('现场清理油烟管道并加装净化器');
    await dialog.locator('input[type=file]').setInputFiles({
      name: 'fix.png',
      mimeType: 'image/png',
      buffer: Buffer.from(PNG, 'base64'),
    });
    await dialog.getByText('已上传 1 个文件').waitFor();
    await dialog.getByRole('button', { name: '提交' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.locator('[data-element-id="State_fix_confirmation"].bpmn-current').waitFor();
    const thumbnail = page.getByRole('img', { name: /^查看证据 [0-9a-f]{8}$/ });
    await thumbnail.waitFor();
    expect(await thumbnail.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBe(
      1,
    );
    await screenshot(page, '08-immediate-fix-evidence');
  });

  it('通知: unread notices, one marked read', async () => {
    const [notice] = await enqueueNotices(h.dataSource, '2026-880001', [
      {
        kind: 'ladder_reminder',
        audiences: [{ role: 'direct_leader', unit: 'NO-SUCH-UNIT' }],
        subject: `【到期提醒】${codes.own}`,
        body: `问题 ${codes.own} 的整改时限将到，请及时报送进展。`,
      },
    ]);
    await h.dataSource.query(
      `INSERT INTO inbox_items (member_id, notification_id, subject, body) VALUES ($1, $2, $3, $4)`,
      [
        uleHead.id,
        notice.id,
        `【到期提醒】${codes.own}`,
        `问题 ${codes.own} 的整改时限将到，请及时报送进展。`,
      ],
    );
    await page.getByRole('menuitem', { name: /通知/ }).click();
    await page.getByRole('heading', { name: '通知', level: 1 }).waitFor();
    const item = page.getByRole('listitem').filter({ hasText: `【到期提醒】${codes.own}` });
    await item.getByText('未读').waitFor();
    expect(await item.getByRole('link', { name: `查看问题 ${codes.own}` }).count()).toBe(1);
    expect(await page.getByRole('button', { name: '全部标为已读' }).isEnabled()).toBe(true);
    expect(await checkScreen(page, '09-inbox')).toEqual([]);
    await item.getByRole('button', { name: '标为已读' }).click();
    await item.getByText('已读', { exact: true }).waitFor();
    const [row] = await h.dataSource.query<Array<{ read_at: Date | null }>>(
      `SELECT read_at FROM inbox_items WHERE member_id = $1 AND notification_id = $2`,
      [uleHead.id, notice.id],
    );
    expect(row.read_at).not.toBeNull();
  });

  it('switches to English and back', async () => {
    await page.getByRole('menuitem', { name: /我的待办/ }).click();
    await page.getByRole('radiogroup', { name: '语言' }).getByText('English').click();
    await page.getByRole('heading', { name: 'My work', level: 1 }).waitFor();
    expect(await page.getByRole('columnheader', { name: 'Deadline (Beijing time)' }).count()).toBe(1);
    await screenshot(page, '10-my-work-en');
    await page.getByRole('radiogroup', { name: 'Language' }).getByText('中文').click();
    await page.getByRole('heading', { name: '我的待办', level: 1 }).waitFor();
  });

  it('is usable on a phone: 待办 and the issue page at 390×844', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('button', { name: '菜单' }).waitFor();
    await page.getByRole('row', { name: new RegExp(codes.own) }).waitFor();
    await screenshot(page, '11-my-work-phone');
    await page.goto(`${base}/issues/${codes.own}`);
    await page.getByRole('button', { name: '报送整改进展' }).waitFor();
    expect(await checkScreen(page, '12-issue-phone')).toEqual([]);
    await page.setViewportSize({ width: 1366, height: 900 });
  });

  it('first sign-in asks for a new password (or says that sign-in is not available yet)', async () => {
    await signOut(browser.context, page, base);
    await page.goto(`${base}/login`);
    if (await hasPasswordLogin(base)) {
      const member = 'demo-ule-member-1';
      const reset = await api<{ temporaryPassword: string }>(
        ecoHead,
        `/api/v1/members/${member}/password-reset`,
        {},
      );
      const account = (await demoAccount({ ...uleHead, id: member }).catch(() => null))?.account ?? member;
      await page.getByLabel('账号').fill(account);
      await page.getByLabel('密码', { exact: true }).fill(reset.temporaryPassword);
      await page.getByRole('button', { name: '登录' }).click();
      await page.getByRole('heading', { name: '首次登录：设置新密码' }).waitFor();
      await screenshot(page, '13-first-login');
      await page.getByLabel('当前密码').fill(reset.temporaryPassword);
      await page.getByLabel('新密码', { exact: true }).fill('Console-Test-2026!');
      await page.getByLabel('确认新密码').fill('Console-Test-2026!');
      await page.getByRole('button', { name: '保存新密码' }).click();
      await page.getByRole('heading', { name: '我的待办', level: 1 }).waitFor();
    } else {
      await page.getByLabel('账号').fill('demo-ule-head');
      await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: '登录' }).click();
      await page.getByText('登录服务暂不可用，请稍后再试').waitFor();
      await screenshot(page, '13-login-unavailable');
    }
  });

  it('signs out from the header menu', async () => {
    await signIn(page, base, uleHead, await demoAccount(uleHead));
    await page.getByRole('button', { name: /当前用户/ }).click();
    await page.getByRole('menuitem', { name: '退出登录' }).click();
    await page.waitForURL(/\/login/);
    expect(await page.evaluate("localStorage.getItem('eco-grid.bearer')")).toBeNull();
    // Signed out means the API no longer answers this browser as the member.
    const status = await page.evaluate(async () => (await fetch('/api/v1/inbox')).status);
    expect(status).toBe(401);
  });
});
