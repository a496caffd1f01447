// The built executable: it runs, and the subcommand path never loads Ink or React. The
// second is proven on esbuild's own import graph of src/process-main.ts (same bundling options
// as scripts/build.mjs): only dynamic imports may lead to UI libraries. The built files import no
// Node built-in as an ES module (scripts/build.mjs says why), and `list` loads no
// child_process or worker_threads, nor node:tty and node:fs/promises when nothing is a terminal and
// no token file is read (read from process.moduleLoadList of the running CLI).
import { execFile, execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, type Metafile } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { SECRETS_PATH } from '../../src/adapters/kubeadm/tokens-api.ts';
import { useFakeCluster } from './fake-cluster-fixture.ts';
import { bootstrapSecret } from './harness.ts';

const root = join(import.meta.dirname, '../..');
const node = join(root, 'node_modules/.bin/node');
const uiLibrary = /^(ink|react|ink-testing-library)(\/|$)/;

function run(args: readonly string[], env?: Readonly<Record<string, string | undefined>>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const options = { cwd: root, timeout: 60_000, ...(env === undefined ? {} : { env: { ...process.env, ...env } }) };
    const child = execFile(node, args, options, (error, stdout, stderr) => {
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

/** Specifiers of the imports, re-exports and dynamic imports in (esbuild-formatted) JavaScript. */
function importedSpecifiers(source: string): string[] {
  const statement = /\b(?:import|export)\s*(?:[\w$*{},\s]*?\bfrom\s*)?\(?\s*(["'])([^"']+)\1/g;
  return [...source.matchAll(statement)].map((match) => match[2] ?? '');
}

const isNodeBuiltin = (specifier: string) => specifier.startsWith('node:') || builtinModules.includes(specifier);

/** `node args` with a preload that writes process.moduleLoadList to a file when the process exits. */
async function runRecordingModules(args: readonly string[], env: Readonly<Record<string, string | undefined>>) {
  const dir = mkdtempSync(join(tmpdir(), 'tokentui-modules-'));
  try {
    const preload = join(dir, 'record-modules.cjs');
    const listFile = join(dir, 'modules.txt');
    writeFileSync(preload, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(listFile)}, process.moduleLoadList.join('\\n')));\n`);
    const result = await run(['--require', preload, ...args], env);
    return { ...result, modules: readFileSync(listFile, 'utf8').split('\n') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const unwantedModule = /^NativeModule (child_process|worker_threads|tty|fs\/promises)$/;

describe('the subcommand path loads no UI library', () => {
  it('src/process-main.ts (loaded by src/launcher.ts) reaches ink/react only through dynamic imports', async () => {
    const metafile = await bundleGraph(join(root, 'src/process-main.ts'));
    const reached = [...staticallyImportedPackages(metafile)];
    expect(reached.filter((name) => uiLibrary.test(name))).toEqual([]);
    expect(reached).toContain('node:fs'); // the walk does see external imports (the kubeconfig is read with node:fs)
  });

  it('start-up reaches neither ky (it loads Node\'s undici) nor the reference server\'s node:sqlite', async () => {
    // `tokentui list` and `--version` pay only for what they use (bench/list-vs-kubeadm.mjs).
    const reached = [...staticallyImportedPackages(await bundleGraph(join(root, 'src/process-main.ts')))];
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

  it('--version is built in: dist/ with no package.json beside it prints it', async () => {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
    const dir = mkdtempSync(join(tmpdir(), 'tokentui-dist-copy-'));
    try {
      cpSync(join(root, 'dist'), join(dir, 'dist'), { recursive: true });
      symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
      const result = await run([join(dir, 'dist/cli.js'), '--version']);
      expect(result).toEqual({ code: 0, stdout: `tokentui ${manifest.version}\n`, stderr: '' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses the TUI without a terminal (exit 2), and an unknown flag (exit 2)', async () => {
    const tui = await run(['dist/cli.js']);
    expect(tui.code).toBe(2);
    expect(tui.stderr).toMatch(/the interactive UI needs a terminal/);
    const flag = await run(['dist/cli.js', 'list', '--nope']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toBe("tokentui: unknown option '--nope'\nhint: run 'tokentui --help'\n");
  });

  it('imports no Node built-in as an ES module but node:module (the banner\'s createRequire)', () => {
    const files = readdirSync(join(root, 'dist'), { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.js'));
    const builtinImports = files.flatMap((file) => importedSpecifiers(readFileSync(join(root, 'dist', file), 'utf8')).filter(isNodeBuiltin).map((specifier) => `${file}: ${specifier}`));
    expect(builtinImports.filter((entry) => !entry.endsWith(': node:module'))).toEqual([]);
    // The scan does see imports: every program file starts with the banner's, process-main.js loads its chunks.
    expect(builtinImports).toContain('process-main.js: node:module');
    expect(importedSpecifiers(readFileSync(join(root, 'dist/process-main.js'), 'utf8')).some((specifier) => specifier.startsWith('./chunks/'))).toBe(true);
  });

  it('start-up loads process-main.js and the one chunk of everything it imports statically (besides esbuild\'s helpers)', () => {
    // Each file is a resolve, read, compile-cache lookup and link (scripts/bundle-options.mjs startupInOneChunk).
    // esbuild keeps its CommonJS helpers (needed by the bundled React) in a small chunk that
    // every entry imports: that one holds no module of ours or of a package.
    const staticImports = (file: string) => {
      const source = readFileSync(join(root, 'dist', file), 'utf8');
      return [...source.matchAll(/^import\s[^;]*?from\s*"(\.\/[^"]+)";|^import\s*"(\.\/[^"]+)";/gms)].map((match) => join(file, '..', match[1] ?? match[2] ?? ''));
    };
    const loaded = new Set<string>();
    for (const pending = ['process-main.js']; pending.length > 0; ) {
      const file = pending.pop()!;
      if (loaded.has(file)) continue;
      loaded.add(file);
      pending.push(...staticImports(file));
    }
    const holdsModules = (file: string) => /^\/\/ (src|node_modules|builtin:)/m.test(readFileSync(join(root, 'dist', file), 'utf8'));
    const chunks = [...loaded].filter((file) => file.startsWith('chunks/'));
    expect(chunks.filter(holdsModules)).toHaveLength(1);
    const helpers = chunks.filter((file) => !holdsModules(file));
    expect(helpers.length).toBeLessThanOrEqual(1);
    for (const file of helpers) expect(statSync(join(root, 'dist', file)).size).toBeLessThan(4096);
  });

  it('the launcher (dist/cli.js) imports nothing before the version check but the program, lazily', () => {
    // A static import would be loaded before the check runs, on any Node, and could fail first.
    const launcher = readFileSync(join(root, 'dist/cli.js'), 'utf8');
    expect(launcher.startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(importedSpecifiers(launcher)).toEqual(['./process-main.js']);
    expect(launcher).toMatch(/\bimport\("\.\/process-main\.js"\)/);
  });

  it('has no source maps (README: Install)', () => {
    const files = readdirSync(join(root, 'dist'), { recursive: true, encoding: 'utf8' });
    expect(files.filter((file) => file.endsWith('.map'))).toEqual([]);
    expect(files).toContain('process-main.js');
  });

  it('the import scan catches every form of a built-in import (control)', () => {
    const source = 'import { readFileSync } from "node:fs";\nimport {\n  spawn as run\n} from "node:child_process";\nimport "worker_threads";\nexport * from "os";\nconst lazy = import("node:util");\nconst here = import.meta.url;\n';
    expect(importedSpecifiers(source).filter(isNodeBuiltin)).toEqual(['node:fs', 'node:child_process', 'worker_threads', 'os', 'node:util']);
  });

  describe('against the fake apiserver (HTTPS, so /version is asked as on a real cluster)', () => {
    const cluster = useFakeCluster({ tls: true });
    beforeAll(() => {
      cluster.apiserver.put('secrets', bootstrapSecret('abcdef', '0123456789abcdef', { description: 'built' }));
    });

    it('`list -o json` prints the tokens and loads neither child_process nor worker_threads', async () => {
      cluster.apiserver.requests.length = 0;
      const result = await runRecordingModules(['dist/cli.js', 'list', '-o', 'json'], cluster.env());
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout)).toEqual([expect.objectContaining({ id: 'abcdef', description: 'built' })]);
      expect(result.modules).toContain('NativeModule https'); // the list is the loaded modules, HTTPS included
      expect(result.modules.filter((name) => unwantedModule.test(name))).toEqual([]);
      // The bundle sends its LIST early too: one /version, one LIST.
      expect(cluster.apiserver.requests.map(({ method, path }) => `${method} ${path}`).sort()).toEqual([`GET ${SECRETS_PATH}`, 'GET /version']);
    });

    it('`list` makes the kubeconfig CA the process default (no bundled store built) and still refuses any other CA', async () => {
      // src/kube/default-trust.ts: the default CA list ends up as the kubeconfig's certificate.
      const dir = mkdtempSync(join(tmpdir(), 'tokentui-trust-'));
      try {
        const report = join(dir, 'defaults.json');
        const preload = join(dir, 'report-defaults.cjs');
        writeFileSync(preload, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(report)}, JSON.stringify(require('node:tls').getCACertificates('default'))));\n`);
        const listed = await run(['--require', preload, 'dist/cli.js', 'list', '-o', 'json'], cluster.env());
        expect(listed.code).toBe(0);
        const defaults = JSON.parse(readFileSync(report, 'utf8')) as string[];
        expect(defaults.map((pem) => pem.trim())).toEqual([cluster.apiserver.caPem?.trim()]);
        // Another command keeps Node's own default list.
        const version = await run(['--require', preload, 'dist/cli.js', '--version'], cluster.env());
        expect(version.code).toBe(0);
        expect((JSON.parse(readFileSync(report, 'utf8')) as string[]).length).toBeGreaterThan(100);
        // A kubeconfig naming another CA: the apiserver's certificate is refused.
        execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=elsewhere', '-keyout', join(dir, 'k'), '-out', join(dir, 'c')], { stdio: 'ignore' });
        const other = readFileSync(join(dir, 'c'), 'utf8');
        const config = readFileSync(cluster.kubeconfig.path, 'utf8').replace(/certificate-authority-data: \S+/, `certificate-authority-data: ${Buffer.from(other).toString('base64')}`);
        writeFileSync(join(dir, 'config'), config);
        const refused = await run(['dist/cli.js', 'list', '-o', 'json'], { ...cluster.env(), KUBECONFIG: join(dir, 'config') });
        expect(refused.code).toBe(1);
        expect(refused.stderr).toMatch(/TLS verification of .* failed/);
        expect(refused.stdout).toBe('');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('the module record catches a load of child_process (control)', async () => {
      const result = await runRecordingModules(['-e', "require('node:child_process')"], {});
      expect(result.code).toBe(0);
      expect(result.modules.filter((name) => unwantedModule.test(name))).toEqual(['NativeModule child_process']);
    });
  });
});
