import type { CookieOptions, Request, Response } from 'express';

export const SESSION_COOKIE = 'eco_session';
export const CSRF_COOKIE = 'eco_csrf';
export const CSRF_HEADER = 'x-csrf-token';

/** The cookies of a request (the first of a repeated name wins); values that are not valid %-encoding are kept raw. */
export function parseCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  if (!header) return cookies;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 1) continue;
    const name = part.slice(0, eq).trim();
    if (name in cookies) continue;
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    try {
      cookies[name] = decodeURIComponent(value);
    } catch {
      cookies[name] = value;
    }
  }
  return cookies;
}

export function requestCookie(request: Request, name: string): string | undefined {
  return parseCookies(request.headers.cookie)[name];
}

/** Secure when the request came over HTTPS (as Express sees it through TRUST_PROXY) or COOKIE_SECURE=true. */
export function cookieSecure(request: Request, forceSecure: boolean): boolean {
  return forceSecure || request.secure;
}

function base(secure: boolean): CookieOptions {
  return { sameSite: 'lax', secure, path: '/' };
}

/** The session token (HttpOnly) and its CSRF token (readable by the console's script), for `maxAgeMs`. */
export function setSessionCookies(
  response: Response,
  cookies: { session: string; csrf: string; maxAgeMs: number; secure: boolean },
): void {
  response.cookie(SESSION_COOKIE, cookies.session, {
    ...base(cookies.secure),
    httpOnly: true,
    maxAge: cookies.maxAgeMs,
  });
  response.cookie(CSRF_COOKIE, cookies.csrf, {
    ...base(cookies.secure),
    httpOnly: false,
    maxAge: cookies.maxAgeMs,
  });
}

export function clearSessionCookies(response: Response, secure: boolean): void {
  response.clearCookie(SESSION_COOKIE, { ...base(secure), httpOnly: true });
  response.clearCookie(CSRF_COOKIE, { ...base(secure), httpOnly: false });
}
