import { describe, expect, it } from 'vitest';
import { parseJsonLines } from './json-lines.ts';

async function* chunks(...parts: string[]): AsyncGenerator<Uint8Array> {
  for (const part of parts) yield new TextEncoder().encode(part);
}

async function collect(source: AsyncIterable<unknown>): Promise<unknown[]> {
  const items: unknown[] = [];
  for await (const item of source) items.push(item);
  return items;
}

describe('parseJsonLines', () => {
  it('joins lines split across chunks, skips blank lines, reads a last line without newline', async () => {
    expect(await collect(parseJsonLines(chunks('{"a":', '1}\n\n{"b"', ':2}\n{"c":3}')))).toEqual([{ a: 1 }, { b: 2 }, { c: 3 }]);
  });

  it('reports a malformed line without echoing it', async () => {
    const failure = collect(parseJsonLines(chunks('{"data":{"token-secret":"czNjcjN0"\n')));
    await expect(failure).rejects.toThrow('malformed JSON line (34 characters) in watch stream');
  });
});
