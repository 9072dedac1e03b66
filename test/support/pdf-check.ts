// Checks a rendered PDF with PyMuPDF (from PyPI, cached like the project's other tools): the text a reader
// extracts, the fonts embedded, and page 1 rendered to a PNG with how much of it is ink.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** PyMuPDF release pinned for the check (a single binary wheel without dependencies for CPython 3.9+). */
export const PYMUPDF_VERSION = '1.26.7';

const ROOT = path.resolve(__dirname, '..', '..');

export interface PdfFont {
  xref: number;
  ext: string;
  type: string;
  /** BaseFont, with pdfkit's subset tag: `ABCDEF+NotoSansSC-Regular`. */
  name: string;
  encoding: string;
}

export interface PdfCheck {
  pageCount: number;
  /** Width and height of page 1 in points. */
  pageSize: [number, number];
  metadata: Record<string, string | null>;
  pages: Array<{ text: string; fonts: PdfFont[] }>;
  render: {
    /** The PNG of page 1. */
    png: string;
    width: number;
    height: number;
    /** Share of non-white pixels of page 1. */
    inkFraction: number;
    /** Visible characters of page 1 that were checked. */
    charactersChecked: number;
    /** Share of them whose glyph box has ink in the rendering (a missing glyph has none, or maps to U+FFFD). */
    glyphCoverage: number;
    notdef: number;
    /** Up to 50 characters that did not render. */
    missing: string;
  };
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      { cwd: ROOT, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`${path.basename(command)} failed: ${error.message}\n${stderr}`));
        else resolve(stdout);
      },
    );
  });
}

let pymupdf: Promise<string> | undefined;

/**
 * The folder PyMuPDF is unpacked in: `ensurePipPackage` of scripts/tools.mjs (an ES module, so it runs in a child
 * Node process; Jest here is CommonJS) installs it once under the project cache and answers at once after that.
 */
export function ensurePymupdf(): Promise<string> {
  const script = `
    const { ensurePipPackage } = await import(${JSON.stringify(path.join(ROOT, 'scripts', 'tools.mjs'))});
    const dir = await ensurePipPackage({
      what: 'PyMuPDF ${PYMUPDF_VERSION}',
      dir: 'pymupdf',
      version: '${PYMUPDF_VERSION}',
      requirement: 'pymupdf==${PYMUPDF_VERSION}',
    });
    process.stdout.write(dir);`;
  pymupdf ??= run(process.execPath, ['--input-type=module', '-e', script]).then((dir) => dir.trim());
  return pymupdf;
}

function python(): string {
  for (const candidate of ['python3', 'python']) {
    for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
      const file = path.join(dir, candidate);
      if (fs.existsSync(file)) return file;
    }
  }
  throw new Error('the PDF check needs python3 (PyMuPDF is a Python package)');
}

/** Where the checked PDFs and their page-1 PNGs are kept (overwritten each run), to look at by eye. */
export const PDF_CHECK_DIR = path.join(os.tmpdir(), 'eco-grid-pdf-check');

/** Writes the PDF and page 1's PNG under the OS temp dir (`name` keeps test files apart) and inspects them. */
export async function checkPdf(pdf: Buffer, name = 'document'): Promise<PdfCheck> {
  const dir = PDF_CHECK_DIR;
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.pdf`);
  fs.writeFileSync(file, pdf);
  const packages = await ensurePymupdf();
  const stdout = await run(
    python(),
    [path.join(__dirname, 'pdf-check.py'), file, path.join(dir, `${name}-page1.png`)],
    {
      ...process.env,
      PYTHONPATH: [packages, process.env.PYTHONPATH].filter(Boolean).join(path.delimiter),
      PYTHONIOENCODING: 'utf-8',
    },
  );
  return JSON.parse(stdout) as PdfCheck;
}

/** Text of every page, whitespace removed: table cells and wrapped lines compare without line breaks. */
export function compactText(check: PdfCheck, page?: number): string {
  const pages = page === undefined ? check.pages : [check.pages[page]];
  return pages.map((p) => p.text.replace(/\s+/g, '')).join('');
}
