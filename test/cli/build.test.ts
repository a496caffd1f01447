// The built executable: it runs, and the subcommand path never loads Ink or React. The
// second is proven on esbuild's own import graph of src/cli.ts (same bundling options as
// scripts/build.mjs): only dynamic imports may lead to UI libraries.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, type Metafile } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const node = join(root, 'node_modules/.bin/node');
const uiLibrary = /^(ink|react|ink-testing-library)(\/|$)/;

function run(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(node, args, { cwd: root, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
    child.stdin?.end();
  });
}

async function bundleGraph(entry: string): Promise<Metafile> {
  const outdir = mkdtempSync(join(tmpdir(), 'tokentui-graph-'));
  try {
    const result = await build({
      entryPoints: { cli: entry },
      outdir,
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node22',
      packages: 'external',
      jsx: 'automatic',
      metafile: true,
      write: false,
      logLevel: 'silent',
    });
    return result.metafile;
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** Packages reached from the entry output through static imports (chunk to chunk included). */
function staticallyImportedPackages(metafile: Metafile): Set<string> {
  // The `cli` entry's output: every lazily imported module is an entry point in the metafile too.
  const entry = Object.keys(metafile.outputs).find((path) => /(^|\/)cli\.js$/.test(path));
  const seen = new Set<string>();
  const packages = new Set<string>();
  const pending = entry === undefined ? [] : [entry];
  for (let output = pending.pop(); output !== undefined; output = pending.pop()) {
    if (seen.has(output)) continue;
    seen.add(output);
    for (const imported of metafile.outputs[output]?.imports ?? []) {
      if (imported.kind !== 'import-statement') continue;
      if (imported.external) packages.add(imported.path);
      else pending.push(imported.path);
    }
  }
  return packages;
}

describe('the subcommand path loads no UI library', () => {
  it('src/tokentui.ts (loaded by src/cli.ts) reaches ink/react only through dynamic imports', async () => {
    const metafile = await bundleGraph(join(root, 'src/tokentui.ts'));
    const reached = [...staticallyImportedPackages(metafile)];
    expect(reached.filter((name) => uiLibrary.test(name))).toEqual([]);
    expect(reached).toContain('js-yaml'); // the walk does see packages (kubeconfig parsing)
  });

  it('start-up reaches neither ky (it loads Node\'s undici) nor the reference server\'s node:sqlite', async () => {
    // `tokentui list` and `--version` pay only for what they use (bench/list-vs-kubeadm.mjs).
    const reached = [...staticallyImportedPackages(await bundleGraph(join(root, 'src/tokentui.ts')))];
    expect(reached).not.toContain('ky');
    expect(reached).not.toContain('node:sqlite');
    expect(reached).not.toContain('node:https');
  });

  it('the check catches a static import of ink (control)', async () => {
    const dir = mkdtempSync(join(root, '.tmp-graph-'));
    try {
      writeFileSync(join(dir, 'entry.ts'), "import { render } from 'ink';\nexport const used = render;\n");
      const reached = [...staticallyImportedPackages(await bundleGraph(join(dir, 'entry.ts')))];
      expect(reached).toContain('ink');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('dist/cli.js', () => {
  beforeAll(async () => {
    const built = await run(['scripts/build.mjs']);
    expect(built.stderr).toBe('');
    expect(built.code).toBe(0);
  }, 60_000);

  it('prints help and exits 0', async () => {
    const result = await run(['dist/cli.js', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('tokentui create    [--ttl DUR]');
  });

  it('refuses the TUI without a terminal (exit 2), and an unknown flag (exit 2)', async () => {
    const tui = await run(['dist/cli.js']);
    expect(tui.code).toBe(2);
    expect(tui.stderr).toMatch(/the interactive UI needs a terminal/);
    const flag = await run(['dist/cli.js', 'list', '--nope']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toBe("tokentui: unknown option '--nope'\nhint: run 'tokentui --help'\n");
  });
});
