// The `tokentui` command that npm installs (bundled alone to dist/cli.js, package.json `bin`).
// Its first job is to refuse an old Node.js with one line that says why, so it must run on
// one: scripts/build.mjs builds it for Node 14 syntax and it imports nothing statically but
// node-floor.ts, which is bundled in. Then it turns on Node's on-disk compile cache, so
// every later run skips parsing and compiling the program (start-up is most of `tokentui
// list`'s time), and only then loads the program (process-main.ts). The single executable
// skips this file: its Node is built in and it has a code cache of its own
// (scripts/build-exe.mjs).
import { isSupportedNode, unsupportedNodeMessage } from './node-floor.ts';

if (isSupportedNode(process.version)) {
  // Guaranteed on every supported Node (getBuiltinModule: 22.3; enableCompileCache: 22.1).
  process.getBuiltinModule('node:module').enableCompileCache();
  void import('./process-main.ts');
} else {
  process.stderr.write(`${unsupportedNodeMessage(process.version, process.execPath)}\n`);
  process.exitCode = 2;
}
