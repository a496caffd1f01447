// Which backend a subcommand talks to, from the global flags: a saved or discovered context
// (--context NAME, or the remembered one) first, else what --kubeconfig, --server and --adapter
// name. The registry's target kinds do the resolving (src/adapters/targets.ts); resolution only
// reads files, and the adapter is created without a request, except the one that tells adapters
// sharing a kind of target apart when no --adapter names one (detection).
// `--demo` is the exception: it starts the embedded demo backend (demo-target.ts).
import type { TokenAdapter } from '../adapters/contract.ts';
import type { OpenOptions, TargetFlags } from '../adapters/definition.ts';
import { openResolved, settingsOf, targetFromFlags, type ResolvedTarget } from '../adapters/targets.ts';
import type { AdapterDeps, AdapterSettings, DetectionMemory } from '../adapters/contract.ts';
import type { Clock } from '../core/clock.ts';
import type { GlobalOptions } from './args.ts';
import { selectContextTarget, type ContextTarget } from './context-selection.ts';
import { openDemoAdapter, rejectDemoConflicts } from './demo-target.ts';
import type { CliEnv, CliIo } from './io.ts';
import { detectionMemory } from './detection-memory.ts';
import { transportLimits } from './transport-limits.ts';

function targetFlags(globals: GlobalOptions): TargetFlags {
  return { context: globals.context, kubeconfig: globals.kubeconfig, server: globals.server };
}

function resolveFlags(globals: GlobalOptions, env: CliEnv, cwd: string): ResolvedTarget {
  // The demo's settings exist only once its server runs: openTargetAdapter starts it.
  if (globals.demo) throw new Error('resolveTargetSettings: --demo has no static settings; use openTargetAdapter');
  return targetFromFlags(targetFlags(globals), globals.adapter, { env, cwd });
}

/** The settings the flags alone name (before detection, which needs a request). */
export function resolveTargetSettings(globals: GlobalOptions, env: CliEnv, cwd: string): AdapterSettings {
  return settingsOf(resolveFlags(globals, env, cwd));
}

/** What the caller does next, so the adapter can start it early; the TUI's demo also gets machines enrolling. */
export interface OpenAdapterOptions extends OpenOptions {
  readonly demoFeed?: boolean;
  /** Told when a discovered context may not be the one meant (ResolvedTarget.doubt): a command warns, the TUI shows it. */
  readonly onDoubt?: (doubt: string) => void;
}

export async function openTargetAdapter(
  globals: GlobalOptions,
  io: Pick<CliIo, 'env' | 'cwd' | 'onStopSignal'>,
  clock: Clock,
  options: OpenAdapterOptions = {},
): Promise<TokenAdapter> {
  if (globals.demo) {
    rejectDemoConflicts(globals);
    return openDemoAdapter(io, clock, { reset: globals.reset === true, feed: options.demoFeed === true });
  }
  const selected = await selectContextTarget(globals, io.env, io.cwd);
  const { doubt } = selected?.resolved ?? {};
  if (doubt !== undefined) options.onDoubt?.(doubt);
  if (selected !== undefined) return openContextTarget(selected, io, clock, options);
  return openResolved(resolveFlags(globals, io.env, io.cwd), adapterDeps(io.env, clock), options);
}

/** One detection memory per environment: a fleet command opening three contexts reads detected.json once, not three times. */
const detectionMemories = new WeakMap<CliEnv, DetectionMemory>();

/** What every adapter the command line opens is given: the clock, the transport's limits, remembered detections. */
function adapterDeps(env: CliEnv, clock: Clock): AdapterDeps {
  let detections = detectionMemories.get(env);
  if (detections === undefined) detectionMemories.set(env, (detections = detectionMemory(env)));
  return { clock, limits: transportLimits(env), detections };
}

/** A saved or discovered context's adapter, named as the user knows the context. */
export async function openContextTarget(selected: ContextTarget, io: Pick<CliIo, 'env'>, clock: Clock, options: OpenOptions = {}): Promise<TokenAdapter> {
  const adapter = await openResolved(selected.resolved, adapterDeps(io.env, clock), options);
  // Adapters are plain objects (detection spreads one the same way); errors keep naming the kubeconfig context.
  const { savedName } = selected;
  return savedName === undefined || savedName === adapter.target.context ? adapter : { ...adapter, target: { ...adapter.target, context: savedName } };
}
