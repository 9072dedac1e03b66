import fs from 'node:fs';
import net from 'node:net';

/**
 * Where free ports are looked for: below the range the OS hands out as source ports of outgoing connections
 * (Linux: 32768–60999), so a port found free here is not taken a moment later by some client's connection before
 * the server that is to listen on it has started.
 */
export function freePortBand(rangeFile = '/proc/sys/net/ipv4/ip_local_port_range'): [number, number] {
  let ephemeralStart = 32768;
  try {
    const [start] = fs.readFileSync(rangeFile, 'utf8').trim().split(/\s+/).map(Number);
    if (Number.isInteger(start) && start > 0) ephemeralStart = start;
  } catch {
    // Not Linux: the IANA dynamic range starts above 32768 too.
  }
  const high = Math.min(ephemeralStart, 32768) - 1;
  return high - 10000 >= 1024 ? [high - 10000, high] : [1024, Math.max(1024, high)];
}

function tryListen(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/**
 * A TCP port that is free on loopback right now, from `freePortBand()` (any free port if none is). Ports in
 * `taken` (those already chosen for the same start-up, not listening yet) are skipped, and the choice is added.
 */
export async function freePort(taken: Set<number> = new Set()): Promise<number> {
  const [low, high] = freePortBand();
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const port = low + Math.floor(Math.random() * (high - low + 1));
    if (taken.has(port)) continue;
    try {
      taken.add(await tryListen(port));
      return port;
    } catch {
      // Taken: try another.
    }
  }
  const port = await tryListen(0);
  taken.add(port);
  return port;
}

/** True when something accepts connections on host:port. */
export function isListening(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
