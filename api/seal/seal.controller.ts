import {
  Body,
  Controller,
  Get,
  HttpCode,
  Injectable,
  PayloadTooLargeException,
  Post,
  UploadedFile,
  UseInterceptors,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { catchError, type Observable } from 'rxjs';
import { Public } from '../auth/public.decorator';
import { invalidField } from '../common/problem-factories';
import { VerifySealDto, type SealPublicKeys, type SealVerification } from './seal.dto';
import { SealService } from './seal.service';
import { SEAL_PUBLIC_KEYS_SCHEMA, SEAL_VERIFICATION_SCHEMA, SEAL_VERIFY_BODY_SCHEMA } from './seal.schemas';

/** The largest PDF a verification takes: reports are a few hundred kilobytes. */
const VERIFY_MAX_BYTES = 32 * 1024 * 1024;

const tooLarge = () =>
  invalidField(
    'file',
    'file-too-large',
    `file is larger than ${VERIFY_MAX_BYTES} bytes; submit its SM3 or SHA-256 digest instead`,
    { zh: `文件超过 ${VERIFY_MAX_BYTES / 1024 / 1024} MB；请改为提交其 SM3 或 SHA-256 摘要` },
  );

/** Multer's size refusal becomes a 400 naming the field and what to do instead. */
@Injectable()
class VerifyLimitInterceptor implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((error: unknown) => {
        throw error instanceof PayloadTooLargeException ? tooLarge() : error;
      }),
    );
  }
}

/**
 * 电子签章 (P10): the county's public seal keys and the verification of a sealed report's PDF, for anyone who
 * receives one (a prefecture clerk, the county leadership): no token needed.
 */
@ApiTags('seal')
@Public()
@Controller('api/v1/seal')
export class SealController {
  constructor(private readonly seal: SealService) {}

  @Get('public-keys')
  @ApiOperation({
    summary: '签章公钥 The county’s public seal keys (P10)',
    description:
      '本县全部电子签章公钥（SM2），含编号、有效期和当前启用的密钥；轮换后旧密钥仍列出，其签章仍可核验。无需登录。Every SM2 key that has signed, with id and validity; the active one has no validUntil. No token needed.',
  })
  @ApiOkResponse({
    description:
      '{ signature, standards, userId, signs, keys: [{ id, publicKey, publicKeyPem, validFrom, validUntil, active }] }',
    schema: SEAL_PUBLIC_KEYS_SCHEMA,
  })
  publicKeys(): Promise<SealPublicKeys> {
    return this.seal.publicKeys();
  }

  @Post('verify')
  @HttpCode(200)
  @UseInterceptors(
    VerifyLimitInterceptor,
    FileInterceptor('file', { limits: { fileSize: VERIFY_MAX_BYTES, files: 1, fields: 2, parts: 3 } }),
  )
  @ApiOperation({
    summary: '核验电子签章 Verify a sealed PDF (P10)',
    description:
      '上传 PDF（multipart 字段 file），或提交其 SM3/SHA-256 摘要（digest），答复该文件是否由本县加盖电子签章且未被改动（verdict：sealed 通过；altered 已被改动；legacy 旧方案无签名；unknown 无对应签章）。无需登录。Upload the PDF (multipart field `file`) or send its SM3 or SHA-256 `digest`; the answer says in Chinese whether the county sealed it and it is unchanged. No token needed.',
  })
  @ApiConsumes('multipart/form-data', 'application/json')
  @ApiBody({ schema: SEAL_VERIFY_BODY_SCHEMA })
  @ApiOkResponse({
    description: '{ valid, verdict, message, checked, report, seal }',
    schema: SEAL_VERIFICATION_SCHEMA,
  })
  @ApiBadRequestResponse({ description: '既无文件也无摘要，或两者都有 Neither or both of file and digest' })
  verify(
    @UploadedFile() file: { buffer: Buffer } | undefined,
    @Body() dto: VerifySealDto,
  ): Promise<SealVerification> {
    if (file && dto.digest)
      throw invalidField('digest', 'seal-verify-input', 'send either a file or a digest, not both', {
        zh: '文件和摘要只能提交其中一个',
      });
    if (file) return this.seal.verifyFile(file.buffer);
    if (dto.digest) return this.seal.verifyDigest(dto.digest);
    throw invalidField(
      'file',
      'seal-verify-input',
      'upload the PDF as file, or send its SM3 or SHA-256 digest',
      { zh: '请上传 PDF 文件，或提交其 SM3 或 SHA-256 摘要' },
    );
  }
}
