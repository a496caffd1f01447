// `contexts add --api-key-command 'CMD ARGS'`: the documented splitting rule, without a shell.
import { describe, expect, it } from 'vitest';
import { splitCommandWords } from '../../src/adapters/rest/command-words.ts';

describe('splitCommandWords', () => {
  it.each([
    ['pass show tokens/lab', ['pass', 'show', 'tokens/lab']],
    ['  pass\tshow   tokens/lab  ', ['pass', 'show', 'tokens/lab']],
    [`pass show 'tokens/lab key'`, ['pass', 'show', 'tokens/lab key']],
    [`op read "op://vault/lab tokens/key"`, ['op', 'read', 'op://vault/lab tokens/key']],
    [`sh -c 'vault read -field=key x | tr -d "\\n"'`, ['sh', '-c', 'vault read -field=key x | tr -d "\\n"']],
    [`printenv a'b c'd`, ['printenv', 'ab cd']],
    [String.raw`cat C:\keys\lab`, ['cat', String.raw`C:\keys\lab`]],
  ])('%s', (text, words) => {
    expect(splitCommandWords(text)).toEqual({ ok: true, words });
  });

  it.each([
    ['vault read x | tr -d y', /^\| outside quotes needs a shell/],
    ['cat $HOME/key', /^\$ outside quotes needs a shell/],
    ['get-key; true', /^; outside quotes/],
    ['get-key > out', /^> outside quotes/],
    ['echo `id`', /^` outside quotes/],
    [`pass show 'x`, /^a ' quote is not closed$/],
    ['   ', /^it names no command$/],
    [`printenv ''`, /^an empty argument/],
  ])('refuses %s', (text, problem) => {
    const split = splitCommandWords(text);
    expect(split.ok).toBe(false);
    if (!split.ok) expect(split.problem).toMatch(problem);
  });
});
