import {
  Controller,
  Get,
  Param,
  Post,
  Res,
  StreamableFile,
  UseInterceptors,
  UploadedFile,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '../../domain/organisation/roles';
import { CurrentActor } from '../auth/current-actor.decorator';
import { MultipartProblems } from '../common/multipart-problems';
import { EvidenceErrors } from './evidence.errors';
import { EvidenceService, type StoredEvidence } from './evidence.service';
import { EVIDENCE_MEDIA_TYPES } from './media-type';
import { fileContent, object, text } from '../common/response-schemas';

/** `{ id, sha256, size, mediaType }` of a stored evidence file; the id is its content hash. */
const STORED_EVIDENCE_SCHEMA = object({
  id: text,
  sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' },
  size: { type: 'integer', minimum: 1 },
  mediaType: { type: 'string', enum: [...EVIDENCE_MEDIA_TYPES] },
});

/** 10 MB unless EVIDENCE_MAX_BYTES says otherwise (read once at start-up). */
export const EVIDENCE_MAX_BYTES = (() => {
  const configured = Number(process.env.EVIDENCE_MAX_BYTES);
  return Number.isInteger(configured) && configured > 0 ? configured : 10 * 1024 * 1024;
})();

/** What multer hands over for one file held in memory (the part of its type this module uses). */
interface UploadedEvidence {
  buffer: Buffer;
  size: number;
  originalname: string;
}

const upload = FileInterceptor('file', {
  limits: { fileSize: EVIDENCE_MAX_BYTES, files: 1, fields: 5, parts: 10 },
});

/** 证据材料 Evidence files: photos and PDFs that issue actions reference in their `evidence` arrays. */
@ApiTags('evidence')
@ApiBearerAuth()
@Controller('api/v1/evidence')
export class EvidenceController {
  constructor(private readonly evidence: EvidenceService) {}

  @Post()
  @UseInterceptors(MultipartProblems('file', EVIDENCE_MAX_BYTES), upload)
  @ApiOperation({
    summary: '上传证据材料 Upload an evidence file',
    description:
      '照片或文件（JPEG、PNG、WebP、PDF，按文件头判断类型，默认不超过10 MB）。编号为内容的 SHA-256，相同内容再次上传返回同一编号（首次 201，之后 200）。The id is the sha256 of the content: the same content uploaded again answers 200 with the same id (201 the first time). Type decided by magic bytes (415 otherwise); at most 10 MB by default (EVIDENCE_MAX_BYTES; 413 beyond).',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary', description: '证据文件 The file' } },
    },
  })
  @ApiCreatedResponse({
    description: '首次上传 Stored for the first time: { id, sha256, size, mediaType }',
    schema: STORED_EVIDENCE_SCHEMA,
  })
  @ApiOkResponse({
    description: '相同内容已存在 The same content was stored before: the same answer',
    schema: STORED_EVIDENCE_SCHEMA,
  })
  async upload(
    @UploadedFile() file: UploadedEvidence | undefined,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StoredEvidence> {
    if (!file) throw EvidenceErrors.missingFile();
    const { evidence, created } = await this.evidence.store(file.buffer, file.originalname, actor);
    response.status(created ? 201 : 200);
    response.setHeader('Location', `/api/v1/evidence/${evidence.id}`);
    return evidence;
  }

  @Get(':id')
  @ApiOperation({
    summary: '读取证据材料 Download an evidence file',
    description:
      '任何已登录用户均可读取（编号即内容哈希，不可猜测）。Any authenticated user may read a file: ids are content hashes, known only to those who were given them in an issue’s history.',
  })
  @ApiParam({ name: 'id', description: 'sha256 hex of the content' })
  @ApiOkResponse({
    description: 'The file, with its media type.',
    content: fileContent(...EVIDENCE_MEDIA_TYPES),
  })
  async download(
    @Param('id') id: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const file = await this.evidence.read(id);
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('Cache-Control', 'private, max-age=31536000, immutable');
    response.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
    return new StreamableFile(file.content, {
      type: file.mediaType,
      length: file.size,
      disposition: `inline; filename="${id}"`,
    });
  }
}
