// `npm run build:exe`: the single executable, dist-exe/tokentui-<platform>, a Node.js single
// executable application (SEA) with the whole app inside: it runs on a machine with no Node.js.
//   node scripts/build-exe.mjs [--platform linux-x64] ...   (default: every platform below)
//
// Which Node: 26 (npm node-<platform>@26.10.0, pinned by checksum below). Node 24's SEA runs only
// a CommonJS main, and the app cannot be CommonJS (Ink's yoga-layout uses top-level await); a
// CommonJS wrapper that imports the ES bundle from a SEA asset through a data: URL worked on 24.21
// but took 100 ms for --version against 31 ms on Node 26, whose SEA runs an ES module main and
// can keep V8's code cache for it (49 ms without the cache; medians of 15, one run). Node 26 is not an LTS release
// (26.10 and 26.12 report no process.release.lts): the runtime is pinned here and moves only
// when this file does, and test/real/single-executable.test.ts runs the app on it. README
// "Install" has the figures.
//
// The app is one ES module (dist-exe/tokentui.mjs): a SEA main may import only built-in
// modules, so every npm package is bundled, and the two createRequire() calls that load
// files at run time (js-yaml, and built-ins on Node < 22.3) are answered from the bundle.
// Platforms: linux-x64 (built, and tested by test/real/single-executable.test.ts) and
// linux-arm64 (cross-built from the same blob, without a code cache, which is specific to the
// CPU it was made on). macOS binaries must be re-signed after the blob is injected, which needs
// Apple's codesign, and there is no darwin-arm64 package on npm; Windows is not built because
// nothing here can run it.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { chmodSync, createReadStream, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { builtinRequireBanner, builtinsWithoutFacade, createRequireBanner, inkWithoutDevtools, productionReactDefine, programOptions, yogaWithoutFetch } from './bundle-options.mjs';
import { hostPlatform, nodeBinary } from './node-binary.mjs';

export const SEA_NODE_VERSION = '26.10.0';

/** The Node.js binaries the executables are made of: npm's dist.integrity of node-<platform>@26.10.0. */
export const SEA_PLATFORMS = {
  'linux-x64': 'sha512-OmAztarr1gK4PD+sNyoku4N5Q40d8eqMuLjNa/zRvxF33aCsVKVIQLs4V5HYPWSWWlMiTdkmbZE/6Phigma0hw==',
  'linux-arm64': 'sha512-idArV/cmqW9M9ODyGlbOIiyxFourDh1mJB0SdKCdMbSZjjef9CLEN3o1/eE4yf+B0+5BD+F74MpTTHiB3XXTBQ==',
};

export const outDir = resolve(import.meta.dirname, '..', 'dist-exe');

// createRequire(url)(id) loads from the file system, where a SEA has no node_modules: here it
// answers from the bundle (js-yaml, which esbuild bundles through this literal require) or
// with a built-in module.
const requireFromBundle = {
  name: 'require-from-bundle',
  setup(builder) {
    builder.onResolve({ filter: /^node:module$/ }, () => ({ path: 'node:module', namespace: 'require-from-bundle' }));
    builder.onLoad({ filter: /.*/, namespace: 'require-from-bundle' }, () => ({
      resolveDir: process.cwd(),
      loader: 'js',
      contents: [
        'export function createRequire() {',
        "  return (id) => (id === 'js-yaml' ? require('js-yaml') : process.getBuiltinModule(id));",
        '}',
      ].join('\n'),
    }));
  },
};

/** The whole app as one ES module. */
async function bundleApp(outfile) {
  await build({
    ...programOptions,
    entryPoints: ['src/process-main.ts'],
    outfile,
    target: 'node26',
    // React's production build only (the TUI sets NODE_ENV=production anyway): 1.2 MB less to
    // load. The TUI's own `process.env.NODE_ENV ??= ...` then assigns to a constant, on purpose.
    define: { ...programOptions.define, ...productionReactDefine },
    logOverride: { 'assign-to-define': 'silent' },
    // Less to read at start-up; names are kept, so a stack trace still names its functions.
    minifyWhitespace: true,
    minifySyntax: true,
    banner: { js: `${createRequireBanner}\n${builtinRequireBanner}` },
    plugins: [requireFromBundle, inkWithoutDevtools, yogaWithoutFetch, builtinsWithoutFacade],
  });
}

function sha256(path) {
  return new Promise((resolvePromise, reject) => {
    const hash = createHash('sha256');
    createReadStream(path).on('data', (chunk) => hash.update(chunk)).on('end', () => resolvePromise(hash.digest('hex'))).on('error', reject);
  });
}

/** Builds dist-exe/tokentui-<platform> for each platform; returns their paths. */
export async function buildExecutables(platforms = Object.keys(SEA_PLATFORMS)) {
  for (const platform of platforms) {
    if (!(platform in SEA_PLATFORMS)) throw new Error(`unknown platform ${platform} (known: ${Object.keys(SEA_PLATFORMS).join(', ')})`);
  }
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const app = join(outDir, 'tokentui.mjs');
  await bundleApp(app);
  const builder = nodeBinary(SEA_NODE_VERSION, hostPlatform(), hostPlatform() in SEA_PLATFORMS ? { integrity: SEA_PLATFORMS[hostPlatform()] } : {});
  const built = [];
  for (const platform of platforms) {
    const output = join(outDir, `tokentui-${platform}`);
    const config = join(outDir, `sea-${platform}.json`);
    writeFileSync(config, `${JSON.stringify({
      main: app,
      mainFormat: 'module',
      output,
      executable: nodeBinary(SEA_NODE_VERSION, platform, { integrity: SEA_PLATFORMS[platform] }),
      disableExperimentalSEAWarning: true,
      // V8's code cache is made by the building Node, for its own CPU.
      useCodeCache: platform === hostPlatform(),
      // NODE_OPTIONS still applies (a user's Node flags go there); Node flags on the command
      // line would be the app's arguments.
      execArgvExtension: 'env',
    }, null, 2)}\n`);
    execFileSync(builder, ['--build-sea', config], { stdio: ['ignore', 'ignore', 'inherit'] });
    chmodSync(output, 0o755);
    built.push(output);
    process.stdout.write(`${output}: ${(statSync(output).size / 2 ** 20).toFixed(1)} MiB, sha256 ${await sha256(output)}\n`);
  }
  return built;
}

if (process.argv[1] === import.meta.filename) {
  const { values } = parseArgs({ options: { platform: { type: 'string', multiple: true } } });
  await buildExecutables(values.platform);
}
