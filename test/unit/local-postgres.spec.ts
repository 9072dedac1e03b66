import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { makeTraversable } from '../../deploy/local/postgres';

describe('embedded PostgreSQL in a private checkout', () => {
  it('lets the postgres user pass through private parent directories without letting it list them', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'eco-grid-private-'));
    const inner = path.join(root, 'checkout', 'node_modules');
    fs.mkdirSync(inner, { recursive: true });
    fs.chmodSync(root, 0o700);
    fs.chmodSync(path.join(root, 'checkout'), 0o700);
    try {
      const changed = makeTraversable(inner);
      expect(changed).toEqual(expect.arrayContaining([root, path.join(root, 'checkout')]));
      expect(fs.statSync(root).mode & 0o777).toBe(0o701);
      expect(fs.statSync(path.join(root, 'checkout')).mode & 0o777).toBe(0o701);
      // A second start changes nothing.
      expect(makeTraversable(inner)).toEqual([]);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
