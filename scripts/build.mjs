// Bundles src/cli.ts into dist/ with esbuild. The TUI is a separate chunk loaded by dynamic
// import, so non-interactive commands never load Ink/React. The small libraries on the
// non-interactive path (ky, js-yaml) are bundled in: one file read instead of dozens of module
// resolutions at every start. Everything else stays an external npm package.
import { build } from 'esbuild';
import { chmodSync, readFileSync, rmSync } from 'node:fs';

const bundled = new Set(['ky', 'js-yaml']);
const { dependencies } = JSON.parse(readFileSync('package.json', 'utf8'));
const external = Object.keys(dependencies).filter((name) => !bundled.has(name)).flatMap((name) => [name, `${name}/*`]);

rmSync('dist', { recursive: true, force: true });
await build({
  entryPoints: { cli: 'src/cli.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node22',
  external,
  jsx: 'automatic',
  sourcemap: 'linked',
  // yaml ships CommonJS for Node; bundled CommonJS needs a real `require` for built-ins.
  banner: { js: "#!/usr/bin/env node\nimport { createRequire as __tokentuiCreateRequire } from 'node:module';\nconst require = __tokentuiCreateRequire(import.meta.url);" },
  chunkNames: 'chunks/[name]-[hash]',
  logLevel: 'warning',
});
chmodSync('dist/cli.js', 0o755);
