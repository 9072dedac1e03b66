import { Module, type ExecutionContext } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { Configuration } from '../../config/configuration';
import { AuthController, MemberPasswordController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { JwtVerifier } from './jwt.verifier';
import { OidcService } from './oidc.service';
import { isPublicWrite, PUBLIC_WRITES } from './public.decorator';
import { RateLimitGuard, rateLimitOf } from './rate-limit.guard';
import { SessionManager } from './sessions';

/**
 * Security of every route: a rate limit per account, or per client address without one, first (429), then the session cookie or bearer
 * token, resolved against the roster (401), unless the route is @Public(); and the sign-in routes themselves.
 */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [Configuration],
      useFactory: (config: Configuration) => [
        { name: 'default', ttl: 60_000, limit: (context: ExecutionContext) => rateLimitOf(config, context) },
        // Writes anyone may send without a login: a far lower limit, counted only on the routes that ask for it.
        {
          name: PUBLIC_WRITES,
          ttl: 3_600_000,
          limit: config.PUBLIC_WRITES_PER_HOUR,
          skipIf: (context) => !isPublicWrite(context),
        },
      ],
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
    { provide: APP_GUARD, useClass: RateLimitGuard },
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [JwtVerifier],
})
export class AuthModule {}
