import { StreamableFile } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { Response } from 'express';
import type { PrintableDocument } from '../../domain/documents/printable';
import { PDF_TYPE, renderPdf, renderXlsx, XLSX_TYPE, type RenderOptions } from '../../documents/render';

export const DOCUMENT_FORMATS = ['json', 'pdf', 'xlsx'] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];

/** `?format=json|pdf|xlsx` of an endpoint that answers as JSON or as a printable document. */
export class DocumentFormatQueryDto {
  @ApiPropertyOptional({
    description: '响应格式：JSON，或可打印的 PDF / XLSX 文件 Response format',
    enum: DOCUMENT_FORMATS,
    default: 'json',
  })
  @IsOptional()
  @IsIn(DOCUMENT_FORMATS, { message: `format must be one of ${DOCUMENT_FORMATS.join(', ')}` })
  format: DocumentFormat = 'json';
}

/** A name old clients can take as a file name: letters, digits, `.`, `_` and `-`. */
export function asciiFileName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, '-');
}

/**
 * Renders a printable document as a file download: `asciiName` (letters, digits, dashes) for old clients and
 * the Chinese file name in `filename*`. `signedPdf`, a sealed report's PDF as the county's key signed it (P10), is
 * served as it is instead of a new rendering.
 */
export async function documentFile(
  response: Response,
  doc: PrintableDocument,
  format: 'pdf' | 'xlsx',
  names: { ascii: string; chinese: string },
  options: RenderOptions = {},
  signedPdf?: Buffer,
): Promise<StreamableFile> {
  const [body, type] =
    format === 'pdf'
      ? [signedPdf ?? (await renderPdf(doc, options)), PDF_TYPE]
      : [await renderXlsx(doc, options), XLSX_TYPE];
  response.setHeader(
    'Content-Disposition',
    `attachment; filename="${names.ascii}.${format}"; filename*=UTF-8''${encodeURIComponent(`${names.chinese}.${format}`)}`,
  );
  return new StreamableFile(body, { type });
}
