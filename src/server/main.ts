// Standalone entry of the reference server: `node src/server/main.ts [flags]` on Node 24
// (type stripping; this tree uses only erasable TypeScript). `tokentui serve` does the same.
import { parseServeArgs, runMigrateOnly, runServe, ServeUsageError } from './serve-command.ts';
import { StoreUnavailableError } from './store/sql.ts';

async function main(): Promise<void> {
  const args = parseServeArgs(process.argv.slice(2));
  const io = {
    env: process.env,
    stdout: (line: string) => process.stdout.write(`${line}\n`),
    stderr: (line: string) => process.stderr.write(`${line}\n`),
  };
  if (args.migrateOnly) return runMigrateOnly(args, io);
  const server = await runServe(args, io);
  const stop = () => {
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  const detail = error instanceof StoreUnavailableError ? `: ${error.detail}` : '';
  process.stderr.write(`tokentui serve: ${error instanceof Error ? error.message : String(error)}${detail}\n`);
  process.exit(error instanceof ServeUsageError ? 2 : 1);
});
