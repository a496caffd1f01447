// GET /api/v1/tokens read as it arrives: each element of `items` is parsed, checked against the
// contract and mapped as soon as its last byte is in (kube/list-body.ts, which the Kubernetes
// list reads with), instead of holding the whole answer as text and then as one parsed tree: at
// 100,000 tokens that is ~27 MB of text plus every object at once, while the reference server
// already sends the list as it reads it (src/server/token-list-answer.ts). The answer's size and
// time caps still apply (the body is read through boundedFetch's limited stream), a violation
// still names its field (items[3].uses), and the envelope ({items, eventSeq}) is checked too.
import type { KyInstance } from 'ky';
import { TokenTuiError } from '../../core/errors.ts';
import type { Token } from '../../core/token.ts';
import { createListBodyReader, JsonBodyError } from '../../kube/list-body.ts';
import { REST_SOURCE } from './http.ts';
import { toToken } from './mapping.ts';
import { elementOf, readToken, readTokenList, readWire } from './wire-check.ts';

const WHAT = 'GET /api/v1/tokens';

export async function readTokenListStreamed(http: KyInstance, server: string, signal?: AbortSignal): Promise<Token[]> {
  const response = await http.get('tokens', signal === undefined ? {} : { signal });
  const tokens: Token[] = [];
  const reader = createListBodyReader((item) => {
    tokens.push(toToken(readWire(elementOf(readToken, 'items', tokens.length), item, server, WHAT)));
  });
  try {
    if (response.body !== null) {
      for await (const chunk of response.body) reader.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    }
    // What is left once the items were handed over: `{"items":[],"eventSeq":N}` when all is well.
    readWire(readTokenList, reader.end(), server, WHAT);
  } catch (error) {
    // The body itself is left out of the message: it is the server's, and may be anything.
    if (error instanceof JsonBodyError) throw new TokenTuiError('server', `${server} answered ${WHAT} with a body that is not JSON`, { source: REST_SOURCE });
    throw error;
  }
  return tokens;
}
