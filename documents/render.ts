/**
 * Renders a printable document (reports, ledgers, bulletins, the 作战图) as an A4 PDF in Chinese or an XLSX
 * workbook. The drawing (`draw.ts`) runs on a pool of worker threads so the calling process stays responsive;
 * `configureDocumentRendering({ threads: 0 })` draws on the calling thread instead.
 */
import type { PrintableDocument } from '../domain/documents/printable';
import { renderPdf as drawPdf, renderXlsx as drawXlsx, type RenderOptions } from './draw';
import { DocumentRenderPool } from './render-pool';

export { PDF_TYPE, XLSX_TYPE, pdfReference, type RenderOptions } from './draw';

/** Threads when nothing configured them (scripts, tests); the API and the worker pass DOCUMENT_RENDER_THREADS. */
export const DEFAULT_RENDER_THREADS = 1;

let threads = DEFAULT_RENDER_THREADS;
let pool: DocumentRenderPool | null = null;

/** Sets how many threads render documents (0: on the calling thread); takes effect for the next render. */
export function configureDocumentRendering(settings: { threads: number }): void {
  if (!Number.isInteger(settings.threads) || settings.threads < 0) {
    throw new Error('document render threads must be a whole number ≥ 0');
  }
  if (pool && pool.size !== settings.threads) void closeDocumentRendering();
  threads = settings.threads;
}

/** Stops the render threads (at shutdown); the next render starts them again. */
export async function closeDocumentRendering(): Promise<void> {
  const closing = pool;
  pool = null;
  await closing?.close();
}

function renderer(): DocumentRenderPool | null {
  if (threads === 0) return null;
  pool ??= new DocumentRenderPool(threads);
  return pool;
}

/** Renders a printable document as an A4 PDF in Chinese. */
export function renderPdf(doc: PrintableDocument, options: RenderOptions = {}): Promise<Buffer> {
  return renderer()?.render('pdf', doc, options) ?? drawPdf(doc, options);
}

/** Renders a printable document as an XLSX workbook: a 说明 sheet, then one sheet per table section. */
export function renderXlsx(doc: PrintableDocument, options: RenderOptions = {}): Promise<Buffer> {
  return renderer()?.render('xlsx', doc, options) ?? drawXlsx(doc, options);
}
