// Kubernetes watch bodies are one JSON object per line, and a network chunk can end
// anywhere, including inside a multi-byte character. A watch never ends by design, so its size
// is capped per line: a line longer than `maxLineLength` (a server that never sends a newline)
// fails the stream instead of growing without bound.

export class LineTooLong extends Error {
  constructor(readonly maxLineLength: number) {
    super(`a line of the watch stream is longer than ${maxLineLength} characters`);
    this.name = 'LineTooLong';
  }
}

/** Yields each newline-delimited JSON value of a byte stream; throws on a malformed or overlong line. */
export async function* parseJsonLines(chunks: AsyncIterable<Uint8Array>, maxLineLength: number = Number.POSITIVE_INFINITY): AsyncGenerator<unknown, void, undefined> {
  const decoder = new TextDecoder('utf-8');
  let buffered = '';
  for await (const chunk of chunks) {
    buffered += decoder.decode(chunk, { stream: true });
    if (buffered.length > maxLineLength && buffered.indexOf('\n') === -1) throw new LineTooLong(maxLineLength);
    let newline = buffered.indexOf('\n');
    while (newline !== -1) {
      const line = buffered.slice(0, newline).trim();
      buffered = buffered.slice(newline + 1);
      if (line !== '') yield parseLine(line);
      newline = buffered.indexOf('\n');
    }
    if (buffered.length > maxLineLength) throw new LineTooLong(maxLineLength);
  }
  const rest = (buffered + decoder.decode()).trim();
  if (rest !== '') yield parseLine(rest);
}

function parseLine(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    // The line itself is left out: it may carry a Secret's data.
    throw new SyntaxError(`malformed JSON line (${line.length} characters) in watch stream`);
  }
}
