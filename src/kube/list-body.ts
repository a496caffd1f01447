// A LIST answer read as it arrives. Each element of the top-level `items` array is parsed on its
// own and handed over as soon as its last byte is in, instead of holding every chunk, joining
// them, decoding one string of the whole body and building every object at once: 10,000 Secrets
// are 9-12 MB of JSON, and the whole-body way peaked at ~110 MB resident against ~75 MB this way
// (bench/list-vs-kubeadm.mjs), while the parse overlaps the apiserver still sending.
// Only structure is tracked here (strings, nesting, the top-level keys); the syntax is checked by
// JSON.parse: of each element, and of the rest of the answer (its envelope, with `items` as []).
// A body that is not a JSON object is kept whole and parsed at the end, as before.

/** The answer is not JSON (or not one JSON value). */
export class JsonBodyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JsonBodyError';
  }
}

export interface ListBodyReader {
  /** The next bytes of the body. Throws JsonBodyError, or what `onItem` throws. */
  write(chunk: Buffer): void;
  /** The answer without its items (`items: []` when they were handed over); undefined for an empty body. */
  end(): unknown;
  /** Elements of `items` handed over so far. */
  readonly itemCount: number;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

const isWhitespace = (byte: number) => byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;

// JSON.parse's own message quotes the text, which may be a Secret's data: never passed on.
function parsed(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new JsonBodyError(what);
  }
}

/** Bytes collected across chunks (a key, an element, the envelope), decoded once complete. */
class Pieces {
  private parts: Buffer[] = [];
  add(part: Buffer): void {
    if (part.length > 0) this.parts.push(part);
  }
  take(last?: Buffer): string {
    if (last !== undefined) this.add(last);
    const { parts } = this;
    this.parts = [];
    if (parts.length === 1) return parts[0]!.toString('utf8');
    return Buffer.concat(parts).toString('utf8');
  }
  get empty(): boolean {
    return this.parts.length === 0;
  }
}

/**
 * Elements of `items` are first read in batches: JSON.parse of `[` + the bytes from an element's
 * start up to the last `},{` of the chunk + `]`. That parse succeeds only when the cut falls
 * between two elements (inside a string or a nested value it leaves something open), so a
 * success is exact, and the common case costs one native parse per chunk instead of a scan of
 * every string in JS (10,000 Secrets: 28 ms of scanning). A chunk without a cut that parses
 * waits for the next; past BATCH_LIMIT bytes without one (an odd layout, or a server that
 * writes `},{` into every string), the exact scan below takes over for the rest of the body.
 */
const BATCH_SEPARATOR = Buffer.from('},{');
const BATCH_LIMIT = 256 * 1024;
const BATCH_ATTEMPTS = 3;

type Mode = 'start' | 'raw' | 'object';
/** Inside `items`: waiting for an element (after `[` or a comma), reading one, or after one. */
type ItemsState = 'none' | 'first' | 'next' | 'element' | 'after';

export function createListBodyReader(onItem: (item: unknown) => void): ListBodyReader {
  let mode: Mode = 'start';
  const raw = new Pieces();
  const envelope = new Pieces();
  let depth = 0;
  let inString = false;
  /** Backslashes that ended the previous chunk while inside a string. */
  let carriedBackslashes = 0;
  // Top-level keys: a string at depth 1 where a key is expected, then its colon, then the value.
  let expectKey = false;
  let readingKey = false;
  const key = new Pieces();
  let lastKey: string | undefined;
  let awaitingValueOf: string | undefined;
  let itemsSeen = false;
  let items: ItemsState = 'none';
  const element = new Pieces();
  let elementIsScalar = false;
  let count = 0;
  /** The top-level object has closed: only whitespace may follow (JSON.parse checks at the end). */
  let closed = false;
  /** In batch mode: the bytes from the start of the next element on (null: exact scan). */
  let batch: Buffer | null = null;
  let batchTried = false;

  /** Hands over every element before the last cut of `text` that parses; keeps the rest. */
  function writeBatch(chunk: Buffer): void {
    const text: Buffer = batch!.length === 0 ? chunk : Buffer.concat([batch!, chunk]);
    let cut = text.lastIndexOf(BATCH_SEPARATOR);
    for (let attempt = 0; attempt < BATCH_ATTEMPTS && cut > 0; attempt += 1) {
      let elements: unknown[] | undefined;
      try {
        elements = JSON.parse(`[${text.toString('utf8', 0, cut + 1)}]`) as unknown[];
      } catch {
        cut = text.lastIndexOf(BATCH_SEPARATOR, cut - 1);
        continue;
      }
      // A copy of the (short) rest: a view would keep the whole chunk alive until a major GC.
      batch = Buffer.from(text.subarray(cut + 2));
      for (const element of elements) {
        count += 1;
        onItem(element);
      }
      return;
    }
    batch = text;
    if (batch.length > BATCH_LIMIT) leaveBatch();
  }

  /** The exact scan reads what batch mode holds (an element's start) and everything after it. */
  function leaveBatch(): void {
    const rest = batch!;
    batch = null;
    writeObject(rest);
  }

  function emitElement(text: string): void {
    const item = parsed(text, `items[${count}] is malformed`);
    count += 1;
    onItem(item);
  }

  /** Index of the quote that closes the string `chunk` is inside at `from`, or -1 (with the carry set). */
  function closingQuote(chunk: Buffer, from: number): number {
    for (let at = from; ; ) {
      const quote = chunk.indexOf(QUOTE, at);
      if (quote < 0) {
        let run = 0;
        for (let back = chunk.length - 1; back >= from && chunk[back] === BACKSLASH; back -= 1) run += 1;
        carriedBackslashes = run === chunk.length - from ? carriedBackslashes + run : run;
        return -1;
      }
      let run = 0;
      let back = quote - 1;
      for (; back >= from && chunk[back] === BACKSLASH; back -= 1) run += 1;
      if (back < from && from === 0) run += carriedBackslashes;
      carriedBackslashes = 0;
      if (run % 2 === 0) return quote;
      at = quote + 1;
    }
  }

  function writeObject(chunk: Buffer): void {
    let envelopeFrom = items === 'none' ? 0 : -1;
    let elementFrom = items === 'element' ? 0 : -1;
    let keyFrom = readingKey ? 0 : -1;
    const length = chunk.length;
    let at = 0;
    while (at < length) {
      if (inString) {
        const quote = closingQuote(chunk, at);
        if (quote < 0) break;
        inString = false;
        at = quote + 1;
        if (readingKey) {
          readingKey = false;
          lastKey = key.take(chunk.subarray(keyFrom, at));
          keyFrom = -1;
        } else if (items === 'element' && elementIsScalar) {
          // A string element of `items`: ends with its quote.
          emitElement(element.take(chunk.subarray(elementFrom, at)));
          elementFrom = -1;
          items = 'after';
        }
        continue;
      }
      const byte = chunk[at]!;
      if (items === 'element' && elementIsScalar && depth === 2) {
        // A number or literal element ends at the first byte that cannot be part of it.
        if (byte === COMMA || byte === CLOSE_BRACKET || isWhitespace(byte)) {
          emitElement(element.take(chunk.subarray(elementFrom, at)));
          elementFrom = -1;
          items = 'after';
          continue;
        }
        at += 1;
        continue;
      }
      if (items === 'first' || items === 'next' || items === 'after') {
        // Between the elements of `items`: only whitespace, commas and the closing bracket.
        if (isWhitespace(byte)) {
          at += 1;
          continue;
        }
        if (byte === CLOSE_BRACKET && items !== 'next') {
          depth -= 1;
          items = 'none';
          envelopeFrom = at + 1;
          at += 1;
          continue;
        }
        if (items === 'after') {
          if (byte !== COMMA) throw new JsonBodyError(`something other than a comma after items[${count - 1}]`);
          items = 'next';
          at += 1;
          continue;
        }
        if (byte === COMMA || byte === CLOSE_BRACKET) throw new JsonBodyError(`a misplaced ${byte === COMMA ? 'comma' : 'bracket'} in items`);
        if (byte === OPEN_BRACE && !batchTried) {
          // Batch mode from this element on (once per body: after it gives up, the scan goes on).
          batchTried = true;
          batch = Buffer.alloc(0);
          writeBatch(chunk.subarray(at));
          return;
        }
        items = 'element';
        elementFrom = at;
        elementIsScalar = byte !== OPEN_BRACE && byte !== OPEN_BRACKET;
        if (byte === QUOTE) inString = true;
        else if (!elementIsScalar) depth += 1;
        at += 1;
        continue;
      }
      if (byte === QUOTE) {
        inString = true;
        if (depth === 1) awaitingValueOf = undefined;
        if (depth === 1 && expectKey) {
          expectKey = false;
          readingKey = true;
          keyFrom = at;
        }
      } else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
        if (depth === 1 && awaitingValueOf === 'items' && byte === OPEN_BRACKET) {
          if (itemsSeen) throw new JsonBodyError('`items` appears twice');
          itemsSeen = true;
          awaitingValueOf = undefined;
          // The envelope keeps `items: []`; the elements go to onItem.
          envelope.add(chunk.subarray(envelopeFrom, at));
          envelope.add(Buffer.from('[]'));
          envelopeFrom = -1;
          depth += 1;
          items = 'first';
          at += 1;
          continue;
        }
        awaitingValueOf = undefined;
        depth += 1;
        // After the object has closed, whatever follows is only kept for JSON.parse to refuse (or
        // for the size cap to cut off): no more items are read out of it.
        if (depth === 1 && !closed) expectKey = true;
      } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
        depth -= 1;
        if (depth === 0) closed = true;
        if (items === 'element' && depth === 2) {
          emitElement(element.take(chunk.subarray(elementFrom, at + 1)));
          elementFrom = -1;
          items = 'after';
        }
      } else if (depth === 1) {
        if (byte === COLON && lastKey !== undefined) {
          awaitingValueOf = lastKey === '"items"' ? 'items' : parsedKey(lastKey);
          lastKey = undefined;
        } else if (byte === COMMA) {
          expectKey = true;
          awaitingValueOf = undefined;
        } else if (!isWhitespace(byte)) awaitingValueOf = undefined;
      }
      at += 1;
    }
    if (envelopeFrom >= 0) envelope.add(chunk.subarray(envelopeFrom));
    if (elementFrom >= 0) element.add(chunk.subarray(elementFrom));
    if (keyFrom >= 0) key.add(chunk.subarray(keyFrom));
  }

  /** A key with escapes (`"it\u0065ms"` is `items` to JSON.parse, so here too). */
  function parsedKey(rawKey: string): string | undefined {
    if (!rawKey.includes('\\')) return rawKey.slice(1, -1);
    try {
      return JSON.parse(rawKey) as string;
    } catch {
      return undefined; // the envelope's JSON.parse reports it
    }
  }

  return {
    write(chunk) {
      if (mode === 'start') {
        let first = 0;
        while (first < chunk.length && isWhitespace(chunk[first]!)) first += 1;
        if (first === chunk.length) return void raw.add(chunk);
        mode = chunk[first] === OPEN_BRACE ? 'object' : 'raw';
        // Leading whitespace means nothing to JSON.parse: dropped before an object.
        if (mode === 'object') raw.take();
      }
      if (mode === 'raw') return void raw.add(chunk);
      if (batch !== null) writeBatch(chunk);
      else writeObject(chunk);
    },
    end() {
      if (mode !== 'object') {
        const text = raw.take();
        return text === '' ? undefined : parsed(text, 'malformed JSON');
      }
      // The last element and what follows the items are read exactly.
      if (batch !== null) leaveBatch();
      if (items !== 'none' || depth !== 0 || inString) throw new JsonBodyError('the answer ends before its JSON does');
      // awaitingValueOf is 'items' only when the items key had a non-array value: kept in the envelope.
      return parsed(envelope.take(), 'malformed JSON outside items');
    },
    get itemCount() {
      return count;
    },
  };
}
