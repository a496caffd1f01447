// The embedded demo backend as a CLI target: the reference server in-process on loopback with
// a temporary seeded database (src/demo), and the rest adapter on it. Closing the adapter, or a
// stop signal (SIGHUP when the terminal goes away), stops the server and deletes the database.
import { existsSync, rmSync } from 'node:fs';
import type { TokenAdapter } from '../adapters/contract.ts';
import { createAdapter } from '../adapters/registry.ts';
import type { Clock } from '../core/clock.ts';
import { kubeconfigPaths } from '../config/kubeconfig.ts';
import { startDemoBackend } from '../demo/demo-backend.ts';
import type { GlobalOptions } from './args.ts';
import type { CliEnv } from './io.ts';
import { exitCodeForSignal, type OnStopSignal } from './stop-signals.ts';

/**
 * The interactive UI's fresh-machine rule (product.md): no target named on the command line
 * and no kubeconfig file anywhere kubectl would look. (There are no saved contexts yet; when
 * they exist, having one must also rule the demo out.) Subcommands never apply this rule:
 * a script must not act on demo data unless it says --demo.
 */
export function isFreshMachine(globals: GlobalOptions, env: CliEnv): boolean {
  const namesTarget = [globals.context, globals.kubeconfig, globals.server, globals.adapter].some((flag) => flag !== undefined);
  return !namesTarget && kubeconfigPaths(env).every((path) => !existsSync(path));
}

export interface DemoTargetIo {
  readonly onStopSignal?: OnStopSignal;
}

export async function openDemoAdapter(io: DemoTargetIo, clock: Clock): Promise<TokenAdapter> {
  const demo = await startDemoBackend({ clock });
  let adapter: TokenAdapter;
  try {
    adapter = await createAdapter(demo.settings, { clock });
  } catch (error) {
    await demo.close();
    throw error;
  }
  let unsubscribe = () => {};
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      unsubscribe();
      try {
        await adapter.close?.();
      } finally {
        await demo.close();
      }
    })();
    return closing;
  };
  unsubscribe =
    io.onStopSignal?.((signal) => {
      // The database goes first and synchronously: in the TUI, Ink's signal-exit may re-raise the
      // signal and end the process before any await resumes.
      rmSync(demo.dataDir, { recursive: true, force: true, maxRetries: 3 });
      return close().then(() => exitCodeForSignal(signal));
    }) ?? unsubscribe;
  // The rest adapter is a plain object of closures, so a copy with a wider close() is the adapter.
  return { ...adapter, close };
}
