import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import type { Actor } from '../../../domain/organisation/roles';
import type { Harness } from '../../support/harness';
import { tokenFor } from '../../support/tokens';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
/** Kept after the run (git-ignored) so a reviewer can open them; the README's testing section names the path. */
export const SCREENSHOTS = path.resolve(__dirname, '..', 'screenshots');

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Browser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** Debian's Chromium with a fresh profile, in Beijing's time zone and Chinese, as a county office's PC. */
export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `${CHROMIUM_PATH} is missing: run \`npm run setup\` as root (it installs Debian's chromium)`,
    );
  }
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'eco-grid-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1366, height: 900 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Serves the harness's API (and so the built console) on a free loopback port; answers its base URL. */
export async function listen(h: Harness): Promise<string> {
  await h.app.listen(0, '127.0.0.1');
  const address = h.app.getHttpServer().address() as AddressInfo;
  return `http://127.0.0.1:${address.port}`;
}

/**
 * A PNG of the page as it settles: transitions and animations run to their end. The whole page by default, from
 * its top (a sticky header scrolled away would be drawn mid-page); `{ fullPage: false }` for a dialog, which
 * covers the window only.
 */
export async function screenshot(
  page: Page,
  name: string,
  { fullPage = true }: { fullPage?: boolean } = {},
): Promise<string> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  if (fullPage) await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path: file, fullPage, animations: 'disabled' });
  return file;
}

/** The screen's serious and critical axe violations, then its screenshot (both once a toast has faded). */
export async function checkScreen(page: Page, name: string): Promise<string[]> {
  const violations = await seriousViolations(page);
  await screenshot(page, name);
  return violations;
}

/** axe-core on the page as it is: the serious and critical violations (none expected). */
export async function seriousViolations(page: Page): Promise<string[]> {
  // A fading toast is half transparent: measured mid-fade its contrast is meaningless.
  await page
    .locator('.ant-message-notice')
    .first()
    .waitFor({ state: 'detached', timeout: 10_000 })
    .catch(() => {});
  // A panel still opening is half transparent too: measure once the running transitions have ended.
  await page.evaluate(() => {
    // Runs in the page; the tests' TypeScript knows no DOM, so the one call it makes is typed here.
    const { document } = globalThis as unknown as {
      document: { getAnimations(): Array<{ finished: Promise<unknown> }> };
    };
    return Promise.race([
      Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined))),
      new Promise((resolve) => setTimeout(resolve, 5_000)),
    ]);
  });
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Whether the API has the login endpoints of the login contract (after the accounts branch is merged). */
export async function hasPasswordLogin(base: string): Promise<boolean> {
  const document = (await (await fetch(`${base}/api/openapi.json`)).json()) as {
    paths: Record<string, unknown>;
  };
  return '/api/v1/auth/login' in document.paths;
}

export type SignInMode = 'ui-login' | 'bearer-token';

/**
 * Signs the browser in as `actor`: through the login screen with `password` when the API has the login
 * endpoints, otherwise by storing a bearer token where the console keeps it. Answers which way it went.
 */
export async function signIn(
  page: Page,
  base: string,
  actor: Actor,
  account: { account: string; password: string } | null,
): Promise<SignInMode> {
  if (account && (await hasPasswordLogin(base))) {
    // A session left by an earlier test would send /login straight on to the console.
    await page.context().clearCookies();
    await page.goto(`${base}/login`);
    await page.getByLabel('账号').fill(account.account);
    await page.getByLabel('密码', { exact: true }).fill(account.password);
    await page
      .getByRole('button', { name: '登 录' })
      .or(page.getByRole('button', { name: '登录' }))
      .click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    return 'ui-login';
  }
  await page.goto(`${base}/login`);
  // Where the console keeps a bearer token (a string: the test's TypeScript has no DOM types).
  await page.evaluate(`localStorage.setItem('eco-grid.bearer', ${JSON.stringify(tokenFor(actor))})`);
  await page.goto(`${base}/`);
  return 'bearer-token';
}

/** Leaves the console signed out, whichever way it was signed in. */
export async function signOut(context: BrowserContext, page: Page, base: string): Promise<void> {
  await page.goto(`${base}/login`);
  await page.evaluate('localStorage.clear()');
  await context.clearCookies();
}

/**
 * Picks an option of an Ant Design Select by its text. The options a person sees carry no ARIA role (the
 * `role="option"` ones are a hidden list for screen readers), so they are found by their title in the open list.
 */
export async function pickOption(page: Page, select: Locator, option: string): Promise<void> {
  // The input sits under the shown value, so the click goes to the Select's box.
  await page.locator('.ant-select', { has: select }).click();
  await page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)')
    .getByTitle(option, { exact: true })
    .click();
}
