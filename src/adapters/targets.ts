// From "what the user named" (flags, a saved context, a discovered context) to an open adapter,
// over the registry only: no adapter is named here. An adapter pinned by --adapter or by a saved
// context resolves through its own target kind; otherwise the kind that claims the flags does,
// and where several adapters share it (kubeconfig contexts) detection picks one.
import { usageError } from '../core/errors.ts';
import type { AdapterDeps, AdapterId, AdapterSettings, TokenAdapter } from './contract.ts';
import type { AdapterDefinition, OpenOptions, SavedContext, TargetEnvironment, TargetFlags, TargetKind } from './definition.ts';
import { adapterDefinitions, adapterNames, definitionOf } from './registry.ts';

export interface ResolvedTarget {
  readonly definition: AdapterDefinition;
  readonly target: unknown;
  /** Set when the backend must be asked which adapter it is: the adapter that can tell, by probing. */
  readonly detector?: AdapterDefinition;
  /** A discovered context that may not be the one meant (TargetKind.fromDiscovered's doubt): say so before using it. */
  readonly doubt?: string;
}

function sharingKind(kind: TargetKind<unknown>): AdapterDefinition[] {
  return adapterDefinitions.filter((definition) => definition.target === kind);
}

/** Among adapters sharing one target: the one that claims it from the target alone, else the default, probing if one can. */
function choose(candidates: readonly AdapterDefinition[], target: unknown): ResolvedTarget {
  const [first] = candidates;
  if (first === undefined) throw new Error('no adapter takes this kind of target');
  const detector = candidates.find((definition) => definition.detect !== undefined);
  if (detector?.detect?.fromTarget(target) === true) return { definition: detector, target };
  const fallback = candidates.find((definition) => definition.detect === undefined) ?? first;
  return detector === undefined || detector === fallback ? { definition: fallback, target } : { definition: fallback, target, detector };
}

/** The target the command-line flags name; `pinned` is --adapter. */
export function targetFromFlags(flags: TargetFlags, pinned: AdapterId | undefined, where: TargetEnvironment): ResolvedTarget {
  if (pinned !== undefined) {
    const definition = definitionOf(pinned);
    return { definition, target: definition.target.fromFlags(flags, where, adapterNames, pinned) };
  }
  const claimant = adapterDefinitions.find((definition) => definition.target.claims(flags));
  if (claimant === undefined) throw usageError('the flags name no target that any adapter reaches', 'pass --kubeconfig PATH, --server URL or --context NAME');
  return choose(sharingKind(claimant.target), claimant.target.fromFlags(flags, where, adapterNames, claimant.id));
}

/** A saved context's target: its adapter is pinned by the context. */
export function targetFromSaved(context: SavedContext, where: TargetEnvironment & { readonly configFile: string }): ResolvedTarget {
  const definition = definitionOf(context.adapter);
  return { definition, target: definition.target.fromSaved(context, where) };
}

/** A context found without setup (a kubeconfig's) by name, or undefined when none has that name. */
export function targetFromDiscovered(name: string, pinned: AdapterId | undefined, where: TargetEnvironment): ResolvedTarget | undefined {
  const kinds = new Set(pinned === undefined ? adapterDefinitions.map((definition) => definition.target) : [definitionOf(pinned).target]);
  for (const kind of kinds) {
    const found = kind.fromDiscovered?.(name, where);
    if (found === undefined) continue;
    const { target, doubt } = found;
    const resolved = pinned === undefined ? choose(sharingKind(kind), target) : { definition: definitionOf(pinned), target };
    return doubt === undefined ? resolved : { ...resolved, doubt };
  }
  return undefined;
}

/** The settings the resolved adapter is created with (before any detection). */
export function settingsOf(resolved: ResolvedTarget): AdapterSettings {
  return resolved.definition.settings(resolved.target);
}

export function openResolved(resolved: ResolvedTarget, deps: AdapterDeps, options: OpenOptions = {}): Promise<TokenAdapter> {
  const { definition, detector, target } = resolved;
  if (detector?.detect !== undefined) return detector.detect.open(target, deps, definition, options);
  return definition.open(definition.settings(target), deps);
}
