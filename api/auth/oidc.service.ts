import { Injectable, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import jwt from 'jsonwebtoken';
import * as oidc from 'openid-client';
import { DataSource } from 'typeorm';
import { Configuration, sessionKey } from '../../config/configuration';
import { findMemberIdBy, type MemberMatch } from '../../persistence/repositories/roster.repository';
import { AuthErrors } from './auth.errors';
import { cookieSecure, requestCookie } from './cookies';
import { SessionManager } from './sessions';

const STATE_COOKIE = 'eco_oidc';
const STATE_PATH = '/api/v1/auth/oidc';
const STATE_SECONDS = 600;

interface PendingSignIn {
  state: string;
  nonce: string;
  verifier: string;
}

/**
 * Single sign-on with the county's OpenID Connect provider (authorization code with PKCE): the provider's claim
 * (OIDC_CLAIM) names a member of the roster (OIDC_MATCH); unknown people are refused, never created.
 */
@Injectable()
export class OidcService {
  private readonly logger = new Logger('OIDC');
  private discovered: Promise<oidc.Configuration> | undefined;
  private readonly key: string | undefined;

  constructor(
    private readonly config: Configuration,
    private readonly sessions: SessionManager,
    private readonly dataSource: DataSource,
  ) {
    this.key = sessionKey(config);
  }

  /** On when the provider is configured and sessions can be signed. */
  get enabled(): boolean {
    return Boolean(this.config.OIDC_ISSUER && this.key);
  }

  get label(): string {
    return this.config.OIDC_LABEL;
  }

  /** The provider's authorization URL; the state, nonce and PKCE verifier wait in a short signed cookie. */
  async begin(request: Request, response: Response): Promise<string> {
    const configuration = await this.configuration();
    const pending: PendingSignIn = {
      state: oidc.randomState(),
      nonce: oidc.randomNonce(),
      verifier: oidc.randomPKCECodeVerifier(),
    };
    response.cookie(
      STATE_COOKIE,
      jwt.sign({ typ: 'oidc', ...pending }, this.requiredKey(), { expiresIn: STATE_SECONDS }),
      {
        httpOnly: true,
        sameSite: 'lax',
        secure: cookieSecure(request, this.config.COOKIE_SECURE === 'true'),
        path: STATE_PATH,
        maxAge: STATE_SECONDS * 1000,
      },
    );
    return oidc
      .buildAuthorizationUrl(configuration, {
        redirect_uri: this.config.OIDC_REDIRECT_URI as string,
        scope: this.config.OIDC_SCOPES,
        state: pending.state,
        nonce: pending.nonce,
        code_challenge: await oidc.calculatePKCECodeChallenge(pending.verifier),
        code_challenge_method: 'S256',
      })
      .toString();
  }

  /** Completes the sign-in: the code for tokens, the claim to a member, then the member's session cookies. */
  async complete(request: Request, response: Response): Promise<void> {
    const configuration = await this.configuration();
    const pending = this.pending(request);
    response.clearCookie(STATE_COOKIE, { path: STATE_PATH });
    // The callback URL as registered, not as this request's Host header says: a proxy may rewrite that.
    const query = request.originalUrl.includes('?')
      ? request.originalUrl.slice(request.originalUrl.indexOf('?'))
      : '';
    const callback = new URL(`${this.config.OIDC_REDIRECT_URI as string}${query}`);
    let claims: Record<string, unknown>;
    try {
      const tokens = await oidc.authorizationCodeGrant(configuration, callback, {
        pkceCodeVerifier: pending.verifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      const idClaims = tokens.claims();
      claims = { ...idClaims };
      // Many providers put phone_number and the like in the UserInfo answer only, not in the ID token.
      if (claims[this.config.OIDC_CLAIM] === undefined && idClaims) {
        claims = {
          ...(await oidc.fetchUserInfo(configuration, tokens.access_token, idClaims.sub)),
          ...claims,
        };
      }
    } catch (error) {
      this.logger.warn(
        `sign-in at the provider failed: ${error instanceof Error ? error.message : String(error)}`,
      );
      throw AuthErrors.oidcFailed(error instanceof Error ? error.message : 'the provider refused');
    }
    const value = claims[this.config.OIDC_CLAIM];
    const memberId =
      typeof value === 'string' && value.trim() !== ''
        ? await findMemberIdBy(this.dataSource, this.config.OIDC_MATCH as MemberMatch, value.trim())
        : null;
    if (!memberId) throw AuthErrors.oidcMemberUnknown();
    await this.sessions.start(request, response, memberId, 'oidc');
  }

  private pending(request: Request): PendingSignIn {
    const cookie = requestCookie(request, STATE_COOKIE);
    try {
      const payload = jwt.verify(cookie ?? '', this.requiredKey(), { algorithms: ['HS256'] });
      if (typeof payload === 'object' && payload.typ === 'oidc') return payload as unknown as PendingSignIn;
    } catch {
      // falls through: expired, forged or missing
    }
    throw AuthErrors.oidcFailed('the sign-in took longer than 10 minutes or began in another browser');
  }

  private configuration(): Promise<oidc.Configuration> {
    if (!this.enabled) return Promise.reject(AuthErrors.oidcDisabled());
    if (!this.discovered) {
      const issuer = new URL(this.config.OIDC_ISSUER as string);
      this.discovered = oidc
        .discovery(
          issuer,
          this.config.OIDC_CLIENT_ID as string,
          this.config.OIDC_CLIENT_SECRET,
          this.config.OIDC_CLIENT_SECRET ? undefined : oidc.None(),
          // Configuration allows http:// only for a provider on this machine (a development or test provider).
          issuer.protocol === 'http:' ? { execute: [oidc.allowInsecureRequests] } : undefined,
        )
        .catch((error: unknown) => {
          this.discovered = undefined; // try again on the next sign-in
          this.logger.warn(
            `discovery of ${issuer.href} failed: ${error instanceof Error ? error.message : String(error)}`,
          );
          throw AuthErrors.oidcFailed('the identity provider cannot be reached');
        });
    }
    return this.discovered;
  }

  private requiredKey(): string {
    if (!this.key) throw AuthErrors.oidcDisabled();
    return this.key;
  }
}
