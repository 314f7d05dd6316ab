import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Request } from 'express';
import { NoIdempotency } from '../core/idempotency/idempotency.decorator';
import { AuthService, type SignedIn } from './auth.service';
import { LoginDto, RefreshDto } from './auth.dto';
import type { AuthenticatedUser } from './authenticated-user';
import { CurrentUser, Public } from './decorators';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @NoIdempotency()
  @Post('login')
  @HttpCode(200)
  @ApiOkResponse({ description: '`{ accessToken, refreshToken, expiresIn, user }`' })
  @ApiUnauthorizedResponse({ description: 'auth.invalidCredentials' })
  @ApiTooManyRequestsResponse({ description: 'auth.tooManyAttempts: five failures in 15 minutes' })
  login(@Body() body: LoginDto, @Req() request: Request): Promise<SignedIn> {
    return this.auth.login(body.username, body.password, request.ip ?? 'unknown');
  }

  @Public()
  @NoIdempotency()
  @Post('refresh')
  @HttpCode(200)
  @ApiOkResponse({ description: 'A new token pair; the given refresh token is used up' })
  refresh(@Body() body: RefreshDto): Promise<SignedIn> {
    return this.auth.refresh(body.refreshToken);
  }

  @ApiBearerAuth()
  @NoIdempotency()
  @Post('logout')
  @HttpCode(204)
  async logout(@Body() body: RefreshDto, @CurrentUser() user: AuthenticatedUser): Promise<void> {
    await this.auth.logout(body.refreshToken, user);
  }

  @ApiBearerAuth()
  @Get('me')
  me(@CurrentUser() user: AuthenticatedUser): AuthenticatedUser {
    return user;
  }
}
