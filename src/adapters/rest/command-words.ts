// `contexts add --api-key-command 'CMD ARGS'`: one string split into the argv that is saved and
// later run without a shell (execFile). The rule is deliberately small and literal: words are
// separated by blanks; '...' and "..." keep blanks inside one word; nothing else is special (no
// backslash escapes, no $VARIABLES, no globs). Characters that only mean something to a shell
// (| ; & < > $ `) are refused outside quotes, because running without a shell would pass them on
// as arguments and fail in a confusing way; a pipeline is written as "sh -c '...'".

export type CommandWords = { readonly ok: true; readonly words: readonly string[] } | { readonly ok: false; readonly problem: string };

const SHELL_ONLY_CHARACTERS = new Set(['|', ';', '&', '<', '>', '$', '`']);

export function splitCommandWords(text: string): CommandWords {
  const words: string[] = [];
  let word: string | undefined;
  let quote: string | undefined;
  for (const character of text) {
    if (quote !== undefined) {
      if (character === quote) quote = undefined;
      else word = `${word ?? ''}${character}`;
    } else if (character === '"' || character === "'") {
      quote = character;
      word ??= '';
    } else if (/\s/.test(character)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else if (SHELL_ONLY_CHARACTERS.has(character)) {
      return { ok: false, problem: `${character} outside quotes needs a shell, and the command runs without one` };
    } else {
      word = `${word ?? ''}${character}`;
    }
  }
  if (quote !== undefined) return { ok: false, problem: `a ${quote} quote is not closed` };
  if (word !== undefined) words.push(word);
  if (words.length === 0) return { ok: false, problem: 'it names no command' };
  if (words.includes('')) return { ok: false, problem: 'an empty argument (\'\' or "") cannot be saved' };
  return { ok: true, words };
}
