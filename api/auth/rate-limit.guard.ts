import { Injectable, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  InjectThrottlerOptions,
  InjectThrottlerStorage,
  ThrottlerGuard,
  type ThrottlerModuleOptions,
  type ThrottlerStorage,
} from '@nestjs/throttler';
import type { Request } from 'express';
import { Configuration } from '../../config/configuration';
import { JwtVerifier } from './jwt.verifier';
import { SessionManager } from './sessions';

const BEARER = /^Bearer\s+(\S+)$/i;

/** Whose budget a request spends: a signed-in account's, or its address's when it proves no account. */
export interface RateSubject {
  kind: 'account' | 'address';
  key: string;
}

type RatedRequest = Request & { rateSubject?: RateSubject };

/**
 * One rate limit per account across every route (an office behind one NAT shares an address, not a budget), and
 * one per client address for requests that prove no account. Only a signature is checked here (no database): a
 * forged token cannot open a budget of its own, and whether the account may act is the auth guard's question.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    reflector: Reflector,
    private readonly verifier: JwtVerifier,
    private readonly sessions: SessionManager,
  ) {
    super(options, storage, reflector);
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<RatedRequest>();
    request.rateSubject = this.subjectOf(request);
    return super.canActivate(context);
  }

  protected override getTracker(request: Record<string, unknown>): Promise<string> {
    const subject = request.rateSubject as RateSubject | undefined;
    return Promise.resolve(subject ? `${subject.kind}:${subject.key}` : `address:${String(request.ip)}`);
  }

  /** The same key on every route, so the budget is the account's (or address's), not the route's. */
  protected override generateKey(_context: ExecutionContext, tracker: string, name: string): string {
    return `${name}:${tracker}`;
  }

  private subjectOf(request: Request): RateSubject {
    const member = this.signedAccount(request);
    return member ? { kind: 'account', key: member } : { kind: 'address', key: request.ip ?? 'unknown' };
  }

  private signedAccount(request: Request): string | undefined {
    const header = request.headers.authorization;
    if (header) {
      const match = BEARER.exec(header.trim());
      if (!match) return undefined;
      try {
        return this.verifier.verify(match[1]).id;
      } catch {
        return undefined;
      }
    }
    return this.sessions.signedMember(request);
  }
}

/** The limit of a request's subject: per account, or per address for requests without one. */
export function rateLimitOf(config: Configuration, context: ExecutionContext): number {
  const subject = context.switchToHttp().getRequest<RatedRequest>().rateSubject;
  return subject?.kind === 'account'
    ? config.RATE_LIMIT_PER_MINUTE
    : config.RATE_LIMIT_PER_ADDRESS_PER_MINUTE;
}
