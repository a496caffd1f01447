// The embedded demo backend as a CLI target: the reference server in-process on loopback with
// a temporary seeded database (src/demo), and the demo's adapter on it (src/demo/demo-adapter.ts). Closing the adapter, or a
// stop signal (SIGHUP when the terminal goes away), stops the server and deletes the database.
import { existsSync, rmSync } from 'node:fs';
import type { TokenAdapter } from '../adapters/contract.ts';
import { createAdapter } from '../adapters/registry.ts';
import type { Clock } from '../core/clock.ts';
import { contextsFilePath, readSavedContexts } from '../config/contexts-store.ts';
import { kubeconfigPaths } from '../kube/kubeconfig.ts';
import { DEMO_ADAPTER } from '../demo/demo-adapter.ts';
import { usageError, type GlobalOptions } from './args.ts';
import { cliStoreOptions } from './context-selection.ts';
import type { CliEnv } from './io.ts';
import { exitCodeForSignal, type OnStopSignal } from './stop-signals.ts';

/**
 * The interactive UI's fresh-machine rule: no target named on the command line,
 * no saved context (config.json) and no kubeconfig file anywhere kubectl would look.
 * Subcommands never apply this rule: a script must not act on demo data unless it says --demo.
 */
export async function isFreshMachine(globals: GlobalOptions, env: CliEnv): Promise<boolean> {
  const namesTarget = [globals.context, globals.kubeconfig, globals.server, globals.adapter].some((flag) => flag !== undefined);
  if (namesTarget || kubeconfigPaths(env).some((path) => existsSync(path))) return false;
  // A config.json that does not parse is not "fresh" either: reading it throws its problem (exit 2).
  return !existsSync(contextsFilePath(cliStoreOptions(env))) || (await readSavedContexts(cliStoreOptions(env))).contexts.length === 0;
}

/** --demo names its own target; any other target flag beside it is a contradiction. */
export function rejectDemoConflicts(globals: GlobalOptions): void {
  const conflict = globals.server !== undefined ? '--server' : globals.context !== undefined ? '--context' : globals.kubeconfig !== undefined ? '--kubeconfig' : undefined;
  if (conflict !== undefined) throw usageError(`--demo cannot be combined with ${conflict}`);
  if (globals.adapter !== undefined && globals.adapter !== DEMO_ADAPTER) throw usageError(`--demo uses the ${DEMO_ADAPTER} adapter, not ${globals.adapter}`);
}

export interface DemoTargetIo {
  readonly onStopSignal?: OnStopSignal;
}

export async function openDemoAdapter(io: DemoTargetIo, clock: Clock): Promise<TokenAdapter> {
  // Imported here: the demo brings the reference server (node:sqlite), which nothing else needs.
  const { startDemoBackend } = await import('../demo/demo-backend.ts');
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
  // Adapters are plain objects of closures, so a copy with a wider close() is the adapter.
  return { ...adapter, close };
}
