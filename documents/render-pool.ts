/**
 * A small, bounded pool of worker threads that render documents, so a long ledger never blocks the event loop of
 * the process that asked for it (the API keeps answering its health checks while a 3,000-line ledger renders).
 */
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { PrintableDocument } from '../domain/documents/printable';
import type { RenderOptions } from './draw';
import type { RenderAnswer, RenderJob } from './render-thread';

/**
 * Starts the thread module. From `dist/` it is plain JavaScript; from the TypeScript sources (Jest) the thread has
 * no transpiler of its own, so it compiles `.ts` files with SWC (a development dependency) as Jest does.
 */
const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
if (workerData.swc) {
  const fs = require('node:fs');
  const swc = require(workerData.swc);
  require.extensions['.ts'] = (module, filename) => {
    const { code } = swc.transformSync(fs.readFileSync(filename, 'utf8'), {
      filename,
      jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
      module: { type: 'commonjs' },
    });
    module._compile(code, filename);
  };
}
require(workerData.file);
`;

interface Pending {
  job: RenderJob;
  resolve: (bytes: Buffer) => void;
  reject: (error: Error) => void;
}

interface Thread {
  worker: Worker;
  job: Pending | null;
  idle?: NodeJS.Timeout;
}

/** An idle thread holds the fonts (~40 MB); it ends after this long without work and the next render starts one. */
const IDLE_MS = 60_000;

export class DocumentRenderPool {
  private readonly threads: Thread[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private closed = false;
  /** The most threads this pool has had at once (never more than its size). */
  peakThreads = 0;

  constructor(
    readonly size: number,
    private readonly idleMs = IDLE_MS,
  ) {
    if (!Number.isInteger(size) || size < 1) throw new Error('a render pool needs at least one thread');
  }

  render(format: 'pdf' | 'xlsx', doc: PrintableDocument, options: RenderOptions = {}): Promise<Buffer> {
    if (this.closed) return Promise.reject(new Error('the document render pool is closed'));
    return new Promise<Buffer>((resolve, reject) => {
      this.queue.push({ job: { id: this.nextId++, format, doc, options }, resolve, reject });
      this.dispatch();
    });
  }

  /** Threads that exist now. */
  get threadCount(): number {
    return this.threads.length;
  }

  /** Stops every thread; renders still waiting are refused. */
  async close(): Promise<void> {
    this.closed = true;
    for (const pending of this.queue.splice(0))
      pending.reject(new Error('the document render pool is closed'));
    await Promise.all(
      this.threads.splice(0).map((thread) => {
        clearTimeout(thread.idle);
        return thread.worker.terminate();
      }),
    );
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const thread = this.threads.find((t) => t.job === null) ?? this.start();
      if (!thread) return;
      const pending = this.queue.shift()!;
      clearTimeout(thread.idle);
      thread.job = pending;
      // A busy thread keeps the process alive until its answer arrives; an idle one does not.
      thread.worker.ref();
      thread.worker.postMessage(pending.job);
    }
  }

  private start(): Thread | null {
    if (this.threads.length >= this.size) return null;
    const file = path.join(__dirname, `render-thread${path.extname(__filename)}`);
    const swc = file.endsWith('.ts') ? require.resolve('@swc/core') : null;
    const worker = new Worker(BOOTSTRAP, { eval: true, workerData: { file, swc } });
    const thread: Thread = { worker, job: null };
    worker.on('message', (answer: RenderAnswer) => this.answered(thread, answer));
    worker.on('error', (error) => this.lost(thread, error));
    worker.on('exit', (code) => this.lost(thread, new Error(`document render thread exited (${code})`)));
    worker.unref();
    this.threads.push(thread);
    this.peakThreads = Math.max(this.peakThreads, this.threads.length);
    return thread;
  }

  private answered(thread: Thread, answer: RenderAnswer): void {
    const pending = thread.job;
    if (!pending || pending.job.id !== answer.id) return;
    thread.job = null;
    thread.worker.unref();
    thread.idle = setTimeout(() => this.retire(thread), this.idleMs).unref();
    if (answer.ok) {
      pending.resolve(Buffer.from(answer.bytes.buffer, answer.bytes.byteOffset, answer.bytes.byteLength));
    } else {
      const error = new Error(answer.error.message);
      error.name = answer.error.name;
      if (answer.error.stack) error.stack = answer.error.stack;
      pending.reject(error);
    }
    this.dispatch();
  }

  private retire(thread: Thread): void {
    if (thread.job || !this.threads.includes(thread)) return;
    this.threads.splice(this.threads.indexOf(thread), 1);
    void thread.worker.terminate();
  }

  /** A thread that crashed or exited: its render fails, and a new thread takes the queue. */
  private lost(thread: Thread, error: Error): void {
    const index = this.threads.indexOf(thread);
    if (index < 0) return;
    this.threads.splice(index, 1);
    clearTimeout(thread.idle);
    const pending = thread.job;
    thread.job = null;
    pending?.reject(error);
    if (!this.closed) this.dispatch();
  }
}
