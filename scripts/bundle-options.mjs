// What the two bundles share: the npm package's dist/ (scripts/build.mjs) and the single
// executable's one-file app (scripts/build-exe.mjs) are built from the same sources with the
// same built-in handling and the same version.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const requireBuiltin = createRequire(import.meta.url);

export const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

/** esbuild `define`: the version --version prints (src/cli/version.ts). */
export const versionDefine = { TOKENTUI_BUILT_VERSION: JSON.stringify(manifest.version) };

/** The program's bundle: everything but the launcher. */
export const programOptions = {
  entryPoints: { 'process-main': 'src/process-main.ts' },
  bundle: true,
  format: 'esm',
  platform: 'node',
  jsx: 'automatic',
  define: versionDefine,
  logLevel: 'warning',
};

// Built-in modules are read with process.getBuiltinModule (require on Node < 22.3) instead of an
// ES import. An ES import of a built-in builds a facade that reads every export, lazy getters
// included: `import { readFileSync } from 'node:fs'` also loads fs/promises, node:util's loads
// worker_threads and the diff code. Each import becomes one property read per name used, which
// esbuild drops when nothing uses the name. Measured with the list path's eight built-ins:
// 43.1 ms -> 38.9 ms for a bare start (interquartile means of 41 runs).
export const builtinsWithoutFacade = {
  name: 'builtins-without-facade',
  setup(builder) {
    // node:module stays an import: the banner below imports it anyway.
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

/** Every file of the program starts with this: builtinsWithoutFacade's fallback where process.getBuiltinModule is missing. */
export const createRequireBanner = "import { createRequire as __tokentuiCreateRequire } from 'node:module';";
