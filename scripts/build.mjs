// Builds dist/, the npm package's code, with esbuild, in two parts:
// - dist/cli.js, the `tokentui` command (src/launcher.ts): the Node version check, built for
//   Node 14 syntax so that an old Node reads it and prints why it cannot run the rest;
// - dist/process-main.js and dist/chunks/, the program. The TUI is a chunk loaded by dynamic
//   import, so non-interactive commands never load Ink/React. The runtime dependencies stay npm
//   packages (package.json `dependencies`); devDependencies the program imports are bundled in:
//   ky (one file read instead of dozens of module resolutions when a write first needs it) and
//   the UI's Ink, React, chalk and string-width (bundle-options.mjs says what that saves and
//   needs). Their licences go to dist/THIRD-PARTY-LICENSES.txt. js-yaml is required only
//   for YAML outside the subset src/kube/simple-yaml.ts reads, and for -o yaml.
// No source maps: the bundle is not minified, so a stack trace in dist/ reads as it is, and the
// maps were 1.46 MB of a 2.1 MB package (README: Install).
import { build } from 'esbuild';
import { chmodSync, rmSync, writeFileSync } from 'node:fs';
import { builtinRequireBanner, builtinsWithoutFacade, createRequireBanner, inkWithoutDevtools, manifest, productionReactDefine, programOptions, startupInOneChunk, thirdPartyLicences, yogaWithoutFetch } from './bundle-options.mjs';

const external = Object.keys(manifest.dependencies).flatMap((name) => [name, `${name}/*`]);

/** The launcher loads the program as a file of its own, next to it in dist/. */
const programBesideLauncher = {
  name: 'program-beside-launcher',
  setup(builder) {
    builder.onResolve({ filter: /^\.\/process-main\.ts$/ }, () => ({ path: './process-main.js', external: true }));
  },
};

rmSync('dist', { recursive: true, force: true });
const program = {
  ...programOptions,
  outdir: 'dist',
  splitting: true,
  target: 'node22',
  external,
  define: { ...programOptions.define, ...productionReactDefine },
  // process-main.ts's `NODE_ENV ??= 'production'` (for the sources under vitest) is a no-op here.
  logOverride: { 'assign-to-define': 'silent' },
  banner: { js: `${createRequireBanner}\n${builtinRequireBanner}` },
  chunkNames: 'chunks/[name]-[hash]',
};
// Twice: the first build's graph says which modules start-up loads (bundle-options.mjs).
const { metafile } = await build({ ...program, write: false, metafile: true, plugins: [builtinsWithoutFacade, inkWithoutDevtools, yogaWithoutFetch] });
await build({ ...program, plugins: [builtinsWithoutFacade, inkWithoutDevtools, yogaWithoutFetch, startupInOneChunk(metafile)] });
writeFileSync('dist/THIRD-PARTY-LICENSES.txt', thirdPartyLicences(metafile));
await build({
  entryPoints: { cli: 'src/launcher.ts' },
  outdir: 'dist',
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node14',
  banner: { js: '#!/usr/bin/env node' },
  logLevel: 'warning',
  plugins: [programBesideLauncher],
});
chmodSync('dist/cli.js', 0o755);
