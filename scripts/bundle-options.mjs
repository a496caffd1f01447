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

/**
 * The modules `tokentui list` loads at start-up (process-main.js and what it imports statically)
 * in one chunk instead of the ~20 that esbuild's code splitting makes of them (it gives every
 * set of entries sharing some modules a chunk of its own): each file is one more resolve, read,
 * compile-cache lookup and link before the first request. Measured with interleaved runs: 4.6 ms
 * off `tokentui list` and 5 ms off `--version`. How: a first build finds that set (S) and the
 * dynamically imported modules; the second makes every dynamic import target import all of S
 * for its side effects, so every module of S is shared by every entry alike, which esbuild puts
 * in one chunk. Loading is unchanged otherwise: S is always loaded before any dynamic import runs.
 */
export function startupInOneChunk(metafile, entryName = 'process-main.js') {
  const outputs = metafile.outputs;
  const entry = Object.keys(outputs).find((path) => path.endsWith(`/${entryName}`) || path === entryName);
  if (entry === undefined) throw new Error(`startupInOneChunk: no ${entryName} in the first build`);
  const reached = new Set();
  for (const pending = [entry]; pending.length > 0; ) {
    const output = pending.pop();
    if (reached.has(output)) continue;
    reached.add(output);
    for (const imported of outputs[output].imports) if (imported.kind === 'import-statement' && !imported.external) pending.push(imported.path);
  }
  const absolute = (path) => new URL(path, `file://${process.cwd()}/`).pathname;
  const startup = new Set();
  for (const output of reached) {
    if (output === entry) continue;
    for (const input of Object.keys(outputs[output].inputs)) if (!input.includes(':')) startup.add(absolute(input));
  }
  const lazy = new Set();
  for (const input of Object.values(metafile.inputs)) {
    for (const imported of input.imports) if (imported.kind === 'dynamic-import' && !imported.external && !imported.path.includes(':')) lazy.add(absolute(imported.path));
  }
  const startupModule = [...startup].map((path) => `import ${JSON.stringify(path)};`).join('\n');
  return {
    name: 'startup-in-one-chunk',
    setup(builder) {
      builder.onResolve({ filter: /^tokentui:startup$/ }, () => ({ path: 'startup', namespace: 'tokentui-startup' }));
      builder.onLoad({ filter: /.*/, namespace: 'tokentui-startup' }, () => ({ contents: startupModule, loader: 'js', resolveDir: process.cwd() }));
      builder.onLoad({ filter: /\.tsx?$/ }, async (args) => {
        if (!lazy.has(args.path)) return undefined;
        const { readFile } = await import('node:fs/promises');
        const source = await readFile(args.path, 'utf8');
        return { contents: `import 'tokentui:startup';\n${source}`, loader: args.path.endsWith('.tsx') ? 'tsx' : 'ts' };
      });
    },
  };
}
