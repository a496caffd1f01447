// The one gate every command passes, whether a key or a `:` word asked for it: read-only mode
// refuses what mutates, a disabled command says why (a key by its keys and description, a word by
// its name), and only then does its handler run.
import { isCommandVisible, type CommandTable } from '../commands/command-spec.ts';
import { keysLabel } from '../commands/keymap.ts';
import type { AppState } from './app-state.ts';
import { commandContext, modeOf } from './command-context.ts';

export type CommandOrigin = { readonly kind: 'key' } | { readonly kind: 'word'; readonly word: string };

/** The command a `:` word names. */
export function commandForWord<Id extends string>(commands: CommandTable<AppState, Id>, word: string): Id | undefined {
  return (Object.keys(commands) as Id[]).find((id) => commands[id].words?.includes(word) === true);
}

export function runCommand<Id extends string>(state: AppState, commands: CommandTable<AppState, Id>, id: Id, origin: CommandOrigin, args: readonly string[] = []): AppState {
  const spec = commands[id];
  const refuse = (text: string): AppState => ({ ...state, flash: { text, role: 'status.warn' } });
  if (!isCommandVisible(spec, state.readonly)) return refuse(`read-only mode: "${spec.description}" is not allowed`);
  // A key is looked up in its mode; a word is checked against the screen the prompt returned to.
  if (origin.kind === 'word' && !spec.modes.includes(modeOf(state))) return refuse(`:${origin.word}: not available on this screen`);
  const reason = spec.disabledReason(commandContext(state));
  if (reason !== null) {
    if (origin.kind === 'key' && spec.quietWhenDisabled === true) return state;
    const who = origin.kind === 'key' ? `${keysLabel(spec)} ${spec.description}` : (spec.refusedAs ?? `:${origin.word}`);
    return refuse(`${who}: ${reason}`);
  }
  return spec.run(state, { args, commands });
}
