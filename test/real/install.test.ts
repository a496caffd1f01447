// Installing as a user would (README "Install"): the packed tarball, `npm install -g` into a
// fresh prefix, then `tokentui` from PATH and through npx, on the project's Node 24. Older Nodes
// get the launcher's one-line refusal, exit 2 (real Node 14 and 18 binaries from the npm
// registry, cached outside the checkout); the oldest supported one (22.13) runs the demo
// without an ExperimentalWarning. Packages come from npm's local cache where it has them.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeScratch } from '../support/at-rest.ts';
import { nodeBin, repoRoot } from '../support/tui-app.ts';

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function run(command: string, args: readonly string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(command, args, { ...options, timeout: 120_000, maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : null, stdout, stderr });
    });
    child.stdin?.end();
  });
}

const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string; engines: { node: string } };

/** A Node.js release binary (scripts/node-binary.mjs: fetched once, then cached). */
async function oldNode(version: string): Promise<string> {
  const fetched = await run(nodeBin, ['scripts/node-binary.mjs', version], { cwd: repoRoot, env: process.env });
  expect(fetched.stderr).toBe('');
  return fetched.stdout.trim();
}

let scratch: string;
let prefix: string;
let tarball: string;
let home: string;
/** PATH as on a machine with the package installed and `node` being Node `nodeDir`'s. */
const userPath = (nodeDir: string) => `${join(prefix, 'bin')}:${nodeDir}:/usr/bin:/bin`;
let userEnv: (nodeDir: string) => NodeJS.ProcessEnv;

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'tokentui-install-'));
  prefix = join(scratch, 'prefix');
  home = join(scratch, 'home');
  mkdirSync(home);
  // Exactly what `npm publish` would upload: `prepack` builds dist/ first.
  const packed = await run('npm', ['pack', '--json', '--pack-destination', scratch], { cwd: repoRoot, env: process.env });
  expect(packed.code).toBe(0);
  const [{ filename }] = JSON.parse(packed.stdout) as [{ filename: string }];
  tarball = join(scratch, filename);
  const installed = await run('npm', ['install', '-g', tarball, '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund'], { cwd: scratch, env: process.env });
  expect(installed.stderr).not.toMatch(/ERR!/);
  expect(installed.code).toBe(0);
  userEnv = (nodeDir) => ({
    PATH: userPath(nodeDir),
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_STATE_HOME: join(home, '.local/state'),
    TMPDIR: scratch,
    npm_config_prefix: prefix,
  });
}, 240_000);

afterAll(() => removeScratch(scratch));

describe('the packed tarball', () => {
  it('holds the bundle, LICENSE and README, no source maps, and no bundled package among its dependencies', async () => {
    const listed = await run('tar', ['tzf', tarball], { cwd: scratch, env: process.env });
    const files = listed.stdout.trim().split('\n');
    expect(files).toEqual(expect.arrayContaining(['package/LICENSE', 'package/README.md', 'package/package.json', 'package/dist/cli.js', 'package/dist/process-main.js']));
    expect(files.filter((file) => file.endsWith('.map'))).toEqual([]);
    expect(files.filter((file) => !file.startsWith('package/dist/') && !['package/LICENSE', 'package/README.md', 'package/package.json'].includes(file))).toEqual([]);
    const installedManifest = JSON.parse(readFileSync(join(prefix, 'lib/node_modules/tokentui/package.json'), 'utf8')) as { dependencies: Record<string, string> };
    // Bundled into dist/ (scripts/build.mjs): ky, and the UI's packages.
    for (const bundled of ['ky', 'ink', 'react', 'chalk', 'string-width']) expect(Object.keys(installedManifest.dependencies)).not.toContain(bundled);
    // Their licence texts travel with the bundle.
    const licences = readFileSync(join(prefix, 'lib/node_modules/tokentui/dist/THIRD-PARTY-LICENSES.txt'), 'utf8');
    const sections = licences.split(`\n${'-'.repeat(72)}\n`);
    for (const bundled of ['ky', 'ink', 'react', 'chalk', 'string-width']) {
      const section = sections.find((text) => new RegExp(`^\\s*${bundled}@\\d+\\.\\d+\\.\\d+ \\(MIT\\)\\n`).test(text));
      expect(section, bundled).toMatch(/Permission is hereby granted, free of charge/);
    }
  });
});

describe('npm install -g into a fresh prefix, on Node 24', () => {
  const node24Dir = dirname(nodeBin);

  it('`tokentui --version` from PATH', async () => {
    const result = await run('tokentui', ['--version'], { cwd: home, env: userEnv(node24Dir) });
    expect(result).toEqual({ code: 0, stdout: `tokentui ${manifest.version}\n`, stderr: '' });
  });

  it('`tokentui --demo list -o json`: the demo\'s tokens, no warning but the demo\'s own', async () => {
    const result = await run('tokentui', ['--demo', 'list', '-o', 'json'], { cwd: home, env: userEnv(node24Dir) });
    expect(result.code).toBe(0);
    const tokens = JSON.parse(result.stdout) as { id: string }[];
    expect(tokens.length).toBeGreaterThanOrEqual(5);
    for (const line of result.stderr.split('\n').filter((text) => text !== '')) expect(line).toMatch(/^tokentui: warning: token "[a-z0-9]{6}" is not usable/);
  });

  it('`npx tokentui --version` finds the installed one', async () => {
    const result = await run('npx', ['--no-install', 'tokentui', '--version'], { cwd: home, env: userEnv(node24Dir) });
    expect(result.stdout).toBe(`tokentui ${manifest.version}\n`);
    expect(result.code).toBe(0);
  });
});

describe('the Node floor', () => {
  for (const version of ['18.20.4', '14.21.3']) {
    it(`Node ${version}: one line saying what is needed and what was found, exit 2`, async () => {
      const node = await oldNode(version);
      const result = await run('tokentui', ['--version'], { cwd: home, env: userEnv(dirname(node)) });
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      const lines = result.stderr.split('\n');
      expect(lines).toHaveLength(2); // one line and its newline
      expect(lines[0]).toBe(
        `tokentui: needs Node.js 22.13 or a later 22.x, or 24 or newer; found v${version} (${node}). ` +
          'Install a newer Node.js, or use the single executable tokentui-linux-x64, which needs no Node.js (README: Install).',
      );
    });
  }

  it('Node 22.13, the oldest supported: the demo runs, and no ExperimentalWarning (node:sqlite)', async () => {
    const node = await oldNode('22.13.0');
    // Control: this Node does announce node:sqlite as experimental.
    const bare = await run(node, ['-e', "process.getBuiltinModule('node:sqlite')"], { cwd: home, env: userEnv(dirname(node)) });
    expect(bare.stderr).toContain('ExperimentalWarning: SQLite is an experimental feature');
    const result = await run('tokentui', ['--demo', 'list', '-o', 'json'], { cwd: home, env: userEnv(dirname(node)) });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(expect.arrayContaining([expect.objectContaining({ description: 'break-glass control plane' })]));
    expect(result.stderr).not.toContain('ExperimentalWarning');
    for (const line of result.stderr.split('\n').filter((text) => text !== '')) expect(line).toMatch(/^tokentui: warning: token "[a-z0-9]{6}" is not usable/);
  });
});
