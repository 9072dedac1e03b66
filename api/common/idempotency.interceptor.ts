import { createHash } from 'node:crypto';
import {
  createParamDecorator,
  Injectable,
  SetMetadata,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { defer, from, lastValueFrom, type Observable } from 'rxjs';
import { IdempotencyRepository } from '../../persistence/repositories/idempotency.repository';
import { ProblemException } from './problem';
import { badRequest, conflict } from './problem-factories';

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
const KEY_PATTERN = /^[\x21-\x7e]{1,128}$/;

/** The same JSON text for the same data whatever the key order, so the hash compares bodies, not spellings. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * The name of one idempotent request's work: the same for every retry of (key, actor, endpoint, body), different
 * for anything else. Services derive the ids of what the request creates from it (a patrol's id, the codes of the
 * issues it starts), so a retry after a crash finds what the first attempt made instead of making it again. The
 * body's hash is part of it, so a key used again for another request after its row expired starts new work.
 */
export function idempotencyToken(key: string, actor: string, endpoint: string, requestHash: string): string {
  return createHash('sha256')
    .update(`${key}\n${actor}\n${endpoint}\n${requestHash}`)
    .digest('hex')
    .slice(0, 32);
}

/** The hash of a request body that a key's row keeps, whatever the order of its keys. */
export function requestHash(body: unknown): string {
  return createHash('sha256')
    .update(canonicalJson(body ?? {}))
    .digest('hex');
}

const WITHOUT_IDEMPOTENCY = 'eco-grid:without-idempotency';
const KEYED_WORK = 'eco-grid:keyed-work';

/**
 * Marks a route whose work is itself keyed by the request's token (S2): a Temporal Update or workflow id, a record
 * id derived from it. Running such a request twice does the work once, so a retry never waits behind a row that a
 * dead or slow attempt left 'in progress': it runs at once and finds what the first attempt did.
 */
export const KeyedWork = (): MethodDecorator & ClassDecorator => SetMetadata(KEYED_WORK, true);

/**
 * Whose key space an anonymous request uses: its device (Open311's `device_id`) or else its client address, so two
 * members of the public who pick the same Idempotency-Key never receive each other's answers.
 */
export function anonymousClient(request: Request): string {
  const device = (request.body as { device_id?: unknown } | undefined)?.device_id;
  if (typeof device === 'string' && device.length > 0) return `anonymous:device:${device.slice(0, 128)}`;
  return `anonymous:address:${request.ip ?? 'unknown'}`;
}

/**
 * Marks a route whose answers must never be stored (sign-in, passwords): the Idempotency-Key header is ignored, so
 * neither a hash of a body with a password nor an answer with a temporary password lands in idempotency_keys.
 */
export const WithoutIdempotency = (): MethodDecorator & ClassDecorator =>
  SetMetadata(WITHOUT_IDEMPOTENCY, true);

interface IdempotentRequest {
  idempotencyToken?: string;
}

/** The request's idempotency token (see `idempotencyToken`), or undefined when it came without a key. */
export const IdempotencyToken = createParamDecorator(
  (_data: unknown, context: ExecutionContext): string | undefined =>
    context.switchToHttp().getRequest<IdempotentRequest>().idempotencyToken,
);

export const IdempotencyErrors = {
  invalid: () =>
    badRequest(
      'idempotency-key-invalid',
      'Invalid Idempotency-Key',
      'Idempotency-Key must be 1–128 visible ASCII characters.',
      {
        field: 'Idempotency-Key',
        rule: 'idempotency-key-format',
        message: '1–128 visible ASCII characters',
        zh: '1 至 128 个可见 ASCII 字符',
      },
    ),
  reused: () =>
    new ProblemException(
      422,
      'idempotency-key-reused',
      'Idempotency-Key reused',
      'This Idempotency-Key was already used with a different request body; use a new key for a new request.',
    ),
  inProgress: () =>
    conflict(
      'idempotency-key-in-progress',
      'Request in progress',
      'A request with this Idempotency-Key is still being processed; retry later.',
    ),
};

/**
 * Idempotency-Key on POST: the first request inserts an 'in progress' row, does the work and stores its answer; a
 * retry with the same key and body gets that answer without doing anything again. Failed requests and 202 answers
 * leave no row, so they can be retried. On a `KeyedWork` route a retry that finds the row 'in progress' (its first
 * attempt died, or still runs) runs again under the same token at once: the work is keyed by it, so Temporal (or
 * the record's derived id) gives it the first attempt's outcome (S2). On other routes a simultaneous twin gets 409,
 * and a dead attempt's row is taken over after two minutes (`IdempotencyRepository.claim`).
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly keys: IdempotencyRepository,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean | undefined>(WITHOUT_IDEMPOTENCY, targets))
      return next.handle();
    const request = context.switchToHttp().getRequest<Request & { actor?: { id: string } }>();
    const response = context.switchToHttp().getResponse<Response>();
    const key = request.headers[IDEMPOTENCY_KEY_HEADER];
    if (request.method !== 'POST' || key === undefined) return next.handle();
    const keyed = this.reflector.getAllAndOverride<boolean | undefined>(KEYED_WORK, targets) ?? false;
    return defer(() =>
      from(this.run(Array.isArray(key) ? key.join(',') : key, request, response, next, keyed)),
    );
  }

  private async run(
    key: string,
    request: Request & { actor?: { id: string } },
    response: Response,
    next: CallHandler,
    keyed: boolean,
  ): Promise<unknown> {
    if (!KEY_PATTERN.test(key)) throw IdempotencyErrors.invalid();
    const actor = request.actor?.id ?? anonymousClient(request);
    const endpoint = `${request.method} ${request.path}`.slice(0, 300);
    const hash = requestHash(request.body);
    const ids = { key, actor, endpoint };

    if (!(await this.keys.claim(ids, hash, keyed))) {
      const stored = await this.keys.stored(ids);
      if (!stored) throw IdempotencyErrors.inProgress(); // deleted by a failing twin a moment ago
      if (stored.request_hash !== hash) throw IdempotencyErrors.reused();
      if (stored.state !== 'done') throw IdempotencyErrors.inProgress();
      response.status(stored.response_status ?? 200);
      response.setHeader('Idempotent-Replayed', 'true');
      if (stored.response_location) response.setHeader('Location', stored.response_location);
      return stored.response_body;
    }

    (request as IdempotentRequest).idempotencyToken = idempotencyToken(key, actor, endpoint, hash);
    let body: unknown;
    try {
      body = await lastValueFrom(next.handle(), { defaultValue: undefined });
    } catch (error) {
      await this.keys.release(ids);
      throw error;
    }
    const location = response.getHeader('Location');
    await this.keys.complete(ids, response.statusCode, body, typeof location === 'string' ? location : null);
    return body;
  }
}
