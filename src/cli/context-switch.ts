// Switching context while the TUI runs (`:ctx NAME`): the same resolution as `--context NAME`
// (saved first, then discovered), the new context's read-only flag (or the global --readonly)
// and poll interval, and the choice remembered as config.json's currentContext once the
// adapter is open. The UI receives this as a port; it never reads config.json or kubeconfigs.
import type { TokenAdapter } from '../adapters/contract.ts';
import type { Clock } from '../core/clock.ts';
import { openContextsStore } from '../config/contexts-store.ts';
import type { GlobalOptions } from './args.ts';
import { cliStoreOptions, contextPollIntervalMs, withContextReadonly } from './context-selection.ts';
import type { CliEnv, CliIo } from './io.ts';
import { openTargetAdapter } from './target.ts';

export interface SwitchedContext {
  /** The caller closes the previous adapter, and this one when done. */
  readonly adapter: TokenAdapter;
  readonly readonly: boolean;
  readonly contextLabel: string;
  /** Its saved pollIntervalSeconds, in ms; absent = the UI's default (not the previous context's). */
  readonly pollIntervalMs?: number;
}

export type SwitchContext = (name: string) => Promise<SwitchedContext>;

export async function rememberCurrentContext(name: string, env: CliEnv): Promise<void> {
  (await openContextsStore(cliStoreOptions(env))).setCurrentContext(name);
}

/** The port for the TUI. Start-up flags that name a target (--server, --kubeconfig, --adapter, --demo) do not carry over. */
export function createContextSwitcher(globals: GlobalOptions, io: Pick<CliIo, 'env' | 'cwd' | 'onStopSignal'>, clock: Clock): SwitchContext {
  return async (name) => {
    const requested: GlobalOptions = { readonly: globals.readonly, noColor: globals.noColor, demo: false, context: name };
    const target = await withContextReadonly(requested, io.env);
    const pollIntervalMs = await contextPollIntervalMs(requested, io.env);
    const adapter = await openTargetAdapter(target, io, clock);
    try {
      await rememberCurrentContext(name, io.env);
    } catch (error) {
      await adapter.close?.();
      throw error;
    }
    return { adapter, readonly: target.readonly, contextLabel: name, ...(pollIntervalMs === undefined ? {} : { pollIntervalMs }) };
  };
}
