// A minimal server-sent-events reader (WHATWG HTML "event stream interpretation") over a
// fetch body. Comments (heartbeats) are reported too, so the caller can tell a quiet stream
// from a dead one.

export interface SseMessage {
  readonly event: string;
  readonly data: string;
  /** The `id:` field; '' when the message had none. */
  readonly id: string;
}

export type SseItem = { readonly type: 'message'; readonly message: SseMessage } | { readonly type: 'comment' };

/** Splits a byte stream into SSE messages; ends when the stream ends. */
export async function* readSse(body: AsyncIterable<Uint8Array>): AsyncGenerator<SseItem> {
  const decoder = new TextDecoder();
  let buffer = '';
  let event = '';
  let data: string[] = [];
  let id = '';
  for await (const chunk of body) {
    buffer += decoder.decode(chunk, { stream: true });
    let newline = /\r\n|\r|\n/.exec(buffer);
    // A lone '\r' at the end may be the first half of '\r\n': wait for more.
    while (newline !== null && !(newline[0] === '\r' && newline.index === buffer.length - 1)) {
      const line = buffer.slice(0, newline.index);
      buffer = buffer.slice(newline.index + newline[0].length);
      if (line === '') {
        if (data.length > 0) yield { type: 'message', message: { event: event || 'message', data: data.join('\n'), id } };
        event = '';
        data = [];
      } else if (line.startsWith(':')) {
        yield { type: 'comment' };
      } else {
        const colon = line.indexOf(':');
        const field = colon === -1 ? line : line.slice(0, colon);
        let value = colon === -1 ? '' : line.slice(colon + 1);
        if (value.startsWith(' ')) value = value.slice(1);
        if (field === 'event') event = value;
        else if (field === 'data') data.push(value);
        else if (field === 'id') id = value;
      }
      newline = /\r\n|\r|\n/.exec(buffer);
    }
  }
}
