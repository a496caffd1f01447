// Bundles src/cli.ts into dist/ with esbuild. The TUI is a separate chunk loaded by dynamic
// import, so non-interactive commands never load Ink/React. ky is bundled in: one file read
// instead of dozens of module resolutions when a write first needs it. js-yaml stays an external
// npm package like the rest: kubeconfigs are read without it (src/kube/simple-yaml.ts), and it
// is required only for YAML outside that subset and for -o yaml.
import { build } from 'esbuild';
import { chmodSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';

const requireBuiltin = createRequire(import.meta.url);

// Built-in modules are read with process.getBuiltinModule (require on Node < 22.3) instead of an
// ES import. An ES import of a built-in builds a facade that reads every export, lazy getters
// included: `import { readFileSync } from 'node:fs'` also loads fs/promises, node:util's loads
// worker_threads and the diff code. Each import becomes one property read per name used, which
// esbuild drops when nothing uses the name. Measured with the list path's eight built-ins:
// 43.1 ms -> 38.9 ms for a bare start (interquartile means of 41 runs).
const builtinsWithoutFacade = {
  name: 'builtins-without-facade',
  setup(builder) {
    // node:module stays an import: the banner imports it anyway, and cli.js needs it first.
    builder.onResolve({ filter: /^node:/ }, (args) => (args.path === 'node:module' ? undefined : { path: args.path, namespace: 'builtin' }));
    builder.onLoad({ filter: /.*/, namespace: 'builtin' }, (args) => {
      const id = JSON.stringify(args.path);
      const names = Object.keys(requireBuiltin(args.path)).filter((name) => /^[A-Za-z_$][\w$]*$/.test(name) && name !== 'default');
      const contents = [
        // The banner's createRequire, called indirectly so that esbuild does not bundle the require.
        `const builtin = process.getBuiltinModule?.(${id}) ?? __tokentuiCreateRequire(import.meta.url)(${id});`,
        'export default builtin;',
        ...names.map((name) => `export const ${name} = /* @__PURE__ */ (() => builtin.${name})();`),
      ].join('\n');
      return { contents, loader: 'js' };
    });
  },
};

const bundled = new Set(['ky']);
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
  // createRequire: the built-ins plugin's fallback where process.getBuiltinModule is missing (Node < 22.3).
  banner: { js: "#!/usr/bin/env node\nimport { createRequire as __tokentuiCreateRequire } from 'node:module';" },
  chunkNames: 'chunks/[name]-[hash]',
  logLevel: 'warning',
  plugins: [builtinsWithoutFacade],
});
chmodSync('dist/cli.js', 0o755);
