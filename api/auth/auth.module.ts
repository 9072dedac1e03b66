import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import { Configuration } from '../../config/configuration';
import { AuthController, MemberPasswordController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { JwtVerifier } from './jwt.verifier';
import { OidcService } from './oidc.service';
import { SessionManager } from './sessions';

/**
 * Security of every route: a rate limit per client address first (429), then the session cookie or bearer
 * token, resolved against the roster (401), unless the route is @Public(); and the sign-in routes themselves.
 */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [Configuration],
      useFactory: (config: Configuration) => [{ ttl: 60_000, limit: config.RATE_LIMIT_PER_MINUTE }],
    }),
  ],
  controllers: [AuthController, MemberPasswordController],
  providers: [
    {
      provide: JwtVerifier,
      inject: [Configuration],
      useFactory: (config: Configuration) => new JwtVerifier(config),
    },
    SessionManager,
    AuthService,
    OidcService,
    { provide: APP_GUARD, useClass: ThrottlerGuard },
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [JwtVerifier],
})
export class AuthModule {}
