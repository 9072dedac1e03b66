import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { Configuration } from '../../config/configuration';
import { passwordProblems } from '../../domain/accounts/password-policy';
import { hashPassword, temporaryPassword, verifyPassword } from '../../persistence/password-hash';
import {
  findCredential,
  findCredentialByAccount,
  setPasswordHash,
  type Credential,
} from '../../persistence/repositories/credentials.repository';
import {
  clearFailures,
  deleteStaleFailures,
  lockedUntil,
  recordFailure,
  type FailureLimit,
} from '../../persistence/repositories/login-failures.repository';
import { findRosterEntry } from '../../persistence/repositories/roster.repository';
import { revokeMemberSessions } from '../../persistence/repositories/sessions.repository';
import { pickLocale } from '../common/locale';
import { canManageUnit } from '../common/access';
import { AuthErrors } from './auth.errors';
import { actorOf } from './auth.guard';
import { requestCookie, SESSION_COOKIE } from './cookies';
import type { Principal } from './current-actor.decorator';
import { meOf, type Me } from './me';
import { SessionManager } from './sessions';

/** The failure counter of an account: the member when the name is theirs, else a hash of the name as typed. */
function accountKey(account: string, credential: Credential | null): string {
  if (credential) return `member:${credential.memberId}`;
  // Hashed: people type passwords into the account field, and this table is not the place to keep them.
  return `name:${createHash('sha256').update(account.trim().toLowerCase()).digest('hex').slice(0, 40)}`;
}

const secondsUntil = (when: Date): number => Math.max(1, Math.ceil((when.getTime() - Date.now()) / 1000));

/** Sign-in, sign-out, and members' passwords (issue #12). */
@Injectable()
export class AuthService {
  private readonly accountLimit: FailureLimit;
  private readonly addressLimit: FailureLimit;
  /** Verified against when the account is unknown, so that costs what a wrong password costs. */
  private dummyHash: Promise<string> | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly sessions: SessionManager,
    config: Configuration,
  ) {
    this.accountLimit = {
      maxFailures: config.LOGIN_ACCOUNT_MAX_FAILURES,
      lockSeconds: config.LOGIN_ACCOUNT_LOCK_SECONDS,
    };
    this.addressLimit = {
      maxFailures: config.LOGIN_ADDRESS_MAX_FAILURES,
      lockSeconds: config.LOGIN_ADDRESS_LOCK_SECONDS,
    };
  }

  async login(
    account: string,
    password: string,
    request: Request,
    response: Response,
  ): Promise<{ member: Me; mustChangePassword: boolean }> {
    if (!this.sessions.enabled) throw AuthErrors.passwordSignInOff();
    const address = request.ip ?? 'unknown';
    await this.refuseIfLocked('address', address, response);
    const credential = await findCredentialByAccount(this.dataSource, account.trim());
    const key = accountKey(account, credential);
    await this.refuseIfLocked('account', key, response);
    const matches = await verifyPassword(credential?.passwordHash ?? (await this.dummy()), password);
    if (!credential || !matches) {
      await this.countFailure(key, address);
      throw AuthErrors.invalidCredentials();
    }
    await clearFailures(this.dataSource, 'account', key);
    const entry = await findRosterEntry(this.dataSource, credential.memberId);
    if (!entry) throw AuthErrors.invalidCredentials();
    await this.sessions.start(request, response, entry.id, 'password');
    return {
      member: meOf(
        entry,
        actorOf(entry),
        credential.mustChangePassword,
        pickLocale(request.headers['accept-language']),
      ),
      mustChangePassword: credential.mustChangePassword,
    };
  }

  /** Ends the cookie's session (its CSRF token required, like any unsafe request) and clears the cookies. */
  async logout(request: Request, response: Response): Promise<void> {
    if (!this.sessions.enabled || !requestCookie(request, SESSION_COOKIE)) {
      this.sessions.clearCookies(request, response);
      return;
    }
    let sid: string | undefined;
    try {
      sid = (await this.sessions.resume(request))?.session.id;
    } catch {
      sid = undefined; // already ended: only the cookies are left to clear
    }
    if (sid && !this.sessions.csrfValid(request, sid)) throw AuthErrors.csrfInvalid();
    await this.sessions.end(request, response, sid);
  }

  me(principal: Principal, request: Request): Me {
    return meOf(
      principal.entry,
      principal.actor,
      principal.mustChangePassword,
      pickLocale(request.headers['accept-language']),
    );
  }

  /**
   * Sets the signed-in member's new password after checking the current one (a wrong one counts as a failed
   * sign-in); every other session of theirs ends, this one stays.
   */
  async changePassword(
    principal: Principal,
    currentPassword: string,
    newPassword: string,
    request: Request,
    response: Response,
  ): Promise<void> {
    if (principal.entry.kind !== 'member') throw AuthErrors.notAMember();
    const credential = await findCredential(this.dataSource, principal.entry.id);
    if (!credential) throw AuthErrors.passwordNotSet();
    const key = accountKey('', credential);
    const address = request.ip ?? 'unknown';
    await this.refuseIfLocked('account', key, response);
    if (!(await verifyPassword(credential.passwordHash, currentPassword))) {
      await this.countFailure(key, address);
      throw AuthErrors.currentPasswordWrong();
    }
    const problems = passwordProblems(newPassword, {
      accountNames: [credential.loginName, credential.memberId, credential.phone ?? ''],
      current: currentPassword,
    });
    if (problems.length > 0) throw AuthErrors.passwordTooWeak(problems);
    await setPasswordHash(this.dataSource, credential.memberId, await hashPassword(newPassword), false);
    await clearFailures(this.dataSource, 'account', key);
    await revokeMemberSessions(this.dataSource, credential.memberId, principal.session?.id);
    if (principal.session) {
      await this.sessions.reissue(request, response, principal.session.id, credential.memberId);
    }
  }

  /**
   * A temporary password for a member, set by the heads of their unit or 县环委办: it must be changed at the
   * next sign-in, the member's sessions end and their account is unlocked.
   */
  async resetPassword(principal: Principal, memberId: string): Promise<{ temporaryPassword: string }> {
    const member = await findRosterEntry(this.dataSource, memberId);
    if (!member || member.kind !== 'member') throw AuthErrors.memberNotFound(memberId);
    if (!canManageUnit(principal.actor, member.unitCode)) throw AuthErrors.resetNotPermitted();
    const password = temporaryPassword();
    await setPasswordHash(this.dataSource, member.id, await hashPassword(password), true);
    await revokeMemberSessions(this.dataSource, member.id);
    await clearFailures(this.dataSource, 'account', `member:${member.id}`);
    return { temporaryPassword: password };
  }

  private async refuseIfLocked(scope: 'account' | 'address', key: string, response: Response): Promise<void> {
    const until = await lockedUntil(this.dataSource, scope, key);
    if (!until) return;
    const seconds = secondsUntil(until);
    response.setHeader('Retry-After', String(seconds));
    throw AuthErrors.tooManyAttempts(seconds);
  }

  private async countFailure(accountKeyValue: string, address: string): Promise<void> {
    await recordFailure(this.dataSource, 'account', accountKeyValue, this.accountLimit);
    await recordFailure(this.dataSource, 'address', address, this.addressLimit);
    if (Math.random() < 0.05) await deleteStaleFailures(this.dataSource);
  }

  private dummy(): Promise<string> {
    this.dummyHash ??= hashPassword(temporaryPassword());
    return this.dummyHash;
  }
}
