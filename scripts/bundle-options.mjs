// What the two bundles share: the npm package's dist/ (scripts/build.mjs) and the single
// executable's one-file app (scripts/build-exe.mjs) are built from the same sources with the
// same built-in handling and the same version.
import { readdirSync, readFileSync } from 'node:fs';
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
    // A dynamic import() of a built-in stays one (left to Node): a chunk of its own would only add a file.
    builder.onResolve({ filter: /^node:/ }, (args) => {
      if (args.kind === 'dynamic-import') return { path: args.path, external: true };
      return args.path === 'node:module' ? undefined : { path: args.path, namespace: 'builtin' };
    });
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
    for (const input of Object.keys(outputs[output].inputs)) {
      // Built-ins (builtinsWithoutFacade's modules) by name, the entry's included: the UI's
      // packages import some of the same ones, which would make them a chunk of their own.
      if (input.startsWith('builtin:')) startup.add(input.slice('builtin:'.length));
      else if (output !== entry && !input.includes(':')) startup.add(absolute(input));
    }
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

// The UI's npm packages (Ink, React, chalk, string-width: devDependencies) are bundled into the
// program, one file instead of ~120 modules resolved and linked one by one: importing Ink took
// 140 ms as packages and 52 ms bundled (fresh Node 24 processes, compile cache warm). What that
// needs is below.

// CommonJS packages in a bundle require() built-in modules by name (signal-exit: assert and
// events; stack-utils: module); esbuild leaves those calls to a `require` in scope, which an ES
// module does not have. Every supported Node has process.getBuiltinModule (22.3).
export const builtinRequireBanner = [
  'const require = (id) => {',
  '  const builtin = process.getBuiltinModule(id);',
  "  if (builtin === undefined) throw new Error(`require('${id}'): only built-in modules are required at run time`);",
  '  return builtin;',
  '};',
].join('\n');

/** esbuild `define` for bundles that hold React: only its production build is bundled (process-main.ts sets NODE_ENV=production before the UI loads anyway). */
export const productionReactDefine = { 'process.env.NODE_ENV': '"production"' };

const INK_DEV_CHECK = "process.env['DEV'] === 'true'";

/**
 * Ink's DEV=true code, dropped: it connects React DevTools, which tokentui does not ship, and
 * reads Ink's package.json beside its module, which a bundle does not have (a warning on the
 * TUI's screen for anyone whose environment has DEV=true). Its two dynamic imports went with
 * it, which would have been start-up chunks of their own. The build fails if Ink's code no longer
 * reads as expected (an Ink update) rather than silently keep them. And react-devtools-core,
 * which nothing imports then, resolves to a module that says so.
 */
export const inkWithoutDevtools = {
  name: 'ink-without-devtools',
  setup(builder) {
    builder.onLoad({ filter: /[\\/]ink[\\/]build[\\/](reconciler|ink)\.js$/ }, async (args) => {
      const { readFile } = await import('node:fs/promises');
      const source = await readFile(args.path, 'utf8');
      const expected = args.path.endsWith('reconciler.js') ? 2 : 1;
      const found = source.split(INK_DEV_CHECK).length - 1;
      if (found !== expected) throw new Error(`ink-without-devtools: expected ${expected} DEV checks in ${args.path}, found ${found}; see scripts/bundle-options.mjs`);
      return { contents: source.replaceAll(INK_DEV_CHECK, 'false'), loader: 'js' };
    });
    builder.onResolve({ filter: /^react-devtools-core$/ }, () => ({ path: 'react-devtools-core', namespace: 'react-devtools-stub' }));
    builder.onLoad({ filter: /.*/, namespace: 'react-devtools-stub' }, () => ({
      loader: 'js',
      contents: "throw new Error('React DevTools are not part of tokentui');",
    }));
  },
};

/**
 * Yoga's Emscripten loader reads its WebAssembly from a data: URL with fetch() whenever fetch
 * exists, and Node's first fetch() loads undici (~10 ms of the UI's start-up, and TLS with it). Its
 * own synchronous base64 path is used instead, as where there is no fetch. The build fails if the
 * loader's code no longer reads as expected (a Yoga update), rather than silently keep fetch.
 */
export const yogaWithoutFetch = {
  name: 'yoga-without-fetch',
  setup(builder) {
    builder.onLoad({ filter: /yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/ }, async (args) => {
      const { readFile } = await import('node:fs/promises');
      const source = await readFile(args.path, 'utf8');
      const fetchCheck = '"function"!=typeof fetch';
      const found = source.split(fetchCheck).length - 1;
      if (found !== 2) throw new Error(`yoga-without-fetch: expected 2 fetch checks in ${args.path}, found ${found}; see scripts/bundle-options.mjs`);
      return { contents: source.replaceAll(fetchCheck, '!0'), loader: 'js' };
    });
  },
};

/**
 * The licence texts of the npm packages a build bundled (from its metafile's inputs), one file
 * beside the bundle: their MIT and ISC licences ask for the notice to travel with every copy.
 */
export function thirdPartyLicences(metafile) {
  const packages = new Map();
  for (const input of Object.keys(metafile.inputs)) {
    // The innermost node_modules/ names the package (a nested copy is a package of its own).
    const at = input.lastIndexOf('node_modules/');
    if (at === -1) continue;
    const name = /^(?:@[^/]+\/)?[^/]+/.exec(input.slice(at + 'node_modules/'.length))?.[0];
    if (name === undefined) continue;
    packages.set(`${input.slice(0, at)}${name}`, { name, dir: `${input.slice(0, at)}node_modules/${name}/` });
  }
  const sections = [...packages.values()].sort((a, b) => (a.name < b.name ? -1 : 1)).map(({ name, dir }) => {
    const manifestOf = JSON.parse(readFileSync(`${dir}package.json`, 'utf8'));
    const licenceFile = readdirSync(dir).find((file) => /^(licen[cs]e|copying)(\.(md|txt))?$/i.test(file));
    const text = licenceFile === undefined ? `(no licence file in the package; package.json says ${manifestOf.license ?? 'nothing'})` : readFileSync(`${dir}${licenceFile}`, 'utf8').trim();
    return `${name}@${manifestOf.version} (${manifestOf.license ?? 'unknown'})\n\n${text}\n`;
  });
  return `Third-party packages bundled into tokentui's dist/ (scripts/build.mjs):\n\n${sections.join(`\n${'-'.repeat(72)}\n\n`)}`;
}
