// Shared by the rest benchmarks: the reference server as its own process (so the load
// generator and the server each get a core of this 2-core machine), on a temporary database.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const mainPath = join(import.meta.dirname, '../src/server/main.ts');

export function benchDir() {
  const path = mkdtempSync(join(tmpdir(), 'tokentui-bench-'));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** Starts `node src/server/main.ts`; resolves {url, apiKey, stop}. */
export async function startServerProcess(dbPath, extraArgs = []) {
  const apiKey = randomBytes(24).toString('base64url');
  const child = spawn(process.execPath, [mainPath, '--listen', '127.0.0.1:0', '--db', dbPath, '--api-key-env', 'bench=BENCH_KEY', '--quiet', ...extraArgs], {
    env: { ...process.env, BENCH_KEY: apiKey },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('server did not start in 15 s')), 15_000);
    createInterface({ input: child.stdout }).on('line', (line) => {
      const match = /listening on (http:\/\/\S+)/.exec(line);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    exited.then((code) => reject(new Error(`server exited with ${code}`)));
  });
  return {
    url,
    apiKey,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

export function percentile(sorted, fraction) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)];
}
