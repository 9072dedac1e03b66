import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
/** What counts as SQL: the statements and clauses a query of the product's data is made of. */
const SQL = /\b(SELECT|INSERT INTO|UPDATE [a-z_]+ SET|DELETE FROM|ON CONFLICT)\b/;
/** Where SQL may live: the repositories (and migrations, seed) under persistence/, and tests checking what is stored. */
const SQL_HOMES = new Set(['persistence', 'test']);
/** Not the project's sources: installed packages, build output, local data. */
const NOT_SOURCES = new Set(['node_modules', 'dist', 'coverage']);

/** The project's own `.ts` files below `dir`, relative to the root. */
function sources(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(dir, entry.name);
    if (entry.isDirectory())
      return entry.name.startsWith('.') || NOT_SOURCES.has(entry.name) ? [] : sources(relative);
    return entry.isFile() && entry.name.endsWith('.ts') ? [relative] : [];
  });
}

/** `file:line: text` of every line holding SQL. */
function sqlLines(file: string): string[] {
  return fs
    .readFileSync(path.join(ROOT, file), 'utf8')
    .split('\n')
    .flatMap((line, i) => (SQL.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : []));
}

describe('layers', () => {
  const all = sources('.');
  const outside = all.filter((file) => !SQL_HOMES.has(file.split(path.sep)[0]));

  it('SQL lives in persistence/: services, controllers, interceptors, activities and scripts hold none', () => {
    // The scan must see the layers it guards, or an empty result would prove nothing.
    expect(outside).toEqual(
      expect.arrayContaining([
        path.join('api', 'issues', 'issues.service.ts'),
        path.join('activities', 'issue.activities.ts'),
        path.join('api', 'common', 'idempotency.interceptor.ts'),
        path.join('deploy', 'local', 'postgres.ts'),
      ]),
    );
    expect(outside.flatMap(sqlLines)).toEqual([]);
  });

  it('the repositories are where the SQL went', () => {
    const repositories = all.filter((file) =>
      file.startsWith(path.join('persistence', 'repositories') + path.sep),
    );
    expect(repositories.length).toBeGreaterThanOrEqual(10);
    expect(repositories.filter((file) => sqlLines(file).length > 0).length).toBeGreaterThanOrEqual(10);
  });
});
