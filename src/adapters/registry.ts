// The one list of adapters. Each entry (src/adapters/<id>/definition.ts) owns its adapter
// completely: id, title, loader, target kind (settings from flags, from a saved context, from a
// discovered context; the saved-context schema), detection. Everything else derives from here:
// the command line's --adapter values, config.json's adapter enum and fields, the help text.
// Adding an adapter: docs/adding-an-adapter.md (test/adapters/registry.test.ts checks it).
import type { AdapterDeps, AdapterId, TokenAdapter } from './contract.ts';
import type { AdapterDefinition, AdapterNames } from './definition.ts';
import { k3sDefinition } from './k3s/definition.ts';
import { kubeadmDefinition } from './kubeadm/definition.ts';
import { lxdDefinition } from './lxd/definition.ts';
import { restDefinition } from './rest/definition.ts';

// Order matters where adapters share a target kind: the first one without detection is the
// default for that kind (a kubeconfig context is kubeadm's unless it turns out to be k3s). And
// the first kind that claims the flags takes them: lxd (a unix:// --server) before rest (any).
const REGISTERED = [kubeadmDefinition, k3sDefinition, lxdDefinition, restDefinition] as const;
const DEFINITIONS: readonly AdapterDefinition[] = REGISTERED;

/** The settings of any registered adapter (what its definition builds from a target). */
export type RegisteredSettings = ReturnType<(typeof REGISTERED)[number]['settings']>;

export const adapterDefinitions: readonly AdapterDefinition[] = DEFINITIONS;

export const adapterIds: readonly AdapterId[] = DEFINITIONS.map((definition) => definition.id);

export function isAdapterId(value: string): boolean {
  return DEFINITIONS.some((definition) => definition.id === value);
}

/** The entry of a registered id; throws for an id nothing registered (a bug: ids are checked where they enter). */
export function definitionOf(id: AdapterId): AdapterDefinition {
  const definition = DEFINITIONS.find((candidate) => candidate.id === id);
  if (definition === undefined) throw new Error(`no adapter '${id}' is registered`);
  return definition;
}

/** "a", "a and b", "a, b and c" (or "a, b or c"). */
export function joinNames(names: readonly string[], conjunction: 'and' | 'or' = 'and'): string {
  return names.length <= 2 ? names.join(` ${conjunction} `) : `${names.slice(0, -1).join(', ')} ${conjunction} ${names.at(-1)}`;
}

/** Who owns which flag and field, for messages about one given to the wrong adapter. */
export const adapterNames: AdapterNames = {
  ownersOfFlag: (flag) =>
    joinNames(DEFINITIONS.filter(({ target }) => (target.flags as readonly string[]).includes(flag) || target.contextFlags.includes(flag)).map(({ id }) => id)),
  ownersOfField: (field) => joinNames(DEFINITIONS.filter(({ target }) => Object.hasOwn(target.savedContext.properties, field)).map(({ id }) => id)),
};

export function createAdapter(settings: RegisteredSettings, deps: AdapterDeps): Promise<TokenAdapter> {
  return definitionOf(settings.adapter).open(settings, deps);
}
