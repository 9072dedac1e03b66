import type { PasswordProblem } from '../../domain/accounts/password-policy';
import { cataloguedProblem } from '../common/problem';
import { defineProblemMessages } from '../common/problem-catalogue';

/** What the sign-in and account answers say, Chinese first; `{name}` is filled from the error's parameters. */
export const AUTH_PROBLEMS = defineProblemMessages({
  'token-missing': {
    title: { 'zh-CN': '未登录', en: 'Unauthorized' },
    detail: {
      'zh-CN': '请先登录，或在请求头 Authorization 中提供 Bearer 访问令牌。',
      en: 'This route needs a signed-in session or an Authorization: Bearer <token> header.',
    },
  },
  'token-invalid': {
    title: { 'zh-CN': '访问令牌无效', en: 'Unauthorized' },
    detail: { 'zh-CN': '访问令牌无效，请重新登录或重新获取令牌。', en: '{reason}' },
  },
  'token-expired': {
    title: { 'zh-CN': '访问令牌已过期', en: 'Unauthorized' },
    detail: { 'zh-CN': '访问令牌已过期，请重新获取。', en: 'The token has expired.' },
  },
  'actor-not-in-roster': {
    title: { 'zh-CN': '用户不在名册中', en: 'Unauthorized' },
    detail: {
      'zh-CN': '令牌所指的用户不是名册中的在职成员或服务账号。',
      en: "The token's subject is not an active member or service account of the roster.",
    },
  },
  'session-expired': {
    title: { 'zh-CN': '登录已失效', en: 'Unauthorized' },
    detail: {
      'zh-CN': '登录已过期或已退出，请重新登录。',
      en: 'The session has expired or was ended; sign in again.',
    },
  },
  'invalid-credentials': {
    title: { 'zh-CN': '账号或密码错误', en: 'Invalid credentials' },
    detail: {
      'zh-CN': '账号或密码错误，请重新输入。',
      en: 'The account or the password is wrong.',
    },
  },
  'too-many-attempts': {
    title: { 'zh-CN': '登录失败次数过多', en: 'Too many failed sign-ins' },
    detail: {
      'zh-CN': '登录失败次数过多，请在 {minutes} 分钟后再试。',
      en: 'Too many failed sign-ins; try again in {minutes} minute(s).',
    },
  },
  'password-change-required': {
    title: { 'zh-CN': '请先修改密码', en: 'Password change required' },
    detail: {
      'zh-CN': '首次登录或密码被重置后，须先修改密码（POST /api/v1/auth/password）才能继续使用。',
      en: 'Set a new password first (first sign-in or after a reset): POST /api/v1/auth/password.',
    },
  },
  'csrf-token-invalid': {
    title: { 'zh-CN': 'CSRF 校验失败', en: 'CSRF token missing or wrong' },
    detail: {
      'zh-CN': '通过 Cookie 登录的修改类请求须在请求头 X-CSRF-Token 中携带 eco_csrf Cookie 的值。',
      en: 'A cookie-authenticated request that changes data must send the X-CSRF-Token header equal to the eco_csrf cookie.',
    },
  },
  'current-password-wrong': {
    title: { 'zh-CN': '当前密码错误', en: 'Current password wrong' },
    detail: { 'zh-CN': '当前密码不正确。', en: 'The current password is not correct.' },
  },
  'password-not-set': {
    title: { 'zh-CN': '尚未设置密码', en: 'No password set' },
    detail: {
      'zh-CN': '该账号尚未设置密码，请由本单位负责人或县环委办重置密码。',
      en: 'This account has no password yet; ask the unit head or 县环委办 to reset it.',
    },
  },
  'password-too-weak': {
    title: { 'zh-CN': '新密码不符合要求', en: 'The new password is not acceptable' },
    detail: { 'zh-CN': '{problems}', en: '{problems}' },
  },
  'password-sign-in-off': {
    title: { 'zh-CN': '未启用密码登录', en: 'Password sign-in is off' },
    detail: {
      'zh-CN': '服务器未配置会话密钥（JWT_SECRET 或 SESSION_SECRET），无法使用密码登录。',
      en: 'The server has no session key (JWT_SECRET or SESSION_SECRET), so password sign-in is off.',
    },
  },
  'not-a-member': {
    title: { 'zh-CN': '仅限成员', en: 'Members only' },
    detail: {
      'zh-CN': '服务账号没有密码，也不能登录控制台。',
      en: 'A service account has no password and cannot sign in to the console.',
    },
  },
  'member-not-found': {
    title: { 'zh-CN': '成员不存在', en: 'Member not found' },
    detail: { 'zh-CN': '没有编号为 {id} 的在职成员。', en: 'No active member has the id {id}.' },
  },
  'password-reset-not-permitted': {
    title: { 'zh-CN': '无权重置密码', en: 'Not permitted for this actor' },
    detail: {
      'zh-CN': '只有该成员所在单位的负责人（分网格长/副分网格长、网格长/副网格长）或县环委办可以重置其密码。',
      en: "Only the heads of the member's unit (分网格长/副分网格长, 网格长/副网格长) or 县环委办 may reset the password.",
    },
  },
  'oidc-disabled': {
    title: { 'zh-CN': '未启用统一身份认证', en: 'Single sign-on is off' },
    detail: {
      'zh-CN': '本系统未配置统一身份认证（OpenID Connect）。',
      en: 'No OpenID Connect provider is configured.',
    },
  },
  'oidc-failed': {
    title: { 'zh-CN': '统一身份认证登录失败', en: 'Single sign-on failed' },
    detail: {
      'zh-CN': '统一身份认证未能完成登录，请重新登录。',
      en: 'The sign-in at the identity provider did not complete: {reason}',
    },
  },
  'oidc-member-unknown': {
    title: { 'zh-CN': '名册中没有该用户', en: 'Not a member' },
    detail: {
      'zh-CN': '统一身份认证的用户与本系统名册中的在职成员不对应，请联系县环委办。',
      en: 'The identity provider’s user matches no active member of the roster; ask 县环委办.',
    },
  },
});

/** The auth module's errors, each with a stable code clients can switch on. */
export const AuthErrors = {
  unauthorized: (
    code: 'token-missing' | 'token-invalid' | 'token-expired' | 'actor-not-in-roster' | 'session-expired',
    reason = '',
  ) => cataloguedProblem(401, code, { reason }),
  invalidCredentials: () => cataloguedProblem(401, 'invalid-credentials'),
  tooManyAttempts: (retryAfterSeconds: number) =>
    cataloguedProblem(429, 'too-many-attempts', { minutes: Math.max(1, Math.ceil(retryAfterSeconds / 60)) }),
  passwordChangeRequired: () => cataloguedProblem(403, 'password-change-required'),
  csrfInvalid: () => cataloguedProblem(403, 'csrf-token-invalid'),
  currentPasswordWrong: () =>
    cataloguedProblem(
      403,
      'current-password-wrong',
      {},
      {
        errors: [
          {
            field: 'currentPassword',
            rule: 'current-password',
            message: 'the current password is not correct',
            zh: '当前密码不正确',
          },
        ],
      },
    ),
  passwordNotSet: () => cataloguedProblem(409, 'password-not-set'),
  passwordTooWeak: (problems: PasswordProblem[]) =>
    cataloguedProblem(
      422,
      'password-too-weak',
      {
        problems: {
          'zh-CN': problems.map((p) => p.zh).join('；'),
          en: problems.map((p) => p.en).join('; '),
        },
      },
      { errors: problems.map((p) => ({ field: 'newPassword', rule: p.rule, message: p.en, zh: p.zh })) },
    ),
  passwordSignInOff: () => cataloguedProblem(503, 'password-sign-in-off'),
  notAMember: () => cataloguedProblem(403, 'not-a-member'),
  memberNotFound: (id: string) => cataloguedProblem(404, 'member-not-found', { id: id.slice(0, 64) }),
  resetNotPermitted: () => cataloguedProblem(403, 'password-reset-not-permitted'),
  oidcDisabled: () => cataloguedProblem(404, 'oidc-disabled'),
  oidcFailed: (reason: string) => cataloguedProblem(400, 'oidc-failed', { reason: reason.slice(0, 200) }),
  oidcMemberUnknown: () => cataloguedProblem(403, 'oidc-member-unknown'),
};
