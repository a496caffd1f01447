// Standalone entry of the reference server: `node src/server/main.ts [flags]` on Node 24
// (type stripping; this tree uses only erasable TypeScript). `tokentui serve` does the same.
import { parseServeArgs, runServe, ServeUsageError } from './serve-command.ts';

async function main(): Promise<void> {
  const args = parseServeArgs(process.argv.slice(2));
  const server = await runServe(args, {
    env: process.env,
    stdout: (line) => process.stdout.write(`${line}\n`),
    stderr: (line) => process.stderr.write(`${line}\n`),
  });
  const stop = () => {
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`tokentui serve: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(error instanceof ServeUsageError ? 2 : 1);
});
