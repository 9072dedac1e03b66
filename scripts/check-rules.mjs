#!/usr/bin/env node
// The rule book check (`npm test`, step "rule book"): every rule defined in docs/rules.md has a test titled with
// its id, every id a test title names is defined there, and every proof the rule book cites is a real test.
// Plain Node and no dependencies, so it runs before anything is installed. How a rule is defined, cited and named
// is described at the top of docs/rules.md; the grammar below is that description in code.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ID = '[A-Z]{1,2}\\d+';
/** A rule's definition: a level-3 heading `### L5 — title` (em dash), and nothing else in the book. */
const DEFINITION = new RegExp(`^### (${ID}) — \\S`);
/** A proof cited under a definition: ``- `test/…spec.ts` — `title` `` (the title exactly as the test spells it). */
const PROOF = /^- `(test\/[^`]+)` — `([^`]+)`$/;
/** A title's id prefix: ids joined by ", " or " and ", a range `L3–L14`, then a colon. */
const TITLE_PREFIX = new RegExp(`^(${ID}(?:[–-]${ID})?(?:(?:, | and )${ID}(?:[–-]${ID})?)*):`);

/**
 * Rule definitions and their cited proofs in the rule book's Markdown.
 * @param {string} markdown
 * @returns {{ rules: { id: string, line: number, proofs: { file: string, title: string, line: number }[] }[], duplicates: { id: string, line: number }[] }}
 */
export function parseRuleBook(markdown) {
  const rules = [];
  const duplicates = [];
  let current = null;
  let fenced = false;
  markdown.split('\n').forEach((text, index) => {
    const line = index + 1;
    if (/^\s*(```|~~~)/.test(text)) fenced = !fenced;
    if (fenced) return;
    if (/^#{1,3} /.test(text)) current = null;
    const definition = DEFINITION.exec(text);
    if (definition) {
      const id = definition[1];
      if (rules.some((rule) => rule.id === id)) duplicates.push({ id, line });
      current = { id, line, proofs: [] };
      rules.push(current);
      return;
    }
    const proof = current && PROOF.exec(text);
    if (proof) current.proofs.push({ file: proof[1], title: proof[2], line });
  });
  return { rules, duplicates };
}

/**
 * The ids a test title names at its start: `L5: …` → [L5]; `L3, L5 and L6: …` → [L3, L5, L6];
 * `L3–L14: …` → L3 to L14 (same letters, en dash or hyphen). A title without the prefix names none.
 * @param {string} title
 * @returns {string[]}
 */
export function titleIds(title) {
  const prefix = TITLE_PREFIX.exec(title);
  if (!prefix) return [];
  const ids = [];
  for (const part of prefix[1].split(/, | and /)) {
    const [from, to] = part.split(/[–-]/);
    if (!to) {
      ids.push(from);
      continue;
    }
    const [, letters, first] = /^([A-Z]+)(\d+)$/.exec(from);
    const [, toLetters, last] = /^([A-Z]+)(\d+)$/.exec(to);
    // A range across letters (L3–P2) means nothing; its two ends still count as named.
    if (letters !== toLetters || Number(last) < Number(first)) ids.push(from, to);
    else for (let n = Number(first); n <= Number(last); n += 1) ids.push(`${letters}${n}`);
  }
  return ids;
}

/**
 * Titles of the tests declared in one test file's source: `it('…'`, `test("…"`, `it(\`…\``, `it.each(table)('…'`,
 * `test.each…`, `it.concurrent…`; a template title's text up to its first `${`. Comments and strings elsewhere
 * are skipped, so a title quoted in a comment is not a test.
 * @param {string} source
 * @returns {{ title: string, line: number }[]}
 */
export function testTitles(source) {
  const tokens = tokenize(source);
  const titles = [];
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i];
    if (token.type !== 'name' || (token.value !== 'it' && token.value !== 'test')) continue;
    if (i > 0 && tokens[i - 1].value === '.') continue;
    let j = i + 1;
    let each = false;
    while (tokens[j]?.value === '.' && tokens[j + 1]?.type === 'name') {
      if (tokens[j + 1].value === 'each') each = true;
      j += 2;
    }
    if (tokens[j]?.value !== '(') continue;
    if (each) {
      j = closing(tokens, j) + 1;
      if (tokens[j]?.value !== '(') continue;
    }
    const title = tokens[j + 1];
    if (title?.type === 'string') titles.push({ title: title.value, line: title.line });
  }
  return titles;
}

/** Index of the `)` that closes the `(` at `open`. */
function closing(tokens, open) {
  let depth = 0;
  for (let k = open; k < tokens.length; k += 1) {
    if (tokens[k].value === '(') depth += 1;
    else if (tokens[k].value === ')' && --depth === 0) return k;
  }
  return tokens.length;
}

/** Names, strings (a template's static head) and single punctuation, with comments and regex literals dropped. */
function tokenize(source) {
  const tokens = [];
  let i = 0;
  let line = 1;
  const advance = (to) => {
    for (; i < to && i < source.length; i += 1) if (source[i] === '\n') line += 1;
  };
  while (i < source.length) {
    const c = source[i];
    const next = source[i + 1];
    if (c === '/' && next === '/') {
      const end = source.indexOf('\n', i);
      advance(end < 0 ? source.length : end);
    } else if (c === '/' && next === '*') {
      const end = source.indexOf('*/', i + 2);
      advance(end < 0 ? source.length : end + 2);
    } else if (c === "'" || c === '"') {
      const start = line;
      let k = i + 1;
      for (; k < source.length && source[k] !== c && source[k] !== '\n'; k += 1)
        if (source[k] === '\\') k += 1;
      tokens.push({ type: 'string', value: unescape(source.slice(i + 1, k)), line: start });
      advance(k + 1);
    } else if (c === '`') {
      const start = line;
      const end = templateEnd(source, i);
      const body = source.slice(i + 1, end);
      const head = body.indexOf('${');
      tokens.push({ type: 'string', value: unescape(head < 0 ? body : body.slice(0, head)), line: start });
      advance(end + 1);
    } else if (/[A-Za-z_$]/.test(c)) {
      const match = /^[A-Za-z_$][\w$]*/.exec(source.slice(i, i + 200));
      tokens.push({ type: 'name', value: match[0], line });
      advance(i + match[0].length);
    } else if (/\d/.test(c)) {
      const match = /^[\d._xXa-fA-FnoObB]+/.exec(source.slice(i, i + 100));
      tokens.push({ type: 'number', value: match[0], line });
      advance(i + match[0].length);
    } else if (c === '/' && regexAllowed(tokens[tokens.length - 1])) {
      advance(regexEnd(source, i));
    } else {
      if (!/\s/.test(c)) tokens.push({ type: 'punct', value: c, line });
      advance(i + 1);
    }
  }
  return tokens;
}

/** After a value (name, number, string, `)`, `]`) a slash divides; anywhere else it opens a regex literal. */
function regexAllowed(previous) {
  if (!previous) return true;
  if (previous.type === 'name')
    return ['return', 'typeof', 'case', 'in', 'of', 'void'].includes(previous.value);
  if (previous.type === 'number' || previous.type === 'string') return false;
  return previous.value !== ')' && previous.value !== ']' && previous.value !== '}';
}

function regexEnd(source, start) {
  let inClass = false;
  for (let k = start + 1; k < source.length; k += 1) {
    const c = source[k];
    if (c === '\\') k += 1;
    else if (c === '[') inClass = true;
    else if (c === ']') inClass = false;
    else if (c === '\n') return k;
    else if (c === '/' && !inClass) {
      while (/[a-z]/.test(source[k + 1] ?? '')) k += 1;
      return k + 1;
    }
  }
  return source.length;
}

/** Index of the backtick that closes the template literal opening at `start`, across nested `${…}`. */
function templateEnd(source, start) {
  for (let k = start + 1; k < source.length; k += 1) {
    const c = source[k];
    if (c === '\\') k += 1;
    else if (c === '`') return k;
    else if (c === '$' && source[k + 1] === '{') {
      let depth = 1;
      k += 2;
      for (; k < source.length && depth > 0; k += 1) {
        if (source[k] === '{') depth += 1;
        else if (source[k] === '}') depth -= 1;
        else if (source[k] === '`') k = templateEnd(source, k);
        else if (source[k] === "'" || source[k] === '"') {
          const quote = source[k];
          for (k += 1; k < source.length && source[k] !== quote; k += 1) if (source[k] === '\\') k += 1;
        }
      }
      k -= 1;
    }
  }
  return source.length;
}

function unescape(text) {
  return text.replace(/\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)/g, (_, code) => {
    if (code[0] === 'u') return String.fromCodePoint(parseInt(code.replace(/[u{}]/g, ''), 16));
    if (code[0] === 'x' && code.length === 3) return String.fromCharCode(parseInt(code.slice(1), 16));
    return { n: '\n', t: '\t', r: '\r' }[code] ?? code;
  });
}

/**
 * The whole check on text alone: the rule book's Markdown and each test file's source by its path.
 * @param {string} ruleBook
 * @param {Record<string, string>} testFiles path (relative to the repository) → source
 * @returns {{ ok: boolean, problems: string[], rules: number, titles: number }}
 */
export function checkRules(ruleBook, testFiles) {
  const { rules, duplicates } = parseRuleBook(ruleBook);
  const problems = [];
  const defined = new Set(rules.map((rule) => rule.id));
  const proven = new Map();
  const titlesByFile = new Map();
  let titles = 0;
  for (const [file, source] of Object.entries(testFiles).sort(([a], [b]) => a.localeCompare(b))) {
    const found = testTitles(source);
    titles += found.length;
    titlesByFile.set(file, new Set(found.map((t) => t.title)));
    for (const { title, line } of found) {
      for (const id of titleIds(title)) {
        if (!defined.has(id))
          problems.push(`${file}:${line}: test title names ${id}, which docs/rules.md does not define`);
        if (!proven.has(id)) proven.set(id, []);
        proven.get(id).push(title);
      }
    }
  }
  if (rules.length === 0) problems.push('docs/rules.md defines no rule (a rule is a heading "### L5 — …")');
  for (const { id, line } of duplicates) problems.push(`docs/rules.md:${line}: ${id} is defined twice`);
  for (const rule of rules) {
    if (!proven.has(rule.id))
      problems.push(`docs/rules.md:${rule.line}: ${rule.id} has no test titled "${rule.id}: …"`);
    if (rule.proofs.length === 0)
      problems.push(
        `docs/rules.md:${rule.line}: ${rule.id} cites no proof ("- \`test/….spec.ts\` — \`<test title>\`")`,
      );
    for (const proof of rule.proofs) {
      const fileTitles = titlesByFile.get(proof.file);
      if (!fileTitles)
        problems.push(
          `docs/rules.md:${proof.line}: ${rule.id} cites ${proof.file}, but no such test file exists`,
        );
      else if (!fileTitles.has(proof.title))
        problems.push(
          `docs/rules.md:${proof.line}: ${rule.id} cites "${proof.title}", which ${proof.file} has no test titled`,
        );
    }
  }
  return { ok: problems.length === 0, problems, rules: rules.length, titles };
}

/** Test files: `*.spec.ts`, `*.test.ts` (and .js/.mjs) under test/, fixtures aside. */
function readTestFiles(root) {
  const files = {};
  const walk = (dir) => {
    for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const relative = path.posix.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (relative !== 'test/fixtures') walk(relative);
      } else if (/\.(spec|test)\.(ts|js|mjs)$/.test(entry.name)) {
        files[relative] = fs.readFileSync(path.join(root, relative), 'utf8');
      }
    }
  };
  walk('test');
  return files;
}

function main() {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const ruleBook = fs.readFileSync(path.join(root, 'docs', 'rules.md'), 'utf8');
  const result = checkRules(ruleBook, readTestFiles(root));
  if (result.ok) {
    console.log(
      `rule book: ${result.rules} rules, each proved by a test named after it (${result.titles} test titles read)`,
    );
    return;
  }
  console.error(
    `rule book: ${result.problems.length} problem(s) between docs/rules.md and the tests' titles:`,
  );
  for (const problem of result.problems) console.error(`  - ${problem}`);
  process.exitCode = 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
