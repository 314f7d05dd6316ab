import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { AccessTokens } from './access-tokens';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { LoginRateLimit } from './login-rate-limit';

@Module({
  imports: [JwtModule.register({})],
  controllers: [AuthController],
  providers: [AccessTokens, AuthService, LoginRateLimit, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [AccessTokens],
})
export class AuthModule {}
