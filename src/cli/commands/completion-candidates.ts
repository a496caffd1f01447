// What a Tab offers on a partly typed tokentui command line, read from the command table and
// the parser's option lists (args.ts), so a command or flag added there completes with no change
// here. The shell scripts (completion-scripts.ts) only pass the words and show the answer.
// Typed words are read leniently: a half-typed line is not an error, it is a question.
import { adapterIds } from '../../adapters/registry.ts';
import { commandOptionConfig, globalOptionConfig } from '../args.ts';
import type { GlobalOptions } from '../args.ts';
import { commandTable, findCommand } from '../command-table.ts';
import { fieldFlagOptionConfig } from '../field-flags.ts';
import type { CommandSpec, OutputFormat } from '../command-table.ts';

export interface Candidate {
  readonly value: string;
  /** Shown beside the value by zsh and fish (a command's summary, a token's description). */
  readonly description?: string;
}

/** Candidates to offer, or "complete a file name" (left to the shell). */
export type Completion = { readonly kind: 'words'; readonly candidates: readonly Candidate[] } | { readonly kind: 'files' };

/** The answers that need more than the command table: read from config files, or asked from a backend. */
export interface CompletionSources {
  contextNames(globals: GlobalOptions): Promise<readonly Candidate[]>;
  tokenIds(globals: GlobalOptions): Promise<readonly Candidate[]>;
}

/** Candidates now, later (asked from a source), or "complete a file name". */
type Found = Completion | readonly Candidate[] | Promise<readonly Candidate[]>;

type OptionName = keyof typeof globalOptionConfig | keyof typeof commandOptionConfig;

const allOptions: Readonly<Record<string, { readonly type: 'string' | 'boolean'; readonly short?: string }>> = { ...fieldFlagOptionConfig, ...globalOptionConfig, ...commandOptionConfig };
const globalOnly = new Set<string>(['help', 'version', 'output']);
const allFormats: readonly OutputFormat[] = ['table', 'text', 'json', 'yaml'];

const takesValue = (name: string) => allOptions[name]?.type === 'string';
const words = (...values: readonly string[]): Candidate[] => values.map((value) => ({ value }));

/** What the words before the cursor say: the command, its positionals, the target flags. */
interface LineSoFar {
  readonly command?: CommandSpec;
  readonly positionals: readonly string[];
  readonly globals: GlobalOptions;
  readonly flags: ReadonlySet<string>;
  /** An option still waiting for its value (the word under the cursor). */
  readonly pendingOption?: string;
}

function optionNamed(word: string): string | undefined {
  if (word.startsWith('--')) return word.slice(2);
  const short = Object.entries(allOptions).find(([, config]) => config.short !== undefined && `-${config.short}` === word);
  return short?.[0];
}

function readLine(before: readonly string[]): LineSoFar {
  let command: CommandSpec | undefined;
  const positionals: string[] = [];
  const flags = new Set<string>();
  const values: Partial<Record<OptionName, string>> = {};
  let pendingOption: string | undefined;
  for (const word of before) {
    if (pendingOption !== undefined) {
      // bash hands `--context=prod` over as three words: the `=` keeps the option waiting.
      if (word === '=') continue;
      values[pendingOption as OptionName] = word;
      pendingOption = undefined;
    } else if (word.startsWith('-') && word !== '-' && word !== '--') {
      const [flag = '', value] = word.split(/=(.*)/s, 2);
      const name = optionNamed(flag);
      if (name === undefined) continue;
      flags.add(name);
      if (value !== undefined) values[name as OptionName] = value;
      else if (takesValue(name)) pendingOption = name;
    } else if (word !== '--') {
      if (command === undefined && positionals.length === 0) command = findCommand(word);
      else positionals.push(word);
    }
  }
  const adapter = adapterIds.find((id) => id === values.adapter);
  const globals: GlobalOptions = {
    readonly: flags.has('readonly'),
    demo: flags.has('demo'),
    noColor: true,
    ...(values.context === undefined ? {} : { context: values.context }),
    ...(values.kubeconfig === undefined ? {} : { kubeconfig: values.kubeconfig }),
    ...(values.server === undefined ? {} : { server: values.server }),
    ...(adapter === undefined ? {} : { adapter }),
  };
  return { command, positionals, globals, flags, ...(pendingOption === undefined ? {} : { pendingOption }) };
}

const durations = words('15m', '1h', '24h', '7d', 'never');

function optionValues(option: string, line: LineSoFar, sources: CompletionSources): Found {
  switch (option) {
    case 'context':
      return sources.contextNames(line.globals);
    case 'kubeconfig':
    case 'db':
      return { kind: 'files' };
    case 'adapter':
      return words(...adapterIds);
    case 'output':
      return words(...(line.command?.outputs ?? allFormats));
    case 'ttl':
    case 'poll-interval':
      return durations;
    case 'mode':
      return words('unique', 'legacy');
    case 'confirm':
      // revoke/rotate ID --confirm ID: the id already typed is the one to confirm.
      if (line.flags.has('server-token')) return [];
      // rotate --abandon ID --confirm NEW_ID: the replacement's id, not the one typed.
      if (line.flags.has('abandon')) return sources.tokenIds(line.globals);
      return line.positionals[0] !== undefined ? words(...line.positionals) : sources.tokenIds(line.globals);
    default:
      return [];
  }
}

function optionsOf(command: CommandSpec | undefined): Candidate[] {
  // -o needs a subcommand.
  if (command === undefined) return Object.keys(globalOptionConfig).filter((name) => name !== 'output').map((name) => ({ value: `--${name}` }));
  const own = [...command.options, ...(command.fieldFlags ?? [])].map((name) => `--${name}`);
  const shared = Object.keys(globalOptionConfig).filter((name) => !globalOnly.has(name)).map((name) => `--${name}`);
  const output = command.outputs.length > 0 ? ['-o', '--output'] : [];
  return words(...own, ...output, ...shared, '--help');
}

function positionalValues(line: LineSoFar, sources: CompletionSources): Found {
  const { command, positionals } = line;
  if (command === undefined) return commandTable.filter((spec) => spec.implemented).map((spec) => ({ value: spec.name, description: spec.summary }));
  const slots = [...command.positionals, ...(command.optionalPositionals ?? [])];
  // get ID ID..., revoke ID ID...: the last slot repeats.
  const slot = slots[command.variadic === true ? Math.min(positionals.length, slots.length - 1) : positionals.length];
  if (slot === 'COMMAND') return commandTable.map((spec) => ({ value: spec.name, description: spec.summary }));
  if (slot === undefined || (line.flags.has('server-token') && slot === 'ID')) return [];
  if (slot === 'ID') return sources.tokenIds(line.globals);
  // contexts NAME: an existing context after use|remove; a new name after add.
  if (slot === 'NAME') return positionals[0] === 'use' || positionals[0] === 'remove' ? sources.contextNames(line.globals) : [];
  return slot.includes('|') ? words(...slot.split('|')) : [];
}

async function withPrefix(found: Found, prefix: string, typed: string): Promise<Completion> {
  const resolved = await found;
  if ('kind' in resolved) return resolved;
  const candidates = resolved.filter(({ value }) => value.startsWith(typed)).map((candidate) => ({ ...candidate, value: `${prefix}${candidate.value}` }));
  return { kind: 'words', candidates };
}

/** `words`: everything after the program name, the last being the word under the cursor (maybe ''). */
export async function completeCommandLine(typedWords: readonly string[], sources: CompletionSources): Promise<Completion> {
  const current = typedWords.at(-1) ?? '';
  const line = readLine(typedWords.slice(0, -1));
  if (line.pendingOption !== undefined) return withPrefix(optionValues(line.pendingOption, line, sources), '', current === '=' ? '' : current);
  if (current.startsWith('-')) {
    const equals = current.indexOf('=');
    if (equals < 0) return withPrefix(optionsOf(line.command), '', current);
    const name = optionNamed(current.slice(0, equals));
    if (name === undefined || !takesValue(name)) return { kind: 'words', candidates: [] };
    return withPrefix(optionValues(name, line, sources), current.slice(0, equals + 1), current.slice(equals + 1));
  }
  return withPrefix(positionalValues(line, sources), '', current);
}
