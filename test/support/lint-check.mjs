// Lints snippets of code as if they were files of the repository, with the repository's own ESLint config, and
// prints what the layer rule reports. A separate Node process because the flat config is an ES module and Jest here
// runs CommonJS.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';

const RULE = '@typescript-eslint/no-restricted-imports';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

async function readStdin() {
  process.stdin.setEncoding('utf8');
  let text = '';
  for await (const chunk of process.stdin) text += chunk;
  return text;
}

const { cases, configFor } = JSON.parse(await readStdin());
const eslint = new ESLint({
  cwd: root,
  overrideConfigFile: path.join(root, 'eslint.config.mjs'),
  // The snippets are not files of the TypeScript project; the layer rule needs no type information.
  overrideConfig: tseslint.configs.disableTypeChecked,
  ruleFilter: ({ ruleId }) => ruleId === RULE,
});
const results = [];
for (const { code, filePath } of cases) {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, filePath) });
  results.push(result.messages.map(({ ruleId, message, fatal }) => ({ ruleId, message, fatal: !!fatal })));
}
const configs = {};
for (const filePath of configFor) {
  const config = await eslint.calculateConfigForFile(path.join(root, filePath));
  configs[filePath] = config.rules?.[RULE] ?? null;
}
process.stdout.write(JSON.stringify({ results, configs }));
