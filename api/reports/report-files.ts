import { StreamableFile } from '@nestjs/common';
import type { Response } from 'express';
import type { PrintableDocument } from '../../domain/documents/printable';
import { renderPdf, renderXlsx } from '../documents/render';
import type { DocumentFormat } from './reports.dto';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The printable document as a file download: PDF to print and file, XLSX to work on. */
export async function documentFile(
  doc: PrintableDocument,
  format: DocumentFormat,
  baseName: string,
  response: Response,
): Promise<StreamableFile> {
  const ascii = baseName.replace(/[^A-Za-z0-9._-]+/g, '-');
  response.setHeader(
    'Content-Disposition',
    `attachment; filename="${ascii}.${format}"; filename*=UTF-8''${encodeURIComponent(`${doc.title}-${baseName}.${format}`)}`,
  );
  if (format === 'xlsx') return new StreamableFile(await renderXlsx(doc), { type: XLSX_TYPE });
  return new StreamableFile(await renderPdf(doc), { type: 'application/pdf' });
}
