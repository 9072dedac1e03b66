/**
 * The console's one door to the API: same origin, JSON, problem+json errors. A signed-in browser carries the
 * `eco_session` cookie and echoes `eco_csrf` on unsafe requests; a bearer token (other systems, development)
 * stored under TOKEN_KEY is sent instead when present.
 */
import { storedLocale } from '../i18n';

export const TOKEN_KEY = 'eco-grid.bearer';

export interface FieldProblem {
  field: string;
  rule?: string;
  message: string;
}

/** An RFC 9457 problem answered by the API (or made up here for a network failure). */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail: string,
    readonly errors: FieldProblem[] = [],
    readonly retryAfter?: number,
    /** The problem's other members (e.g. an import's `rows`). */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail || title);
  }
}

export function bearerToken(): string | null {
  return localStorage.getItem(TOKEN_KEY);
}

export function setBearerToken(token: string | null): void {
  if (token) localStorage.setItem(TOKEN_KEY, token);
  else localStorage.removeItem(TOKEN_KEY);
}

function cookie(name: string): string | undefined {
  return document.cookie
    .split(';')
    .map((part) => part.trim())
    .find((part) => part.startsWith(`${name}=`))
    ?.slice(name.length + 1);
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

type Listener = (problem: ApiProblem) => void;
const listeners = new Set<Listener>();
/** Session-wide problems (401, password-change-required) are announced to the session provider. */
export function onSessionProblem(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export interface RequestOptions {
  method?: string;
  body?: unknown;
  /** FormData is sent as multipart; anything else as JSON. */
  form?: FormData;
  accept?: string;
  query?: Record<string, string | number | boolean | undefined>;
  /** Sends an Idempotency-Key so a retried submission is not taken twice. */
  idempotencyKey?: string;
  /** Do not announce a 401 (the session check itself). */
  quiet?: boolean;
}

export function withQuery(path: string, query?: RequestOptions['query']): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

export async function request(path: string, options: RequestOptions = {}): Promise<Response> {
  const method = options.method ?? (options.body !== undefined || options.form ? 'POST' : 'GET');
  // The API's problems then come in the language the console shows.
  const headers = new Headers({
    Accept: options.accept ?? 'application/json',
    'Accept-Language': storedLocale() === 'en' ? 'en' : 'zh-CN',
  });
  const token = bearerToken();
  if (token) headers.set('Authorization', `Bearer ${token}`);
  else if (UNSAFE.has(method)) {
    const csrf = cookie('eco_csrf');
    if (csrf) headers.set('X-CSRF-Token', decodeURIComponent(csrf));
  }
  if (options.idempotencyKey) headers.set('Idempotency-Key', options.idempotencyKey);
  let body: BodyInit | undefined;
  if (options.form) body = options.form;
  else if (options.body !== undefined) {
    headers.set('Content-Type', 'application/json');
    body = JSON.stringify(options.body);
  }
  let response: Response;
  try {
    response = await fetch(withQuery(path, options.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiProblem(0, 'network-error', '无法连接服务器', 'Cannot reach the server');
  }
  if (!response.ok) {
    const problem = await toProblem(response);
    if (!options.quiet && (problem.status === 401 || problem.code === 'password-change-required')) {
      listeners.forEach((listener) => listener(problem));
    }
    throw problem;
  }
  return response;
}

async function toProblem(response: Response): Promise<ApiProblem> {
  const retryAfter = Number(response.headers.get('Retry-After')) || undefined;
  let body: Record<string, unknown> = {};
  try {
    body = (await response.json()) as Record<string, unknown>;
  } catch {
    // Not JSON: a proxy's error page; the status says enough.
  }
  const errors = Array.isArray(body.errors) ? (body.errors as FieldProblem[]) : [];
  return new ApiProblem(
    response.status,
    typeof body.code === 'string' ? body.code : `http-${response.status}`,
    typeof body.title === 'string' ? body.title : response.statusText,
    typeof body.detail === 'string' ? body.detail : '',
    errors,
    retryAfter,
    body,
  );
}

export async function getJson<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await request(path, options);
  return (await response.json()) as T;
}

export async function postJson<T>(path: string, body: unknown, options: RequestOptions = {}): Promise<T> {
  const response = await request(path, { ...options, method: 'POST', body });
  return response.status === 204 ? (undefined as T) : ((await response.json()) as T);
}

/** A random UUID; crypto.randomUUID exists only in secure contexts, and a county LAN may serve plain HTTP. */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A file the API answers (ledgers, reports, templates), saved under the name its Content-Disposition gives. */
export async function download(path: string, query?: RequestOptions['query']): Promise<void> {
  const response = await request(path, { query, accept: '*/*' });
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const utf8 = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  const plain = /filename="([^"]+)"/i.exec(disposition);
  const name = utf8 ? decodeURIComponent(utf8[1]) : (plain?.[1] ?? path.split('/').pop() ?? 'download');
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
