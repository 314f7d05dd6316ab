import { createSecretKey } from 'node:crypto';
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import type { TesseraConfig } from '../core/config';
import { TESSERA_CONFIG } from '../core/tokens';
import { AccessTokens } from './access-tokens';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { LoginRateLimit } from './login-rate-limit';

@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [TESSERA_CONFIG],
      // One key object for the process: handed a string, jsonwebtoken would first try (and fail) to
      // parse it as a public key on every verification.
      useFactory: (config: TesseraConfig) => {
        const key = createSecretKey(Buffer.from(config.jwtSecret, 'utf8'));
        return {
          secretOrKeyProvider: () => key,
          signOptions: { algorithm: 'HS256' },
          verifyOptions: { algorithms: ['HS256'] },
        };
      },
    }),
  ],
  controllers: [AuthController],
  providers: [AccessTokens, AuthService, LoginRateLimit, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [AccessTokens],
})
export class AuthModule {}
