// Node.js release binaries from the npm registry: the node-<os>-<cpu> packages that the `node`
// package itself installs. The single executable is built on one (scripts/build-exe.mjs) and the
// tests run old ones (test/real/install.test.ts). Cached outside the checkout, in
// $XDG_CACHE_HOME/tokentui/node/ (default ~/.cache), like the control plane (scripts/k8s/build.sh):
// a fresh clone or CI run on the same machine does not fetch them again.
//   node scripts/node-binary.mjs VERSION [PLATFORM]   prints the binary's path (PLATFORM: linux-x64, ...)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function nodeCacheDir(env = process.env) {
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'tokentui', 'node');
}

/** This machine's platform in the packages' naming: linux-x64, linux-arm64, darwin-x64, win-x64. */
export function hostPlatform() {
  return `${process.platform === 'win32' ? 'win' : process.platform}-${process.arch}`;
}

function binaryIn(dir, platform) {
  return platform.startsWith('win-') ? join(dir, 'bin', 'node.exe') : join(dir, 'bin', 'node');
}

/**
 * The path of Node `version`'s binary for `platform`, fetched once with `npm pack` (which checks
 * the tarball against the registry's checksum). `integrity`, when given, must also match: a
 * binary that is shipped inside our executable is pinned, not just whatever the registry serves.
 */
export function nodeBinary(version, platform = hostPlatform(), { integrity } = {}) {
  const cache = nodeCacheDir();
  const dir = join(cache, `${platform}-v${version}`);
  const binary = binaryIn(dir, platform);
  if (existsSync(binary)) return binary;
  mkdirSync(cache, { recursive: true });
  const scratch = mkdtempSync(join(cache, '.fetch-'));
  try {
    const packed = JSON.parse(execFileSync('npm', ['pack', `node-${platform}@${version}`, '--json', '--silent', '--pack-destination', scratch], { cwd: scratch, encoding: 'utf8' }));
    const [{ filename, integrity: fetched }] = packed;
    if (integrity !== undefined && fetched !== integrity) {
      throw new Error(`node-${platform}@${version}: integrity ${fetched} is not the pinned ${integrity}`);
    }
    mkdirSync(join(scratch, 'unpacked'));
    execFileSync('tar', ['xzf', join(scratch, filename), '-C', join(scratch, 'unpacked')]);
    // Another run may have finished first: its copy is as good as ours.
    if (!existsSync(binary)) renameSync(join(scratch, 'unpacked', 'package'), dir);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  if (!existsSync(binary)) throw new Error(`node-${platform}@${version} has no ${binary}`);
  return binary;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [version, platform] = process.argv.slice(2);
  if (version === undefined) {
    process.stderr.write('usage: node scripts/node-binary.mjs VERSION [PLATFORM]\n');
    process.exit(2);
  }
  process.stdout.write(`${nodeBinary(version, platform)}\n`);
}
