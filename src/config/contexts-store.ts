// Saved contexts in $XDG_CONFIG_HOME/tokentui/config.json, mode 0600: written through conf 16,
// read without it (contexts-file.ts). A context names a backend and how to reach it; the API key
// is only ever referenced (an environment variable or a command that prints it, like kubectl's
// exec plugins), and a value that looks like a secret in any field is refused before anything is
// written.
import { chmodSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type Conf from 'conf';
import type { JsonSchema, SavedContext } from '../adapters/definition.ts';
import { adapterDefinitions, adapterNames, definitionOf, isAdapterId, joinNames } from '../adapters/registry.ts';
import { TokenTuiError } from '../core/errors.ts';
import { configDir, type PathEnvironment } from '../journals/paths.ts';
import { CONFIG_FILE_MODE, configError, readContextsFile, type ContextsFile } from './contexts-file.ts';
import { storeDefaults, storeSchema } from './contexts-schema.ts';
import { looksLikeSecret } from './secret-shape.ts';

export type { SavedContext };

export type { ContextsFile };
export { CONFIG_FILE_MODE };

export const CONFIG_FILE_NAME = 'config.json';

type StoreShape = { contexts: SavedContext[]; currentContext?: string };

export interface ContextsStoreOptions extends PathEnvironment {
  /** The directory holding config.json (default: configDir()); tests pass a temporary one. */
  readonly cwd?: string;
}

export function contextsFilePath(options: ContextsStoreOptions = {}): string {
  return join(options.cwd ?? configDir(options), CONFIG_FILE_NAME);
}

/** Every text value a context holds, with the name a refusal message shows (never the value). */
function textFields(value: unknown, path: string): [string, string][] {
  if (typeof value === 'string') return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((item, index) => textFields(item, `${path}[${index}]`));
  if (typeof value === 'object' && value !== null) return Object.entries(value).flatMap(([key, item]) => textFields(item, path === '' ? key : `${path}.${key}`));
  return [];
}

/** Fields of other adapters' contexts in this one, grouped by who owns them: "server and apiKey are for the rest adapter". */
function foreignFields(context: SavedContext, own: Readonly<Record<string, JsonSchema>>): string[] {
  const byOwner = new Map<string, string[]>();
  for (const definition of adapterDefinitions) {
    const fields = Object.keys(definition.target.savedContext.properties).filter((field) => !Object.hasOwn(own, field));
    if (!fields.some((field) => context[field] !== undefined)) continue;
    const owner = adapterNames.ownersOfField(fields[0] ?? '');
    byOwner.set(owner, [...new Set([...(byOwner.get(owner) ?? []), ...fields])]);
  }
  return [...byOwner].map(([owner, fields]) => `${joinNames(fields)} ${fields.length === 1 ? 'is' : 'are'} for the ${owner} adapter`);
}

/** Why this context cannot be saved or used, or null. Messages name fields, never values. */
export function savedContextProblem(context: SavedContext): string | null {
  for (const [field, value] of textFields(context, '')) {
    if (field !== 'adapter' && looksLikeSecret(value)) {
      return `context "${looksLikeSecret(context.name) ? '?' : context.name}": ${field} looks like a secret; config.json only references credentials (apiKey: {"env": "NAME"} or {"command": [...]})`;
    }
  }
  if (!isAdapterId(context.adapter)) return `context "${context.name}": unknown adapter "${context.adapter}"`;
  const { savedContext } = definitionOf(context.adapter).target;
  for (const [field, what] of Object.entries(savedContext.required)) {
    if (context[field] === undefined) return `context "${context.name}": the ${context.adapter} adapter needs ${what}`;
  }
  const foreign = savedContext.foreignFieldsNote === undefined ? [] : foreignFields(context, savedContext.properties);
  if (foreign.length > 0) return `context "${context.name}": ${foreign.join('; ')}; ${context.adapter} ${savedContext.foreignFieldsNote}`;
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
      defaults: storeDefaults as unknown as StoreShape,
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
 * The saved contexts for reading only: no file means none, and nothing is created or written
 * (every `tokentui --context NAME` command reads this; only a change should touch config.json).
 * Without conf: a plain JSON.parse and the validator generated from conf's schema (contexts-file.ts).
 */
export async function readSavedContexts(options: ContextsStoreOptions = {}): Promise<ContextsFile> {
  return readContextsFile(contextsFilePath(options));
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
