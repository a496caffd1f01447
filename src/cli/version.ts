// The version comes from package.json, found next to the running file: ../ from dist/cli.js,
// ../../ from src/cli/ or dist/chunks/. Read only for --version, so startup pays nothing.
import { readFile } from 'node:fs/promises';

const candidates = ['../package.json', '../../package.json'];

export async function readVersion(moduleUrl: string = import.meta.url): Promise<string> {
  for (const candidate of candidates) {
    try {
      const manifest = JSON.parse(await readFile(new URL(candidate, moduleUrl), 'utf8')) as { name?: unknown; version?: unknown };
      if (manifest.name === 'tokentui' && typeof manifest.version === 'string') return manifest.version;
    } catch {
      // Not here: try the next location.
    }
  }
  return 'unknown';
}
