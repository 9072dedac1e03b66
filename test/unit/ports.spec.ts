import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, freePortBand } from '../../deploy/local/ports';

describe(freePortBand.name, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eco-grid-ports-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const rangeFile = (text: string) => {
    const file = path.join(dir, `range-${text.replace(/\s+/g, '-')}`);
    fs.writeFileSync(file, `${text}\n`);
    return file;
  };

  it('looks below the ports the OS gives outgoing connections', () => {
    expect(freePortBand(rangeFile('32768\t60999'))).toEqual([22767, 32767]);
    expect(freePortBand(rangeFile('40000 60999'))).toEqual([22767, 32767]);
    expect(freePortBand(rangeFile('15000 60999'))).toEqual([4999, 14999]);
    expect(freePortBand(rangeFile('9000 60999'))).toEqual([1024, 8999]);
  });

  it('assumes the usual range when the OS does not say', () => {
    expect(freePortBand(path.join(dir, 'missing'))).toEqual([22767, 32767]);
  });
});

describe(freePort.name, () => {
  it('chooses distinct ports inside the band for one start-up', async () => {
    const taken = new Set<number>();
    const ports = [await freePort(taken), await freePort(taken), await freePort(taken)];
    expect(new Set(ports).size).toBe(3);
    expect([...taken].sort()).toEqual([...ports].sort());
    const [low, high] = freePortBand();
    for (const port of ports) {
      expect(port).toBeGreaterThanOrEqual(low);
      expect(port).toBeLessThanOrEqual(high);
    }
  });
});
