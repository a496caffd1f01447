// The version: built in by the bundlers (scripts/build.mjs, scripts/build-exe.mjs: the single
// executable has no package.json beside it); from source, read from package.json, ../../ from
// src/cli/. Read only for --version, so startup pays nothing.
import { nodeFsPromises } from '../kube/node-builtins.ts';

/** package.json's version, replaced by esbuild's `define` in the bundles; undeclared from source. */
declare const TOKENTUI_BUILT_VERSION: string | undefined;

const candidates = ['../package.json', '../../package.json'];

export async function readVersion(moduleUrl: string = import.meta.url): Promise<string> {
  if (typeof TOKENTUI_BUILT_VERSION === 'string') return TOKENTUI_BUILT_VERSION;
  for (const candidate of candidates) {
    try {
      const manifest = JSON.parse(await nodeFsPromises().readFile(new URL(candidate, moduleUrl), 'utf8')) as { name?: unknown; version?: unknown };
      if (manifest.name === 'tokentui' && typeof manifest.version === 'string') return manifest.version;
    } catch {
      // Not here: try the next location.
    }
  }
  return 'unknown';
}
