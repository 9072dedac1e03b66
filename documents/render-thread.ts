/** A document-rendering thread: draws what `render-pool.ts` sends it and hands the bytes back. */
import { parentPort } from 'node:worker_threads';
import type { PrintableDocument } from '../domain/documents/printable';
import { renderPdf, renderXlsx, type RenderOptions } from './draw';

export interface RenderJob {
  id: number;
  format: 'pdf' | 'xlsx';
  doc: PrintableDocument;
  options: RenderOptions;
}

export type RenderAnswer =
  | { id: number; ok: true; bytes: Uint8Array }
  | { id: number; ok: false; error: { name: string; message: string; stack?: string } };

const port = parentPort;
if (port) {
  port.on('message', (job: RenderJob) => {
    const render = job.format === 'pdf' ? renderPdf : renderXlsx;
    render(job.doc, job.options).then(
      (buffer) => {
        // A buffer that owns its memory is moved, not copied; a slice of Node's shared pool is copied first.
        const bytes =
          buffer.byteOffset === 0 && buffer.byteLength === buffer.buffer.byteLength
            ? new Uint8Array(buffer.buffer, 0, buffer.byteLength)
            : new Uint8Array(buffer);
        port.postMessage({ id: job.id, ok: true, bytes } satisfies RenderAnswer, [
          bytes.buffer as ArrayBuffer,
        ]);
      },
      (error: unknown) => {
        const e = error instanceof Error ? error : new Error(String(error));
        port.postMessage({
          id: job.id,
          ok: false,
          error: { name: e.name, message: e.message, stack: e.stack },
        } satisfies RenderAnswer);
      },
    );
  });
}
