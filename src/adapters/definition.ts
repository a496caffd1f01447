// What a registry entry (src/adapters/registry.ts) says about one adapter: everything the rest of
// the program needs to know about it, so that nothing outside src/adapters/<id>/ names it.
// An adapter reaches its backend through a target kind: a kubeconfig context, a service URL with
// an API key, ... Adapters that share a kind (kubeadm and k3s) share its code and tell their
// backends apart by detection.
import type { CreateFieldSpec } from '../core/create-fields.ts';
import type { AdapterDeps, AdapterId, AdapterSettings, TokenAdapter } from './contract.ts';

export type Environment = Readonly<Record<string, string | undefined>>;

/** Where a target is resolved: the environment, and the directory relative paths start from. */
export interface TargetEnvironment {
  readonly env: Environment;
  readonly cwd: string;
}

/** The command line's flags that name a target. */
export interface TargetFlags {
  readonly context?: string;
  readonly kubeconfig?: string;
  readonly server?: string;
}

/** `tokentui contexts add NAME --adapter ID ...`: the flags that describe the new context. */
export interface ContextFlags {
  readonly server?: string;
  readonly kubeconfig?: string;
  readonly kubeContext?: string;
  readonly apiKeyEnv?: readonly string[];
  readonly apiKeyCommand?: string;
}

/** A saved context (config.json): the fields every context has, and its adapter's own. */
export interface SavedContextBase {
  readonly name: string;
  readonly adapter: AdapterId;
  readonly readonly?: boolean;
  readonly pollIntervalSeconds?: number;
}

export type SavedContext = SavedContextBase & { readonly [field: string]: unknown };

/** A context found without setup, as the `contexts` list shows it. */
export interface DiscoveredContext {
  readonly name: string;
  readonly server?: string;
  /** The kubeconfig user's `as:` when it impersonates someone. */
  readonly actingAs?: string;
  /** Where it was found: a kubeconfig, lxc's config.yml, a socket. */
  readonly sourceFile?: string;
  /** The one tokentui uses when nothing names another (kubectl's current-context). */
  readonly current?: boolean;
  /** Facts of its own for `contexts -o json` (a kubeconfig's cluster and user, an lxc remote). */
  readonly details?: Readonly<Record<string, string | boolean>>;
}

/** What a target kind finds without setup: its contexts, and one line per file it could not use. */
export interface Discovery {
  readonly contexts: readonly DiscoveredContext[];
  readonly problems: readonly string[];
}

/** A JSON Schema fragment (checked by conf's ajv when config.json is read). */
export type JsonSchema = Readonly<Record<string, unknown>>;

/** Other adapters' names, for messages about a flag or field that belongs to them. */
export interface AdapterNames {
  /** "rest", or "kubeadm and k3s": the adapters whose kind takes this flag. */
  ownersOfFlag(flag: string): string;
  /** The adapters whose saved contexts have this field. */
  ownersOfField(field: string): string;
}

/** The saved-context fields of a target kind. */
export interface SavedContextSpec {
  /** JSON Schema of each field (besides name, adapter, readonly, pollIntervalSeconds). */
  readonly properties: Readonly<Record<string, JsonSchema>>;
  /** Fields a context of this kind needs, with how a refusal names what to write. */
  readonly required: Readonly<Record<string, string>>;
  /**
   * Why another kind's fields make no sense here ("reads its server from the kubeconfig"); a
   * context holding one is refused. Absent: such fields are ignored.
   */
  readonly foreignFieldsNote?: string;
}

/** How a resolved target of one kind is reached: a kubeconfig context, a URL and an API key, ... */
export interface TargetKind<Target> {
  /** The target flags that name a target of this kind, e.g. ['kubeconfig', 'context']. */
  readonly flags: readonly (keyof TargetFlags)[];
  /** The `contexts add` flags a context of this kind takes, as written without dashes ('kube-context'). */
  readonly contextFlags: readonly string[];
  /** `contexts --help`: those flags in a line or two (what `tokentui contexts --help` prints for this kind). */
  readonly contextFlagsHelp: readonly string[];
  /**
   * true when every connection to a target of this kind names the CA it trusts (or checks none),
   * never Node's default store: a process talking only to such targets may skip building that
   * store (kube/default-trust.ts). Absent: the default store may be relied on.
   */
  readonly namesItsTrust?: boolean;
  /** Whether the flags name a target of this kind when no --adapter says which adapter. */
  claims(flags: TargetFlags): boolean;
  /** The target the flags name, or a usage error naming the flag at fault. */
  fromFlags(flags: TargetFlags, where: TargetEnvironment, names: AdapterNames, adapter: AdapterId): Target;
  readonly savedContext: SavedContextSpec;
  /** A saved context's target; `configFile` is config.json (relative paths in it start beside it). */
  fromSaved(context: SavedContext, where: TargetEnvironment & { readonly configFile: string }): Target;
  /** `contexts add`: the new context's own fields; warnings for what may be fine later. */
  contextFields(flags: ContextFlags, where: TargetEnvironment, names: AdapterNames, adapter: AdapterId, warnings: string[]): Readonly<Record<string, unknown>>;
  /**
   * A context found without setup (a kubeconfig's), by name; undefined when there is none. `doubt`:
   * why it may not be the one meant (a broken kubeconfig read before the one defining it may
   * define it first), a warning, not a refusal; found in the same look as the context.
   */
  fromDiscovered?(name: string, where: TargetEnvironment): { readonly target: Target; readonly doubt?: string } | undefined;
  /**
   * Every context found without setup, for the `contexts` list (fromDiscovered resolves each by
   * name). `flags`: a target flag of this kind narrows the search (--kubeconfig: that one file).
   */
  discover?(where: TargetEnvironment, flags: TargetFlags): Discovery;
  /** The server the `contexts` list shows for a saved context, when it can tell without connecting. */
  savedServer(context: SavedContext, discovered: readonly DiscoveredContext[]): string | null;
  /** Whom a saved context acts as (impersonation), when it can tell without connecting; absent: never anyone else. */
  savedActingAs?(context: SavedContext, discovered: readonly DiscoveredContext[]): string | undefined;
}

/** What the caller does right after opening, so an adapter can start it early. */
export interface OpenOptions {
  /**
   * What the caller does right after opening: list() (`'list'`, or true), or watch() (`'watch'`,
   * whose first LIST may come from the apiserver's watch cache); the adapter may send that LIST
   * while it finishes setting up.
   */
  readonly listSoon?: boolean | 'list' | 'watch';
}

/**
 * Telling this adapter's backend from another adapter's behind a target of the same kind (a
 * kubeconfig context may be k3s or kubeadm): from the target alone when it says so, else by
 * asking the backend once.
 */
export interface Detection<Target> {
  /** true: this adapter's backend; false: not; null: only the backend can tell. */
  fromTarget(target: Target): boolean | null;
  /** Asks the backend, then opens this adapter, or `otherwise` on the same connection. */
  open(target: Target, deps: AdapterDeps, otherwise: AdapterDefinition<Target>, options: OpenOptions): Promise<TokenAdapter>;
}

export interface AdapterDefinition<Target = unknown, Settings extends AdapterSettings = AdapterSettings> {
  readonly id: AdapterId;
  readonly title: string;
  readonly target: TargetKind<Target>;
  /**
   * Every create field (core/create-fields.ts) the adapter may declare in its capabilities, known
   * before connecting: `tokentui create` parses a flag per field from this list. Absent = none.
   */
  readonly createFields?: readonly CreateFieldSpec[];
  /** The adapter's settings for a resolved target. */
  settings(target: Target): Settings;
  /** Creates the adapter (no request yet); imports its module dynamically when it is heavy at start-up (ky, say). */
  open(settings: Settings, deps: AdapterDeps): Promise<TokenAdapter>;
  readonly detect?: Detection<Target>;
}
