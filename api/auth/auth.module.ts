import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import { Configuration } from '../../config/configuration';
import { AuthGuard } from './auth.guard';
import { JwtVerifier } from './jwt.verifier';

/**
 * Security of every route: a rate limit per client address first (429), then the bearer token (401) unless the
 * route is @Public().
 */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [Configuration],
      useFactory: (config: Configuration) => [{ ttl: 60_000, limit: config.RATE_LIMIT_PER_MINUTE }],
    }),
  ],
  providers: [
    {
      provide: JwtVerifier,
      inject: [Configuration],
      useFactory: (config: Configuration) => new JwtVerifier(config),
    },
    { provide: APP_GUARD, useClass: ThrottlerGuard },
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [JwtVerifier],
})
export class AuthModule {}
