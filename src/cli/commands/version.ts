// `tokentui version [-o json|yaml]`: the version; the data form adds what a bug report needs:
// the Node.js running it, the platform, and how it was built (the npm bundle, the single
// executable, or TypeScript source).
import { ExitCode } from '../../core/errors.ts';
import { dataWriter } from '../render/data-writer.ts';
import { readVersion } from '../version.ts';
import type { CommandRun } from './command-run.ts';

/** esbuild's `define` in the bundles (scripts/bundle-options.mjs); undeclared from source. */
declare const TOKENTUI_BUILT_VERSION: string | undefined;

export interface VersionJson {
  readonly version: string;
  readonly node: string;
  readonly platform: string;
  readonly build: 'bundle' | 'single-executable' | 'source';
}

export function buildKind(): VersionJson['build'] {
  if (process.getBuiltinModule('node:sea')?.isSea() === true) return 'single-executable';
  return typeof TOKENTUI_BUILT_VERSION === 'string' ? 'bundle' : 'source';
}

export const runVersion: CommandRun = async ({ invocation, io }) => {
  const version = await readVersion();
  const write = await dataWriter(invocation, io.stdout);
  if (write === undefined) io.stdout.write(`tokentui ${version}\n`);
  else write({ version, node: process.version, platform: `${process.platform}-${process.arch}`, build: buildKind() } satisfies VersionJson);
  return ExitCode.ok;
};
