// The `tokentui` executable (bundled to dist/cli.js). It turns on Node's on-disk compile cache
// before anything else loads, so every later run skips parsing and compiling the bundle
// (start-up is most of `tokentui list`'s time), then hands over to src/tokentui.ts.
import module from 'node:module';

module.enableCompileCache?.();
await import('./tokentui.ts');
