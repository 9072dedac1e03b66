import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const script = pathToFileURL(path.resolve(__dirname, '..', '..', 'scripts', 'check-rules.mjs')).href;

/** Calls an export of the ES module scripts/check-rules.mjs in a child Node (Jest here runs CommonJS). */
function call<T>(name: string, ...args: unknown[]): T {
  const code = `const m = await import(${JSON.stringify(script)});
    console.log(JSON.stringify(m[${JSON.stringify(name)}](...${JSON.stringify(args)})));`;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(result.stderr);
  return JSON.parse(result.stdout) as T;
}

interface CheckResult {
  ok: boolean;
  problems: string[];
  rules: number;
  titles: number;
}

const check = (book: string, files: Record<string, string>) => call<CheckResult>('checkRules', book, files);

const BOOK = [
  '# Rules',
  '',
  '### L5 — a plan names all five',
  '',
  'Prose that mentions L7 and P1 defines neither.',
  '',
  '- `test/unit/plan.spec.ts` — `L5: a plan needs all five items`',
  '',
  '### P1 — patrols every week',
  '',
  '- `test/unit/patrol.spec.ts` — `P1: a week without a patrol is noticed`',
  '',
  '| id | rule |',
  '| -- | ---- |',
  '| L7 | a table row is not a definition |',
].join('\n');

const CLEAN = {
  'test/unit/plan.spec.ts':
    "describe('plans', () => {\n  it('L5: a plan needs all five items', () => {});\n});\n",
  'test/unit/patrol.spec.ts': "test('P1: a week without a patrol is noticed', () => {});\n",
};

describe('scripts/check-rules.mjs', () => {
  it('passes a rule book whose every rule has a test titled with its id and cites real tests', () => {
    expect(check(BOOK, CLEAN)).toEqual({ ok: true, problems: [], rules: 2, titles: 2 });
  });

  it('names a defined rule that no test title proves', () => {
    const files = { 'test/unit/plan.spec.ts': CLEAN['test/unit/plan.spec.ts'] };
    const result = check(BOOK, files);
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([
      'docs/rules.md:9: P1 has no test titled "P1: …"',
      'docs/rules.md:11: P1 cites test/unit/patrol.spec.ts, but no such test file exists',
    ]);
  });

  it('names a test title whose id the rule book does not define, even when prose or a table mentions it', () => {
    const files = {
      ...CLEAN,
      'test/unit/progress.spec.ts': "\n\nit('L7: progress is reported weekly', () => {});\n",
    };
    expect(check(BOOK, files).problems).toEqual([
      'test/unit/progress.spec.ts:3: test title names L7, which docs/rules.md does not define',
    ]);
  });

  it('names a cited proof whose title the file does not have, and a rule that cites none', () => {
    const book = BOOK.replace('`P1: a week without a patrol is noticed`', '`P1: renamed since`').replace(
      '- `test/unit/plan.spec.ts` — `L5: a plan needs all five items`',
      '',
    );
    expect(check(book, CLEAN).problems).toEqual([
      'docs/rules.md:3: L5 cites no proof ("- `test/….spec.ts` — `<test title>`")',
      'docs/rules.md:11: P1 cites "P1: renamed since", which test/unit/patrol.spec.ts has no test titled',
    ]);
  });

  it('refuses a rule defined twice and a rule book that defines none', () => {
    const twice = `${BOOK}\n\n### P1 — again\n\n- \`test/unit/patrol.spec.ts\` — \`P1: a week without a patrol is noticed\`\n`;
    expect(check(twice, CLEAN).problems).toEqual(['docs/rules.md:17: P1 is defined twice']);
    expect(check('# Rules\n\nL5: a plan names all five.\n', {}).problems).toEqual([
      'docs/rules.md defines no rule (a rule is a heading "### L5 — …")',
    ]);
  });

  it('reads the ids at the start of a title: one, a list, a range, and none', () => {
    expect(call('titleIds', 'L5: a plan')).toEqual(['L5']);
    expect(call('titleIds', 'L3, L5 and L6: a transfer')).toEqual(['L3', 'L5', 'L6']);
    expect(call('titleIds', 'L3–L6: any action')).toEqual(['L3', 'L4', 'L5', 'L6']);
    expect(call('titleIds', 'S1: NUL is refused')).toEqual(['S1']);
    expect(call('titleIds', 'A4 pages keep a margin')).toEqual([]);
    expect(call('titleIds', '%s: each action')).toEqual([]);
    expect(call('titleIds', 'refuses L5: not at the start')).toEqual([]);
  });

  it('finds it, test, it.each and template titles, and skips comments, strings and describe', () => {
    const source = [
      "// it('Z1: a comment is not a test')",
      "describe('L9: a describe is not a test', () => {",
      '  const text = "it(\'Z2: nor is a string\')";',
      '  it.each([',
      "    ['a (paren', `x${')'.repeat(2)}`],",
      "    [/\\(/, 'b'],",
      "  ])('L3: each row %s', () => {});",
      '  test(`P2: ${kind} as a template`, () => {});',
      '  it.concurrent("S1: double quotes", () => {});',
      '});',
    ].join('\n');
    expect(call('testTitles', source)).toEqual([
      { title: 'L3: each row %s', line: 7 },
      { title: 'P2: ', line: 8 },
      { title: 'S1: double quotes', line: 9 },
    ]);
  });
});
