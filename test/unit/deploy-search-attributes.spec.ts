import { execFileSync } from 'node:child_process';
import path from 'node:path';
import {
  ISSUE_SEARCH_ATTRIBUTES,
  searchAttributeCliFlags,
} from '../../workflows/issue/issue.search-attributes';

const script = path.resolve(__dirname, '..', '..', 'scripts', 'temporal-postgres.mjs');

describe('scripts/temporal-postgres.mjs search attributes', () => {
  it('are exactly the ones the issue workflows define, with the same types', () => {
    const output = execFileSync(process.execPath, [script, 'search-attributes'], { encoding: 'utf8' });
    const fromScript = (JSON.parse(output) as { name: string; type: string }[]).map(
      ({ name, type }) => `${name}=${type}`,
    );
    const fromWorkflows = searchAttributeCliFlags().filter((flag) => flag !== '--search-attribute');
    expect(fromScript).toEqual(fromWorkflows);
    expect(fromScript).toHaveLength(ISSUE_SEARCH_ATTRIBUTES.length);
  });
});
