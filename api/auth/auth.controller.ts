import { Body, Controller, Get, Header, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCookieAuth,
  ApiForbiddenResponse,
  ApiFoundResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import {
  ChangePasswordDto,
  LoginDto,
  LoginResponseDto,
  MeDto,
  PasswordResetDto,
  ProvidersDto,
} from './auth.dto';
import { WithoutIdempotency } from '../common/idempotency.interceptor';
import { AuthService } from './auth.service';
import { CurrentPrincipal, type Principal } from './current-actor.decorator';
import type { Me } from './me';
import { OidcService } from './oidc.service';
import { AllowsPendingPasswordChange, Public } from './public.decorator';
import { SessionManager } from './sessions';

/** 登录 Sign-in for the console: password or the county's single sign-on, session cookies, the member's password. */
@ApiTags('auth')
@WithoutIdempotency()
@Controller('api/v1/auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly oidc: OidcService,
    private readonly sessions: SessionManager,
  ) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: '登录 Sign in with mobile number or account name and password',
    description:
      '成功后设置两个 Cookie：eco_session（HttpOnly，会话令牌，使用中自动续期）和 eco_csrf（修改类请求须在 X-CSRF-Token 头中回传）。连续失败将按账号和来源地址锁定一段时间（429，Retry-After）。On success sets eco_session (HttpOnly, short-lived, renewed on use) and eco_csrf (send it back as X-CSRF-Token on unsafe requests). Repeated failures lock the account and the client address for a while (429 with Retry-After).',
  })
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiUnauthorizedResponse({
    description: 'invalid-credentials：账号或密码错误（不区分哪一项） Never says which part was wrong',
  })
  @ApiTooManyRequestsResponse({
    description: 'too-many-attempts：账号或地址已被暂时锁定 Locked out for a while',
  })
  login(
    @Body() dto: LoginDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<{ member: Me; mustChangePassword: boolean }> {
    return this.auth.login(dto.account, dto.password, request, response);
  }

  @Post('logout')
  @Public()
  @HttpCode(204)
  @ApiOperation({
    summary: '退出登录 Sign out',
    description:
      '结束当前会话并清除 Cookie（需 X-CSRF-Token）。Ends the session and clears both cookies (needs X-CSRF-Token).',
  })
  @ApiNoContentResponse({ description: '已退出 Signed out' })
  @ApiForbiddenResponse({ description: 'csrf-token-invalid' })
  logout(@Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<void> {
    return this.auth.logout(request, response);
  }

  @Get('me')
  @AllowsPendingPasswordChange()
  @ApiCookieAuth('session')
  @ApiBearerAuth()
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: '当前用户 Who is signed in',
    description: '单位、角色均取自名册。Unit and roles as the roster has them now.',
  })
  @ApiOkResponse({ type: MeDto })
  @ApiUnauthorizedResponse({ description: '未登录 Not signed in' })
  me(@CurrentPrincipal() principal: Principal, @Req() request: Request): Me {
    return this.auth.me(principal, request);
  }

  @Post('password')
  @AllowsPendingPasswordChange()
  @HttpCode(204)
  @ApiCookieAuth('session')
  @ApiBearerAuth()
  @ApiOperation({
    summary: '修改密码 Change the password',
    description:
      '验证当前密码后设置新密码，并结束该成员的其他会话；首次登录或重置后必须先调用此接口。Checks the current password, sets the new one, ends the member’s other sessions; required after the first sign-in or a reset.',
  })
  @ApiNoContentResponse({ description: '已修改 Changed' })
  @ApiForbiddenResponse({ description: 'current-password-wrong, csrf-token-invalid' })
  @ApiUnprocessableEntityResponse({
    description: 'password-too-weak：新密码不符合要求 The new password breaks the rule',
  })
  changePassword(
    @Body() dto: ChangePasswordDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<void> {
    return this.auth.changePassword(principal, dto.currentPassword, dto.newPassword, request, response);
  }

  @Get('providers')
  @Public()
  @ApiOperation({ summary: '可用的登录方式 How one can sign in' })
  @ApiOkResponse({ type: ProvidersDto })
  providers(): ProvidersDto {
    return {
      password: this.sessions.enabled,
      oidc: { enabled: this.oidc.enabled, label: this.oidc.label },
    };
  }

  @Get('oidc')
  @Public()
  @ApiOperation({ summary: '统一身份认证登录 Sign in at the county’s identity provider (302 there)' })
  @ApiFoundResponse({ description: '转到身份认证服务 Redirect to the provider' })
  @ApiNotFoundResponse({ description: 'oidc-disabled' })
  async beginOidc(@Req() request: Request, @Res() response: Response): Promise<void> {
    const url = await this.oidc.begin(request, response);
    response.redirect(302, url);
  }

  @Get('oidc/callback')
  @Public()
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: '统一身份认证回调 The provider’s redirect back: session cookies, then 302 to /' })
  @ApiFoundResponse({ description: '已登录，转到首页 Signed in, redirect to /' })
  @ApiForbiddenResponse({ description: 'oidc-member-unknown：名册中无此人 Not a member of the roster' })
  async completeOidc(@Req() request: Request, @Res() response: Response): Promise<void> {
    await this.oidc.complete(request, response);
    response.redirect(302, '/');
  }
}

/** 重置密码 A member's password reset by their unit's heads or 县环委办. */
@ApiTags('members')
@ApiBearerAuth()
@ApiCookieAuth('session')
@WithoutIdempotency()
@Controller('api/v1/members')
export class MemberPasswordController {
  constructor(private readonly auth: AuthService) {}

  @Post(':id/password-reset')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @ApiParam({ name: 'id', example: 'demo-ule-member-1' })
  @ApiOperation({
    summary: '重置成员密码 Reset a member’s password',
    description:
      '本单位负责人（分网格长/副分网格长、网格长/副网格长）或县环委办可重置；返回一次性临时密码，成员下次登录须修改，其现有会话全部结束。The heads of the member’s unit or 县环委办; answers a temporary password that must be changed at the next sign-in, and ends the member’s sessions.',
  })
  @ApiOkResponse({ type: PasswordResetDto })
  @ApiForbiddenResponse({ description: 'password-reset-not-permitted' })
  @ApiNotFoundResponse({ description: 'member-not-found' })
  resetPassword(
    @Param('id') id: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<{ temporaryPassword: string }> {
    return this.auth.resetPassword(principal, id);
  }
}
