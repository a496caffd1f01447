// GET /api/v1/tokens, written while the store reads it. The answer is the same JSON as one
// WireTokenList ({"items":[...],"eventSeq":N}), but sent in batches as they are read
// (store/tokens.ts: streamTokens): 100,000 tokens used to be read, mapped and serialized whole,
// ~1 s and several hundred MB before the first byte left. Errors before the first byte are
// answered as usual (the router's error JSON); a failure after it cuts the connection (router.ts),
// so a client never takes a truncated list for a whole one: its JSON does not end.
import type { ServerResponse } from 'node:http';
import { startJsonStream } from './http-io.ts';
import type { TokenStore } from './store/token-store.ts';

/** The client went away: the read stops (its transaction ends) and nothing more is written. */
class AnswerClosed extends Error {}

export async function sendTokenList(response: ServerResponse, store: Pick<TokenStore, 'streamTokens'>): Promise<void> {
  let tail = '';
  let first = true;
  try {
    await store.streamTokens({
      start(eventSeq) {
        tail = `],"eventSeq":${JSON.stringify(eventSeq)}}`;
        startJsonStream(response);
        response.write('{"items":[');
      },
      items(batch) {
        if (response.destroyed) throw new AnswerClosed();
        const array = JSON.stringify(batch);
        response.write(first ? array.slice(1, -1) : `,${array.slice(1, -1)}`);
        first = false;
        // The socket sends what was written while the next batch is read. Not an await of
        // 'drain': a slow client must not hold the read open (SQLite's one connection runs one
        // transaction at a time), so what it has not read yet is buffered, as the whole
        // answer was before.
        return new Promise<void>((resolve) => setImmediate(resolve));
      },
    });
  } catch (error) {
    if (error instanceof AnswerClosed) return;
    throw error;
  }
  response.end(tail);
}
