// Reading config.json without conf: JSON.parse and the validator ajv generated from the schema conf
// checks (contexts-schema.ts), so a read never compiles the schema (~45 ms of every `--context NAME`
// command; README: Dependencies). It reads the file the way conf 16 does (a byte order mark is
// skipped, a top level that is not an object is an empty store, `contexts` defaults to []) and words
// its errors as conf does; test/config/contexts-read-differential.test.ts holds the two side by side.
import { chmodSync, readFileSync } from 'node:fs';
import type { SavedContext } from '../adapters/definition.ts';
import { TokenTuiError } from '../core/errors.ts';
import { sameTextMemo } from '../core/same-text-memo.ts';
import { validate as generatedValidate } from './contexts-validator.generated.ts';

export const CONFIG_FILE_MODE = 0o600;

export interface ContextsFile {
  readonly contexts: readonly SavedContext[];
  readonly currentContext?: string;
}

interface ValidationError {
  readonly instancePath: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly message?: string;
}

/** ajv's standalone validator: true or false, with the errors (all of them: allErrors) on itself. */
const validate = generatedValidate as unknown as ((data: unknown) => boolean) & { errors: ValidationError[] | null };

/** The exit-2 error for a config.json conf or this reader refuses, naming the file and the field. */
export function configError(path: string, error: unknown): TokenTuiError {
  const message = error instanceof Error ? error.message.replace(/^Config schema violation: /, '') : String(error);
  // ajv repeats itself for a oneOf miss ("must be object; must be object; must match exactly one schema").
  const parts = [...new Set(message.split('; '))];
  const specific = parts.filter((part) => !part.endsWith('must match exactly one schema in oneOf'));
  const problem = (specific.length > 0 ? specific : parts).join('; ').replace(`The config file \`${path}\` is not valid JSON.`, 'not valid JSON');
  return new TokenTuiError('usage', `config ${path}: ${problem}`, { cause: error, hint: 'fix or remove the file; see the README section "Configuration"' });
}

/** conf's keyFromError: the JSON pointer as a key, with the key an additionalProperties miss names. */
function keyOf({ instancePath, params }: ValidationError): string {
  const level = instancePath.slice(1).replaceAll(/~([01])/g, (_match, code: string) => (code === '0' ? '~' : '/'));
  const key = params.additionalProperty ?? params.unevaluatedProperty ?? params.propertyName;
  if (key === undefined) return level;
  return level === '' ? String(key) : `${level}/${String(key)}`;
}

/** conf's message for a store the schema refuses. */
function violation(errors: readonly ValidationError[]): Error {
  return new Error('Config schema violation: ' + errors.map((error) => `\`${keyOf(error)}\` ${error.message ?? ''}`).join('; '));
}

/** config.json's text, parsed and validated; once per text (the validator is most of a read). */
const checkedContextsFile: (path: string, text: string) => ContextsFile = sameTextMemo((path, text) => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    // JSON.parse's own message quotes the file around the fault, which may be a secret pasted in.
    throw configError(path, new SyntaxError(`The config file \`${path}\` is not valid JSON.`));
  }
  const store = Object.assign(Object.create(null) as Record<string, unknown>, typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? parsed : {});
  if (!validate(store)) throw configError(path, violation(validate.errors ?? []));
  // configFileMode is reduced by the umask; a file created before it (or by hand) is tightened too.
  chmodSync(path, CONFIG_FILE_MODE);
  return { contexts: store.contexts as SavedContext[], currentContext: store.currentContext as string | undefined };
});

/** The saved contexts in the file at `path`, or none when there is no file; nothing is written. */
export function readContextsFile(path: string): ContextsFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { contexts: [] };
    throw configError(path, error);
  }
  // A copy: what a caller does to its answer is not what the next reader gets.
  const file = checkedContextsFile(path, text);
  return { ...file, contexts: [...file.contexts] };
}
