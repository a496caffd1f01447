// A minimal server-sent-events reader (WHATWG HTML "event stream interpretation") over a
// fetch body. Comments (heartbeats) are reported too, so the caller can tell a quiet stream
// from a dead one. One event (its lines up to the blank line) may hold at most `maxEventBytes`
// characters: a stream is endless by design, so the cap is per event, checked as data arrives.
import { TokenTuiError } from '../../core/errors.ts';
import { formatBytes } from '../../kube/response-limits.ts';

export interface SseMessage {
  readonly event: string;
  readonly data: string;
  /** The `id:` field; '' when the message had none. */
  readonly id: string;
}

export type SseItem = { readonly type: 'message'; readonly message: SseMessage } | { readonly type: 'comment' };

function eventTooLarge(maxEventBytes: number): TokenTuiError {
  return new TokenTuiError('server', `an event of the event stream is larger than ${formatBytes(maxEventBytes)}; refused`, {
    source: 'rest',
    hint: 'if the server really sends that much, raise TOKENTUI_MAX_RESPONSE_SIZE',
  });
}

/** Splits a byte stream into SSE messages; ends when the stream ends. */
export async function* readSse(body: AsyncIterable<Uint8Array>, maxEventBytes: number = Number.POSITIVE_INFINITY): AsyncGenerator<SseItem> {
  const decoder = new TextDecoder();
  let buffer = '';
  let event = '';
  let data: string[] = [];
  let dataLength = 0;
  let id = '';
  for await (const chunk of body) {
    buffer += decoder.decode(chunk, { stream: true });
    // Counted in UTF-16 units (bytes for ASCII): close enough to bound memory, and a line that
    // never ends is refused all the same.
    if (buffer.length + dataLength > maxEventBytes) throw eventTooLarge(maxEventBytes);
    let newline = /\r\n|\r|\n/.exec(buffer);
    // A lone '\r' at the end may be the first half of '\r\n': wait for more.
    while (newline !== null && !(newline[0] === '\r' && newline.index === buffer.length - 1)) {
      const line = buffer.slice(0, newline.index);
      buffer = buffer.slice(newline.index + newline[0].length);
      if (line === '') {
        if (data.length > 0) yield { type: 'message', message: { event: event || 'message', data: data.join('\n'), id } };
        event = '';
        data = [];
        dataLength = 0;
      } else if (line.startsWith(':')) {
        yield { type: 'comment' };
      } else {
        const colon = line.indexOf(':');
        const field = colon === -1 ? line : line.slice(0, colon);
        let value = colon === -1 ? '' : line.slice(colon + 1);
        if (value.startsWith(' ')) value = value.slice(1);
        if (field === 'event') event = value;
        else if (field === 'id') id = value;
        else if (field === 'data') {
          data.push(value);
          dataLength += value.length + 1;
        }
      }
      newline = /\r\n|\r|\n/.exec(buffer);
    }
  }
}
