import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..');
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');
const docsPages = fs
  .readdirSync(path.join(root, 'docs'))
  .filter((name) => name.endsWith('.md'))
  .map((name) => `docs/${name}`);
const pages = ['README.md', ...docsPages];

/** Markdown without fenced blocks and code spans, where a bracket is text, not a link. */
function prose(markdown: string): string {
  return markdown.replace(/^(```|~~~)[\s\S]*?^\1/gm, '').replace(/`[^`\n]*`/g, '');
}

/** Inline links `[text](target)` that point inside the repository (no scheme, not a bare #anchor). */
function relativeLinks(markdown: string): string[] {
  const targets = [...prose(markdown).matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((m) => m[1]);
  return targets.filter((target) => !/^[a-z][a-z0-9+.-]*:/i.test(target) && !target.startsWith('#'));
}

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces to hyphens. */
function anchors(markdown: string): Set<string> {
  const headings = [...prose(markdown.replace(/`([^`\n]*)`/g, '$1')).matchAll(/^#{1,6} (.+)$/gm)];
  return new Set(
    headings.map((m) =>
      m[1]
        .trim()
        .toLowerCase()
        .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
        .replace(/ /g, '-'),
    ),
  );
}

describe('the README and docs/', () => {
  it('keep the README under 12 000 bytes', () => {
    expect(Buffer.byteLength(read('README.md'))).toBeLessThan(12_000);
  });

  it('list every docs/ page in the docs index', () => {
    const listed = new Set(relativeLinks(read('docs/README.md')).map((link) => link.split('#')[0]));
    const missing = docsPages.filter((page) => page !== 'docs/README.md' && !listed.has(path.basename(page)));
    expect(missing).toEqual([]);
    expect(docsPages).toEqual(expect.arrayContaining(['docs/README.md', 'docs/rules.md']));
  });

  it('link the rule book and the docs index from the README, not a specification outside the repository', () => {
    const links = relativeLinks(read('README.md'));
    expect(links).toEqual(expect.arrayContaining(['docs/rules.md', 'docs/README.md']));
    expect(read('README.md')).not.toMatch(/SPEC\.md/);
  });

  it('point every relative link at a file that exists, and every #anchor at a heading of it', () => {
    const broken: string[] = [];
    for (const page of pages) {
      for (const link of relativeLinks(read(page))) {
        const [file, anchor] = link.split('#');
        const target = path.normalize(path.join(path.dirname(page), decodeURIComponent(file)));
        if (!fs.existsSync(path.join(root, target))) broken.push(`${page}: ${link}`);
        else if (anchor && target.endsWith('.md') && !anchors(read(target)).has(anchor))
          broken.push(`${page}: ${link} (no such heading)`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('find a broken link, an unlisted page and a missing anchor when there is one', () => {
    const sample =
      '# T\n\n## Printable documents\n\n[a](nowhere.md) [b](x.md#y) `[c](code.md)` [d](https://e.org)\n';
    expect(relativeLinks(sample)).toEqual(['nowhere.md', 'x.md#y']);
    expect([...anchors(sample)]).toEqual(['t', 'printable-documents']);
    expect(anchors('### `L5` — 五定工作表 (plan)').has('l5--五定工作表-plan')).toBe(true);
  });
});
