// Saved contexts in $XDG_CONFIG_HOME/tokentui/config.json (conf 16), mode 0600. A context names a
// backend and how to reach it; the API key is only ever referenced (an environment variable or a
// command that prints it, like kubectl's exec plugins), and a value that looks like a secret in
// any field is refused before anything is written.
import { chmodSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type Conf from 'conf';
import type { AdapterId } from '../adapters/contract.ts';
import { TokenTuiError } from '../core/errors.ts';
import { configDir, type PathEnvironment } from '../journals/paths.ts';
import { looksLikeSecret } from './secret-shape.ts';

export type ApiKeyReference = { readonly env: string } | { readonly command: readonly string[] };

export interface SavedContext {
  readonly name: string;
  readonly adapter: AdapterId;
  /** kubeadm/k3s: the kubeconfig file (default: kubectl's search) and its context (default: current). */
  readonly kubeconfig?: string;
  readonly kubeContext?: string;
  /** rest: the token service's base URL. */
  readonly server?: string;
  readonly apiKey?: ApiKeyReference;
  readonly readonly?: boolean;
  readonly pollIntervalSeconds?: number;
}

export interface ContextsFile {
  readonly contexts: readonly SavedContext[];
  readonly currentContext?: string;
}

export const CONFIG_FILE_NAME = 'config.json';
export const CONFIG_FILE_MODE = 0o600;

const nonEmpty = { type: 'string', minLength: 1 } as const;

const savedContextSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'adapter'],
  properties: {
    name: nonEmpty,
    adapter: { enum: ['kubeadm', 'k3s', 'rest'] },
    kubeconfig: nonEmpty,
    kubeContext: nonEmpty,
    server: { type: 'string', pattern: '^https?://' },
    apiKey: {
      oneOf: [
        { type: 'object', additionalProperties: false, required: ['env'], properties: { env: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]*$' } } },
        { type: 'object', additionalProperties: false, required: ['command'], properties: { command: { type: 'array', minItems: 1, items: nonEmpty } } },
      ],
    },
    readonly: { type: 'boolean' },
    pollIntervalSeconds: { type: 'number', minimum: 1, maximum: 3600 },
  },
} as const;

const storeSchema = {
  contexts: { type: 'array', items: savedContextSchema },
  currentContext: nonEmpty,
} as const;

type StoreShape = { contexts: SavedContext[]; currentContext?: string };

export interface ContextsStoreOptions extends PathEnvironment {
  /** The directory holding config.json (default: configDir()); tests pass a temporary one. */
  readonly cwd?: string;
}

export function contextsFilePath(options: ContextsStoreOptions = {}): string {
  return join(options.cwd ?? configDir(options), CONFIG_FILE_NAME);
}

/** Every text field a context has, with the name a refusal message shows (never the value). */
function textFields(context: SavedContext): [string, string | undefined][] {
  const key = context.apiKey;
  const commandArgs: [string, string][] = key !== undefined && 'command' in key ? key.command.map((arg, index) => [`apiKey.command[${index}]`, arg]) : [];
  return [
    ['name', context.name],
    ['kubeconfig', context.kubeconfig],
    ['kubeContext', context.kubeContext],
    ['server', context.server],
    ['apiKey.env', key !== undefined && 'env' in key ? key.env : undefined],
    ...commandArgs,
  ];
}

/** Why this context cannot be saved or used, or null. Messages name fields, never values. */
export function savedContextProblem(context: SavedContext): string | null {
  for (const [field, value] of textFields(context)) {
    if (value !== undefined && looksLikeSecret(value)) {
      return `context "${looksLikeSecret(context.name) ? '?' : context.name}": ${field} looks like a secret; config.json only references credentials (apiKey: {"env": "NAME"} or {"command": [...]})`;
    }
  }
  if (context.adapter === 'rest') {
    if (context.server === undefined) return `context "${context.name}": the rest adapter needs server`;
    if (context.apiKey === undefined) return `context "${context.name}": the rest adapter needs apiKey {"env": "NAME"} or {"command": [...]}`;
  } else if (context.server !== undefined || context.apiKey !== undefined) {
    return `context "${context.name}": server and apiKey are for the rest adapter; ${context.adapter} reads its server from the kubeconfig`;
  }
  return null;
}

export interface ContextsStore {
  readonly path: string;
  read(): ContextsFile;
  find(name: string): SavedContext | undefined;
  /** Adds or replaces by name; refuses (exit 2) a context with a secret-looking value. */
  save(context: SavedContext): void;
  remove(name: string): void;
  setCurrentContext(name: string | undefined): void;
}

function configError(path: string, error: unknown): TokenTuiError {
  const message = error instanceof Error ? error.message.replace(/^Config schema violation: /, '') : String(error);
  // ajv repeats itself for a oneOf miss ("must be object; must be object; must match exactly one schema").
  const parts = [...new Set(message.split('; '))];
  const specific = parts.filter((part) => !part.endsWith('must match exactly one schema in oneOf'));
  const problem = (specific.length > 0 ? specific : parts).join('; ').replace(`The config file \`${path}\` is not valid JSON.`, 'not valid JSON');
  return new TokenTuiError('usage', `config ${path}: ${problem}`, { cause: error, hint: 'fix or remove the file; see the README section "Configuration"' });
}

/**
 * Opens (and, as conf does, creates) config.json. Invalid JSON or schema violations: exit 2 naming
 * the file. conf (with ajv) is imported here, lazily: it costs about 50 ms, and a machine without
 * config.json never pays it.
 */
export async function openContextsStore(options: ContextsStoreOptions = {}): Promise<ContextsStore> {
  const { default: ConfClass } = await import('conf');
  const cwd = options.cwd ?? configDir(options);
  const path = join(cwd, CONFIG_FILE_NAME);
  let conf: Conf<StoreShape>;
  try {
    conf = new ConfClass<StoreShape>({
      projectName: 'tokentui',
      projectSuffix: '',
      cwd,
      configFileMode: CONFIG_FILE_MODE,
      // conf's Schema<T> type cannot express oneOf; the object above is the JSON schema ajv checks.
      schema: storeSchema as never,
      defaults: { contexts: [] },
    });
  } catch (error) {
    throw configError(path, error);
  }
  // configFileMode is reduced by the umask; a file created before it (or by hand) is tightened too.
  const tighten = () => {
    if (existsSync(path)) chmodSync(path, CONFIG_FILE_MODE);
  };
  tighten();
  const read = (): ContextsFile => ({ contexts: conf.get('contexts'), currentContext: conf.get('currentContext') });
  return {
    path,
    read,
    find: (name) => read().contexts.find((context) => context.name === name),
    save(context) {
      const problem = savedContextProblem(context);
      if (problem !== null) throw new TokenTuiError('usage', problem);
      const others = read().contexts.filter((existing) => existing.name !== context.name);
      conf.set('contexts', [...others, context]);
      tighten();
    },
    remove(name) {
      conf.set('contexts', read().contexts.filter((existing) => existing.name !== name));
      if (read().currentContext === name) conf.delete('currentContext');
      tighten();
    },
    setCurrentContext(name) {
      if (name === undefined) conf.delete('currentContext');
      else conf.set('currentContext', name);
      tighten();
    },
  };
}

/**
 * The saved contexts for reading only: no file means none, and nothing is created (every
 * `tokentui list` reads this; only a change should create config.json).
 */
export async function readSavedContexts(options: ContextsStoreOptions = {}): Promise<ContextsFile> {
  if (!existsSync(contextsFilePath(options))) return { contexts: [] };
  return (await openContextsStore(options)).read();
}

/**
 * `contexts add`: saves a new context, or replaces one of the same name only when asked. The
 * name is checked before conf opens the file, so a refusal creates and changes nothing.
 */
export async function addSavedContext(context: SavedContext, replace: boolean, options: ContextsStoreOptions = {}): Promise<{ readonly path: string; readonly replaced: boolean }> {
  const path = contextsFilePath(options);
  const existing = (await readSavedContexts(options)).contexts.some((saved) => saved.name === context.name);
  if (existing && !replace) {
    throw new TokenTuiError('usage', `context "${context.name}" is already saved in ${path}`, {
      hint: `remove it first (tokentui contexts remove ${context.name}), or add --force to replace it`,
    });
  }
  (await openContextsStore(options)).save(context);
  return { path, replaced: existing };
}

/** `contexts remove`: exit 4 naming the saved contexts when none has this name; nothing is created. */
export async function removeSavedContext(name: string, options: ContextsStoreOptions = {}): Promise<{ readonly path: string; readonly wasCurrent: boolean }> {
  const path = contextsFilePath(options);
  const file = await readSavedContexts(options);
  if (!file.contexts.some((saved) => saved.name === name)) {
    const names = file.contexts.map((saved) => saved.name).sort();
    const saved = names.length === 0 ? 'none is saved' : `saved: ${names.join(', ')}`;
    throw new TokenTuiError('not-found', `no saved context "${name}" in ${path} (${saved})`, { hint: "run 'tokentui contexts' to see them" });
  }
  (await openContextsStore(options)).remove(name);
  return { path, wasCurrent: file.currentContext === name };
}
