import { describe, expect, it } from 'vitest';
import { readSse, type SseItem } from './sse.ts';

async function collect(chunks: string[]): Promise<SseItem[]> {
  async function* body() {
    for (const chunk of chunks) yield new TextEncoder().encode(chunk);
  }
  const items: SseItem[] = [];
  for await (const item of readSse(body())) items.push(item);
  return items;
}

describe('readSse', () => {
  it('parses events split across chunks and line endings, with ids, comments and multi-line data', async () => {
    const items = await collect(['retry: 2000\nevent: ready\nda', 'ta: {"a":1}\n\n: heartbeat\r', '\nid: 7\r\nevent: x\r\ndata: one\r\ndata:two\r\n\r\n']);
    expect(items).toEqual([
      { type: 'message', message: { event: 'ready', data: '{"a":1}', id: '' } },
      { type: 'comment' },
      { type: 'message', message: { event: 'x', data: 'one\ntwo', id: '7' } },
    ]);
  });

  it('defaults the event name to "message", skips data-less blocks and drops an unterminated tail', async () => {
    const items = await collect(['event: lonely\n\ndata: plain\n\ndata: unfinished']);
    expect(items).toEqual([{ type: 'message', message: { event: 'message', data: 'plain', id: '' } }]);
  });

  it('decodes a multi-byte character split between chunks', async () => {
    const bytes = new TextEncoder().encode('data: é\n\n');
    async function* body() {
      yield bytes.slice(0, 7);
      yield bytes.slice(7);
    }
    const items: SseItem[] = [];
    for await (const item of readSse(body())) items.push(item);
    expect(items).toEqual([{ type: 'message', message: { event: 'message', data: 'é', id: '' } }]);
  });
});
