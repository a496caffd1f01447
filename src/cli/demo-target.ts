// The embedded demo backend as a CLI target: the reference server in-process on loopback, on the
// demo's persistent database under $XDG_STATE_HOME/tokentui/demo (src/demo), and the demo's
// adapter on it (src/demo/demo-adapter.ts). Its journals live beside that database, apart from
// the real ones (the adapter's target names them). Closing the adapter, or a stop signal (SIGHUP
// when the terminal goes away), stops the server; the state stays for the next --demo command.
import { existsSync } from 'node:fs';
import type { TokenAdapter } from '../adapters/contract.ts';
import { createAdapter } from '../adapters/registry.ts';
import type { Clock } from '../core/clock.ts';
import { contextsFilePath, readSavedContexts } from '../config/contexts-store.ts';
import { kubeconfigPaths } from '../kube/kubeconfig.ts';
import { DEMO_ADAPTER } from '../demo/demo-adapter.ts';
import { demoStateDir } from '../journals/paths.ts';
import { usageError, type GlobalOptions } from './args.ts';
import { cliStoreOptions } from './context-selection.ts';
import type { CliEnv } from './io.ts';
import { exitCodeForSignal, type OnStopSignal } from './stop-signals.ts';

/** What the header and the audit journal call the demo: the same in every process (its port is not). */
export const DEMO_SERVER_LABEL = 'embedded demo';

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

/** `$XDG_STATE_HOME/tokentui/demo` for this environment (its HOME when XDG_STATE_HOME is unset). */
export function demoRootFor(env: CliEnv): string {
  return demoStateDir({ env, ...(env.HOME ? { home: env.HOME } : {}) });
}

/** The demo's journal directory as it is now, without starting anything; null before the first --demo run. */
export async function currentDemoJournalDir(env: CliEnv): Promise<string | null> {
  const { currentDemoDir } = await import('../demo/demo-store.ts');
  return currentDemoDir(demoRootFor(env));
}

export interface DemoTargetIo {
  readonly env: CliEnv;
  readonly onStopSignal?: OnStopSignal;
}

export interface DemoOpenOptions {
  /** Start over (--reset). */
  readonly reset?: boolean;
  /** Machines enrolling while it runs (the TUI's live demo); commands run without. */
  readonly feed?: boolean;
}

export async function openDemoAdapter(io: DemoTargetIo, clock: Clock, options: DemoOpenOptions = {}): Promise<TokenAdapter> {
  // Imported here: the demo brings the reference server (node:sqlite), which nothing else needs.
  const { startDemoBackend } = await import('../demo/demo-backend.ts');
  const demo = await startDemoBackend({ clock, stateRoot: demoRootFor(io.env), reset: options.reset === true, feed: options.feed === true ? {} : false });
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
      // Synchronously first: in the TUI, Ink's signal-exit may re-raise the signal and end the
      // process before any await resumes. The persistent state is only released, never deleted.
      demo.abandon();
      return close().then(() => exitCodeForSignal(signal));
    }) ?? unsubscribe;
  // Adapters are plain objects of closures: a copy with a wider close() and the demo's stable
  // name and journal directory is the adapter.
  return { ...adapter, target: { context: 'demo', server: DEMO_SERVER_LABEL, stateDir: demo.dataDir }, close };
}
