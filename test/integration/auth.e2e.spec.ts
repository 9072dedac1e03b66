import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import jwt from 'jsonwebtoken';
import request from 'supertest';
import { PROJECT_ROOT } from '../../deploy/local/tools';
import { freePort } from '../../deploy/local/ports';
import type { Actor } from '../../domain/organisation/roles';
import { hashPassword } from '../../persistence/password-hash';
import { setPasswordHash } from '../../persistence/repositories/credentials.repository';
import { startHarness, type Harness } from '../support/harness';
import { bearer, TEST_JWT_SECRET, tokenOutsideRoster } from '../support/tokens';

// Units and members of this file only; removed afterwards so other files' organisation reports stay as they were.
const UNIT = 'AUTHT';
const OTHER_UNIT = 'AUTHU';
const PHONE = '13912340001';
const people = {
  head: { id: 'it-auth-head', name: '登录测试局局长', unitCode: UNIT, roles: ['sector_head'] },
  member: { id: 'it-auth-member', name: '登录测试网格员', unitCode: UNIT, roles: ['grid_member'] },
  newcomer: { id: 'it-auth-newcomer', name: '新来的网格员', unitCode: UNIT, roles: ['grid_member'] },
  otherHead: { id: 'it-auth-other-head', name: '另一局局长', unitCode: OTHER_UNIT, roles: ['sector_head'] },
  sso: { id: 'it-auth-sso', name: '统一认证网格员', unitCode: UNIT, roles: ['grid_member'] },
} satisfies Record<string, Actor>;
const PASSWORD = 'Grid-2026-pass';

const OIDC_CLIENT = { id: 'eco-grid-console', secret: 'test-client-secret-of-the-oidc-provider' };
const OIDC_REDIRECT = 'http://localhost:3999/api/v1/auth/oidc/callback';
const SSO_PHONE = '13912340009';

/** Each test signs in from its own client address (X-Forwarded-For, trusted from loopback) so lockouts stay apart. */
let addressCount = 0;
const newAddress = () => `198.51.100.${++addressCount}`;

interface Cookies {
  session: string;
  csrf: string;
}

/** The value of a Set-Cookie header's cookie, and the header itself to check its attributes. */
function setCookie(response: request.Response, name: string): { value: string; header: string } | undefined {
  const headers = ([] as string[]).concat(response.headers['set-cookie'] ?? []);
  const header = headers.find((h) => h.startsWith(`${name}=`));
  return header
    ? { value: decodeURIComponent(header.slice(name.length + 1).split(';')[0]), header }
    : undefined;
}

function startProvider(port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [path.join(PROJECT_ROOT, 'test', 'support', 'oidc-provider.mjs')], {
    env: {
      ...process.env,
      OIDC_PORT: String(port),
      OIDC_CLIENT_ID: OIDC_CLIENT.id,
      OIDC_CLIENT_SECRET: OIDC_CLIENT.secret,
      OIDC_REDIRECT_URI: OIDC_REDIRECT,
      OIDC_ACCOUNTS: JSON.stringify({
        'zhang.san': { phone_number: `+86 ${SSO_PHONE}`, preferred_username: 'zhang.san' },
        stranger: { phone_number: '+86 13000000000', preferred_username: 'stranger' },
      }),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the OpenID provider did not start:\n${log}`)), 20_000);
    child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
    child.stdout?.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      if (log.includes('ready')) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.on('exit', (code) => reject(new Error(`the OpenID provider exited (${code}):\n${log}`)));
  });
}

/**
 * A person at the provider's sign-in page: follows its redirects with the provider's cookies, signs in as
 * `login`, consents, and stops at the redirect back to the console's callback.
 */
async function signInAtProvider(authorizationUrl: string, login: string): Promise<URL> {
  const jar = new Map<string, string>();
  const send = async (url: string, form?: Record<string, string>): Promise<Response> => {
    const response = await fetch(url, {
      method: form ? 'POST' : 'GET',
      redirect: 'manual',
      headers: {
        cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      body: form ? new URLSearchParams(form).toString() : undefined,
    });
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(';');
      const eq = pair.indexOf('=');
      jar.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    return response;
  };
  let url = authorizationUrl;
  for (let step = 0; step < 12; step++) {
    if (url.startsWith(OIDC_REDIRECT)) return new URL(url);
    const response = await send(url);
    if (response.status >= 300 && response.status < 400) {
      url = new URL(response.headers.get('location') as string, url).toString();
      continue;
    }
    const page = await response.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(page)?.[1];
    if (!action) throw new Error(`no form at ${url}: ${response.status} ${page.slice(0, 300)}`);
    const prompt = /name="prompt" value="(\w+)"/.exec(page)?.[1] ?? '';
    const submitted = await send(
      new URL(action, url).toString(),
      prompt === 'login' ? { prompt, login, password: 'any' } : { prompt },
    );
    url = new URL(submitted.headers.get('location') as string, url).toString();
  }
  throw new Error('the provider never redirected back');
}

describe('Sign-in (AuthController)', () => {
  let h: Harness;
  let provider: ChildProcess | undefined;
  const http = () => request(h.app.getHttpServer());

  const login = (account: string, password: string, address = newAddress()) =>
    http().post('/api/v1/auth/login').set('X-Forwarded-For', address).send({ account, password });

  /** Signs in and returns the session's two cookies. */
  async function signIn(account: string, password = PASSWORD): Promise<Cookies> {
    const response = await login(account, password).expect(200);
    return {
      session: setCookie(response, 'eco_session')!.value,
      csrf: setCookie(response, 'eco_csrf')!.value,
    };
  }
  const cookieHeader = (c: Cookies) => `eco_session=${c.session}; eco_csrf=${c.csrf}`;

  beforeAll(async () => {
    const providerPort = await freePort();
    provider = await startProvider(providerPort);
    h = await startHarness('it-auth', {
      TRUST_PROXY: 'loopback',
      LOGIN_ADDRESS_MAX_FAILURES: '8',
      OIDC_ISSUER: `http://127.0.0.1:${providerPort}`,
      OIDC_CLIENT_ID: OIDC_CLIENT.id,
      OIDC_CLIENT_SECRET: OIDC_CLIENT.secret,
      OIDC_REDIRECT_URI: OIDC_REDIRECT,
      OIDC_CLAIM: 'phone_number',
      OIDC_MATCH: 'phone',
    });
    await h.dataSource.query(
      `INSERT INTO units (code, name, kind, parent_code) VALUES
         ($1, '登录测试局', 'department', 'COUNTY'), ($2, '另一测试局', 'department', 'COUNTY')`,
      [UNIT, OTHER_UNIT],
    );
    for (const p of Object.values(people)) {
      await h.dataSource.query(
        `INSERT INTO members (id, unit_code, name, roles, phone) VALUES ($1, $2, $3, $4, $5)`,
        [
          p.id,
          p.unitCode,
          p.name,
          p.roles,
          p === people.member ? `+86 139-1234-0001` : p === people.sso ? SSO_PHONE : null,
        ],
      );
    }
    const hash = await hashPassword(PASSWORD);
    for (const p of [people.head, people.member, people.otherHead]) {
      await setPasswordHash(h.dataSource, p.id, hash, false);
    }
    await setPasswordHash(h.dataSource, people.newcomer.id, await hashPassword('Temp-pass-1'), true);
  });

  afterAll(async () => {
    for (const sql of [
      `DELETE FROM members WHERE unit_code IN ($1, $2)`,
      `DELETE FROM service_accounts WHERE unit_code IN ($1, $2)`,
      `DELETE FROM units WHERE code IN ($1, $2)`,
    ])
      await h?.dataSource.query(sql, [UNIT, OTHER_UNIT]);
    await h?.dataSource.query(
      `DELETE FROM login_failures WHERE key LIKE '198.51.100.%' OR key LIKE 'member:it-auth-%'`,
    );
    await h?.stop();
    provider?.kill();
  });

  it('signs in by account name and by mobile number: roster roles in Me, HttpOnly SameSite session cookie, Argon2id hash', async () => {
    const byName = await login(people.head.id, PASSWORD).expect(200);
    expect(byName.body).toEqual({
      member: {
        id: people.head.id,
        name: people.head.name,
        unitCode: UNIT,
        unitName: '登录测试局',
        unitKind: 'department',
        roles: ['sector_head'],
        gridCode: null,
        scopes: [`unit:${UNIT}`, `organisation:${UNIT}`],
        mustChangePassword: false,
        locale: 'zh-CN',
      },
      mustChangePassword: false,
    });
    const session = setCookie(byName, 'eco_session')!;
    expect(session.header).toMatch(/; HttpOnly/);
    expect(session.header).toMatch(/; SameSite=Lax/);
    expect(session.header).toMatch(/; Path=\//);
    expect(session.header).not.toMatch(/; Secure/);
    expect(jwt.decode(session.value)).toMatchObject({ typ: 'session', sub: people.head.id });
    const csrf = setCookie(byName, 'eco_csrf')!;
    expect(csrf.header).not.toMatch(/HttpOnly/);
    expect(csrf.header).toMatch(/; SameSite=Lax/);

    // The number as people write it: spaces, dashes, +86 (the roster has it as "+86 139-1234-0001").
    const byPhone = await login(
      `${PHONE.slice(0, 3)} ${PHONE.slice(3, 7)} ${PHONE.slice(7)}`,
      PASSWORD,
    ).expect(200);
    expect(byPhone.body.member.id).toBe(people.member.id);
    const secure = await login(people.head.id, PASSWORD).set('X-Forwarded-Proto', 'https').expect(200);
    expect(setCookie(secure, 'eco_session')!.header).toMatch(/; Secure/);

    const [row] = await h.dataSource.query(
      `SELECT password_hash FROM member_credentials WHERE member_id = $1`,
      [people.head.id],
    );
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it('a wrong password and an unknown account get the same 401 body, in Chinese unless English is asked for', async () => {
    const wrong = await login(people.head.id, 'not-the-password').expect(401);
    const unknown = await login('no-such-account', 'not-the-password').expect(401);
    expect(wrong.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body).toMatchObject({
      code: 'invalid-credentials',
      title: '账号或密码错误',
      detail: '账号或密码错误，请重新输入。',
    });
    expect(wrong.headers['content-language']).toBe('zh-CN');
    const english = await login(people.head.id, 'not-the-password')
      .set('Accept-Language', 'en-US,en;q=0.9,zh;q=0.5')
      .expect(401);
    expect(english.body).toMatchObject({
      code: 'invalid-credentials',
      title: 'Invalid credentials',
      detail: 'The account or the password is wrong.',
    });
    expect(english.headers['content-language']).toBe('en');
  });

  it('validation problems name the field and the rule, in Chinese by default and in English on request', async () => {
    const chinese = await http()
      .post('/api/v1/auth/login')
      .send({ account: '', password: 'x'.repeat(1025), extra: 1 })
      .expect(400);
    expect(chinese.body).toMatchObject({ code: 'validation-failed', title: '请求数据不符合要求' });
    expect(chinese.body.errors).toEqual(
      expect.arrayContaining([
        { field: 'account', rule: 'isNotEmpty', message: '字段 account 不能为空' },
        { field: 'password', rule: 'maxLength', message: '字段 password 最多 1024 个字符' },
        { field: 'extra', rule: 'unknown-field', message: '字段 extra 不是可接受的字段' },
      ]),
    );
    expect(chinese.body.detail).toContain('字段 account 不能为空');
    const english = await http()
      .post('/api/v1/auth/login')
      .set('Accept-Language', 'en')
      .send({ account: 'x'.repeat(129), password: 'p' })
      .expect(400);
    expect(english.body).toMatchObject({ title: 'The request is not valid' });
    expect(english.body.errors).toEqual([
      {
        field: 'account',
        rule: 'maxLength',
        message: 'account must be shorter than or equal to 128 characters',
      },
    ]);
    const lengthInChinese = await http()
      .post('/api/v1/auth/login')
      .send({ account: 'x'.repeat(129), password: 'p' })
      .expect(400);
    expect(lengthInChinese.body.errors[0].message).toBe('字段 account 最多 128 个字符');
  });

  it('locks an account after 5 failures from any addresses: 429 with Retry-After even for the right password', async () => {
    for (let i = 0; i < 5; i++) await login(people.otherHead.id, `wrong-${i}`).expect(401);
    const locked = await login(people.otherHead.id, PASSWORD).expect(429);
    expect(locked.body).toMatchObject({ code: 'too-many-attempts', title: '登录失败次数过多' });
    expect(locked.body.detail).toMatch(/请在 1[45] 分钟后再试/);
    const retryAfter = Number(locked.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(850);
    expect(retryAfter).toBeLessThanOrEqual(900);
    // Other accounts from the same kind of address still sign in.
    await login(people.head.id, PASSWORD).expect(200);
    // A reset by the head unlocks the account (with a password to change).
    const head = await signIn(people.head.id);
    await http()
      .post(`/api/v1/members/${people.otherHead.id}/password-reset`)
      .set('Cookie', cookieHeader(head))
      .set('X-CSRF-Token', head.csrf)
      .expect(403); // another unit's head: not theirs to reset
    const eco = await http()
      .post(`/api/v1/members/${people.otherHead.id}/password-reset`)
      .set(
        'Authorization',
        bearer({ id: 'demo-eco-1', name: '演示-环委办干部', unitCode: 'ECO', roles: ['office_staff'] }),
      )
      .expect(200);
    const unlocked = await login(people.otherHead.id, eco.body.temporaryPassword).expect(200);
    expect(unlocked.body.mustChangePassword).toBe(true);
    await setPasswordHash(h.dataSource, people.otherHead.id, await hashPassword(PASSWORD), false);
  });

  it('locks an address after its failures across accounts (LOGIN_ADDRESS_MAX_FAILURES), not other addresses', async () => {
    const address = newAddress();
    for (let i = 0; i < 8; i++) await login(`nobody-${i}`, 'whatever-1', address).expect(401);
    const locked = await login(people.head.id, PASSWORD, address).expect(429);
    expect(locked.body.code).toBe('too-many-attempts');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(850);
    await login(people.head.id, PASSWORD, newAddress()).expect(200);
  });

  it('a first sign-in must set a new password: 403 password-change-required elsewhere until it is changed', async () => {
    const first = await login(people.newcomer.id, 'Temp-pass-1').expect(200);
    expect(first.body.mustChangePassword).toBe(true);
    const cookies = {
      session: setCookie(first, 'eco_session')!.value,
      csrf: setCookie(first, 'eco_csrf')!.value,
    };
    const blocked = await http().get('/api/v1/inbox').set('Cookie', cookieHeader(cookies)).expect(403);
    expect(blocked.body).toMatchObject({ code: 'password-change-required', title: '请先修改密码' });
    const me = await http().get('/api/v1/auth/me').set('Cookie', cookieHeader(cookies)).expect(200);
    expect(me.body).toMatchObject({ id: people.newcomer.id, mustChangePassword: true });

    const change = () =>
      http()
        .post('/api/v1/auth/password')
        .set('Cookie', cookieHeader(cookies))
        .set('X-CSRF-Token', cookies.csrf);
    const weak = await change().send({ currentPassword: 'Temp-pass-1', newPassword: 'short' }).expect(422);
    expect(weak.body).toMatchObject({ code: 'password-too-weak', title: '新密码不符合要求' });
    expect(weak.body.errors).toEqual(
      expect.arrayContaining([
        { field: 'newPassword', rule: 'min-length', message: '新密码至少需要 8 个字符' },
      ]),
    );
    const wrongCurrent = await change()
      .send({ currentPassword: 'nope', newPassword: 'New-pass-2026' })
      .expect(403);
    expect(wrongCurrent.body.code).toBe('current-password-wrong');
    const elsewhere = await signIn(people.newcomer.id, 'Temp-pass-1');
    await change().send({ currentPassword: 'Temp-pass-1', newPassword: 'New-pass-2026' }).expect(204);

    // This session goes on; the member's other sessions ended with the change.
    await http().get('/api/v1/inbox').set('Cookie', cookieHeader(cookies)).expect(200);
    await http().get('/api/v1/auth/me').set('Cookie', cookieHeader(elsewhere)).expect(401);
    const again = await login(people.newcomer.id, 'New-pass-2026').expect(200);
    expect(again.body.mustChangePassword).toBe(false);
    await login(people.newcomer.id, 'Temp-pass-1').expect(401);
  });

  it('resets a password: the unit head may (the member must change it, their sessions end), a plain member or another unit’s head may not', async () => {
    const memberSession = await signIn(people.member.id);
    const reset = (by: string) =>
      http().post(`/api/v1/members/${people.member.id}/password-reset`).set('Authorization', by);

    const byMember = await reset(bearer(people.member)).expect(403);
    expect(byMember.body).toMatchObject({ code: 'password-reset-not-permitted', title: '无权重置密码' });
    await reset(bearer(people.otherHead)).expect(403);
    await http()
      .post('/api/v1/members/no-such-member/password-reset')
      .set('Authorization', bearer(people.head))
      .expect(404);

    // An Idempotency-Key is ignored here: a temporary password is never stored as a replayable answer.
    const byHead = await reset(bearer(people.head)).set('Idempotency-Key', 'it-auth-reset-1').expect(200);
    const [kept] = await h.dataSource.query(
      `SELECT count(*)::int AS n FROM idempotency_keys WHERE key = 'it-auth-reset-1'`,
    );
    expect(kept.n).toBe(0);
    expect(byHead.headers['cache-control']).toBe('no-store');
    const temporary = byHead.body.temporaryPassword as string;
    expect(temporary).toMatch(/^[A-Za-z0-9]{12}$/);
    // The member's open session ended with the reset.
    await http().get('/api/v1/auth/me').set('Cookie', cookieHeader(memberSession)).expect(401);
    await login(people.member.id, PASSWORD).expect(401);
    const signedIn = await login(people.member.id, temporary).expect(200);
    expect(signedIn.body.mustChangePassword).toBe(true);
    await setPasswordHash(h.dataSource, people.member.id, await hashPassword(PASSWORD), false);
  });

  it('cookie requests that change data need X-CSRF-Token equal to eco_csrf; bearer requests need none', async () => {
    const head = await signIn(people.head.id);
    const url = `/api/v1/members/${people.newcomer.id}/password-reset`;
    const missing = await http().post(url).set('Cookie', cookieHeader(head)).expect(403);
    expect(missing.body).toMatchObject({ code: 'csrf-token-invalid', title: 'CSRF 校验失败' });
    await http().post(url).set('Cookie', cookieHeader(head)).set('X-CSRF-Token', 'forged').expect(403);
    // Another session's token is no good either: each CSRF token belongs to one session.
    const other = await signIn(people.head.id);
    await http().post(url).set('Cookie', cookieHeader(head)).set('X-CSRF-Token', other.csrf).expect(403);
    await http().post(url).set('Cookie', cookieHeader(head)).set('X-CSRF-Token', head.csrf).expect(200);
    // Reads need no CSRF header.
    await http().get('/api/v1/auth/me').set('Cookie', cookieHeader(head)).expect(200);
    await http().post(url).set('Authorization', bearer(people.head)).expect(200);
  });

  it('the cookie and a bearer token give the same actor; a token’s claimed unit and roles are not believed', async () => {
    const session = await signIn(people.member.id);
    const viaCookie = await http().get('/api/v1/auth/me').set('Cookie', cookieHeader(session)).expect(200);
    const viaBearer = await http()
      .get('/api/v1/auth/me')
      .set('Authorization', bearer(people.member))
      .expect(200);
    expect(viaBearer.body).toEqual(viaCookie.body);

    // The grid member claims to be 县环委办 staff: the roster says otherwise, so a 县环委办-only route refuses.
    const impostor = tokenOutsideRoster({ ...people.member, unitCode: 'ECO', roles: ['office_staff'] });
    const missing = '/api/v1/reports/missing?kind=weekly&period=2026-W49';
    const refused = await http().get(missing).set('Authorization', `Bearer ${impostor}`).expect(403);
    expect(refused.body.code).not.toBe('token-invalid');
    const me = await http().get('/api/v1/auth/me').set('Authorization', `Bearer ${impostor}`).expect(200);
    expect(me.body).toMatchObject({ unitCode: UNIT, roles: ['grid_member'], scopes: [`unit:${UNIT}`] });
    await http()
      .get(missing)
      .set(
        'Authorization',
        bearer({ id: 'demo-eco-1', name: '演示-环委办干部', unitCode: 'ECO', roles: ['office_staff'] }),
      )
      .expect(200);
    // Someone the roster does not know at all is refused at the door.
    const stranger = tokenOutsideRoster({
      id: 'it-auth-nobody',
      name: '无名',
      unitCode: 'ECO',
      roles: ['office_staff'],
    });
    const unknown = await http()
      .get('/api/v1/auth/me')
      .set('Authorization', `Bearer ${stranger}`)
      .expect(401);
    expect(unknown.body.code).toBe('actor-not-in-roster');
    // A session token is no bearer token.
    await http().get('/api/v1/auth/me').set('Authorization', `Bearer ${session.session}`).expect(401);
  });

  it('renews a session past half its time with a new cookie, and logout makes the old cookie useless', async () => {
    const cookies = await signIn(people.head.id);
    const { sid } = jwt.decode(cookies.session) as { sid: string };
    const [before] = await h.dataSource.query(`SELECT expires_at FROM auth_sessions WHERE id = $1`, [sid]);
    // The same session's token with a minute left, as a browser holds it 29 minutes after its last request.
    const aging = jwt.sign({ typ: 'session', sid }, TEST_JWT_SECRET, {
      subject: people.head.id,
      issuer: 'eco-grid',
      audience: 'eco-grid-api',
      expiresIn: 60,
    });
    const renewed = await http().get('/api/v1/auth/me').set('Cookie', `eco_session=${aging}`).expect(200);
    const fresh = setCookie(renewed, 'eco_session')!.value;
    expect((jwt.decode(fresh) as { exp: number }).exp * 1000).toBeGreaterThan(Date.now() + 25 * 60_000);
    const [after] = await h.dataSource.query(`SELECT expires_at FROM auth_sessions WHERE id = $1`, [sid]);
    expect(new Date(after.expires_at).getTime()).toBeGreaterThanOrEqual(
      new Date(before.expires_at).getTime(),
    );
    // A fresh token is not renewed on every request.
    const quiet = await http().get('/api/v1/auth/me').set('Cookie', cookieHeader(cookies)).expect(200);
    expect(setCookie(quiet, 'eco_session')).toBeUndefined();

    await http().post('/api/v1/auth/logout').set('Cookie', cookieHeader(cookies)).expect(403);
    const out = await http()
      .post('/api/v1/auth/logout')
      .set('Cookie', cookieHeader(cookies))
      .set('X-CSRF-Token', cookies.csrf)
      .expect(204);
    expect(setCookie(out, 'eco_session')!.header).toMatch(/Expires=Thu, 01 Jan 1970/);
    expect(setCookie(out, 'eco_csrf')!.header).toMatch(/Expires=Thu, 01 Jan 1970/);
    for (const cookie of [cookieHeader(cookies), `eco_session=${fresh}`]) {
      const gone = await http().get('/api/v1/auth/me').set('Cookie', cookie).expect(401);
      expect(gone.body).toMatchObject({ code: 'session-expired', title: '登录已失效' });
    }
    const anonymous = await http().get('/api/v1/auth/me').expect(401);
    expect(anonymous.body).toMatchObject({ code: 'token-missing', title: '未登录' });
  });

  it('lists the sign-in methods', async () => {
    const providers = await http().get('/api/v1/auth/providers').expect(200);
    expect(providers.body).toEqual({ password: true, oidc: { enabled: true, label: '统一身份认证登录' } });
  });

  it('signs in through the county’s OpenID provider (code + PKCE) as the member its phone claim names; strangers are refused', async () => {
    const begin = await http().get('/api/v1/auth/oidc').expect(302);
    const authorization = new URL(begin.headers.location);
    expect(authorization.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorization.searchParams.get('redirect_uri')).toBe(OIDC_REDIRECT);
    const state = setCookie(begin, 'eco_oidc')!;
    expect(state.header).toMatch(/HttpOnly/);

    const back = await signInAtProvider(authorization.toString(), 'zhang.san');
    expect(back.searchParams.get('code')).toBeTruthy();
    const callback = await http()
      .get(`/api/v1/auth/oidc/callback${back.search}`)
      .set('Cookie', `eco_oidc=${state.value}`)
      .expect(302);
    expect(callback.headers.location).toBe('/');
    const cookies = {
      session: setCookie(callback, 'eco_session')!.value,
      csrf: setCookie(callback, 'eco_csrf')!.value,
    };
    const me = await http().get('/api/v1/auth/me').set('Cookie', cookieHeader(cookies)).expect(200);
    expect(me.body).toMatchObject({ id: people.sso.id, roles: ['grid_member'], mustChangePassword: false });

    // The code was used once; replaying the callback gets nothing.
    await http()
      .get(`/api/v1/auth/oidc/callback${back.search}`)
      .set('Cookie', `eco_oidc=${state.value}`)
      .expect(400);

    const second = await http().get('/api/v1/auth/oidc').expect(302);
    const strangerBack = await signInAtProvider(second.headers.location, 'stranger');
    const refused = await http()
      .get(`/api/v1/auth/oidc/callback${strangerBack.search}`)
      .set('Cookie', `eco_oidc=${setCookie(second, 'eco_oidc')!.value}`)
      .expect(403);
    expect(refused.body).toMatchObject({ code: 'oidc-member-unknown', title: '名册中没有该用户' });
    expect(setCookie(refused, 'eco_session')).toBeUndefined();
    const [members] = await h.dataSource.query(
      `SELECT count(*)::int AS n FROM members WHERE phone = '13000000000'`,
    );
    expect(members.n).toBe(0);

    // Without the state cookie (another browser, or too late) the callback is refused.
    await http().get(`/api/v1/auth/oidc/callback${back.search}`).expect(400);
  });
});
