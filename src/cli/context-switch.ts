// Switching context while the TUI runs (`:ctx NAME`): the same resolution as `--context NAME`
// (saved first, then discovered), the new context's read-only flag (or the global --readonly)
// and poll interval, and the choice remembered as config.json's currentContext once the
// adapter is open. `demo` names the embedded demo unless a context has that name. The UI
// receives this as ports (switch, list, back to the start target); it never reads config.json
// or kubeconfigs.
import type { Clock } from '../core/clock.ts';
import type { GlobalOptions } from './args.ts';
import { listContextsQuietly } from './commands/contexts.ts';
import { contextPollIntervalMs, rememberCurrentContext, withContextReadonly } from './context-selection.ts';
import { DEMO_ADAPTER } from '../demo/demo-adapter.ts';
import { DEMO_SERVER_LABEL } from './demo-target.ts';
import type { ContextChoice } from '../core/context-choice.ts';
import type { CliIo, SwitchedTarget } from './io.ts';
import { openTargetAdapter } from './target.ts';

/** The embedded demo's name in `:ctx` (a saved or discovered context of that name wins). */
export const DEMO_CONTEXT_NAME = 'demo';

export type SwitchedContext = SwitchedTarget;
export type SwitchContext = (name: string) => Promise<SwitchedContext>;

/** Saved and discovered contexts, then the demo (unless a context is named like it). */
export async function contextChoices(io: Pick<CliIo, 'env' | 'cwd'>): Promise<readonly ContextChoice[]> {
  const listed = await listContextsQuietly({ readonly: false, noColor: false, demo: false }, io.env, io.cwd);
  const choices: ContextChoice[] = listed.map((context) => ({ name: context.name, kind: context.kind, adapter: context.adapter, server: context.server, current: context.current }));
  if (!choices.some((choice) => choice.name === DEMO_CONTEXT_NAME)) {
    choices.push({ name: DEMO_CONTEXT_NAME, kind: 'demo', adapter: DEMO_ADAPTER, server: DEMO_SERVER_LABEL, current: false });
  }
  return choices;
}

/** The port for the TUI. Start-up flags that name a target (--server, --kubeconfig, --adapter, --demo) do not carry over. */
export function createContextSwitcher(globals: GlobalOptions, io: Pick<CliIo, 'env' | 'cwd' | 'onStopSignal'>, clock: Clock): SwitchContext {
  return async (name) => {
    const named = (await contextChoices(io)).find((choice) => choice.name === name);
    if (named?.kind === 'demo') {
      // The demo is not remembered as the current context: it is not one of config.json's.
      const adapter = await openTargetAdapter({ readonly: globals.readonly, noColor: globals.noColor, demo: true }, io, clock, { demoFeed: true });
      return { adapter, readonly: globals.readonly, contextLabel: adapter.target.context, demo: true };
    }
    const requested: GlobalOptions = { readonly: globals.readonly, noColor: globals.noColor, demo: false, context: name };
    const target = await withContextReadonly(requested, io.env);
    const pollIntervalMs = await contextPollIntervalMs(requested, io.env);
    let doubt: string | undefined;
    const adapter = await openTargetAdapter(target, io, clock, { onDoubt: (why) => (doubt = why) });
    try {
      await rememberCurrentContext(name, io.env);
    } catch (error) {
      await adapter.close?.();
      throw error;
    }
    return { adapter, readonly: target.readonly, contextLabel: name, ...(pollIntervalMs === undefined ? {} : { pollIntervalMs }), ...(doubt === undefined ? {} : { doubt }) };
  };
}
