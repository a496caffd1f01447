// What a server may make the client hold and follow: a cap on each answer's size, refused from
// its Content-Length before a byte of the body is read and counted chunk by chunk while it
// streams (so a body without a length, or one that lies, is cut off at the cap rather than
// buffered whole), and redirects followed only within the origin that was asked. Shared by the
// Kubernetes transport and the REST adapter. Checked per chunk, so a streaming parser can sit
// behind it unchanged.
import { TokenTuiError } from '../core/errors.ts';

/**
 * Default cap on one answer: room for 100,000 tokens as the REST contract lists them (the
 * reference server's are 250-300 bytes each, about 27 MB) and for a page of Kubernetes Secrets
 * (kube lists are read in pages of 15,000, about 18 MB). What was read is held until the cut,
 * and Node holds socket data at about twice its size: a 100 MiB answer is refused with the
 * process's peak RSS at 128-153 MB here (test/real/hostile-server-cli.test.ts asserts < 200).
 * TOKENTUI_MAX_RESPONSE_SIZE changes it (src/cli/transport-limits.ts).
 */
export const DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024;
/** Same-origin redirects followed for one GET before giving up. */
export const MAX_REDIRECTS = 5;

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MiB`;
  if (bytes >= 1024) return `${Math.round((bytes / 1024) * 10) / 10} KiB`;
  return `${bytes} bytes`;
}

/** Where an answer came from, for the messages below. */
export interface AnswerOrigin {
  /** The adapter id errors carry. */
  readonly source: string;
  readonly method: string;
  readonly url: string;
}

function requestLine(origin: AnswerOrigin): string {
  const url = new URL(origin.url);
  return `${origin.method} ${url.pathname}`;
}

export function responseTooLarge(origin: AnswerOrigin, limit: number, declared?: number): TokenTuiError {
  const size = declared === undefined ? `more than ${formatBytes(limit)}` : `${formatBytes(declared)} (Content-Length)`;
  return new TokenTuiError('server', `${new URL(origin.url).origin} answered ${requestLine(origin)} with ${size}, over the ${formatBytes(limit)} limit; refused`, {
    source: origin.source,
    hint: 'if the backend really holds that much, raise TOKENTUI_MAX_RESPONSE_SIZE (e.g. 256MiB)',
  });
}

/** The Content-Length a response declares, when it is over `limit` (undefined otherwise). */
export function declaredOverLimit(header: string | null | undefined, limit: number): number | undefined {
  if (header === null || header === undefined || !/^\d+$/.test(header.trim())) return undefined;
  const declared = Number(header.trim());
  return declared > limit ? declared : undefined;
}

const REDIRECT_STATUSES = new Set([300, 301, 302, 303, 307, 308]);

export function isRedirect(status: number): boolean {
  return REDIRECT_STATUSES.has(status);
}

/**
 * Where a redirect may be followed to: a URL of the same origin (scheme, host and port), for a
 * GET, within MAX_REDIRECTS. Anything else is refused, because the request carries credentials
 * (a bearer token, an API key) that must never reach another server.
 */
export function sameOriginRedirect(origin: AnswerOrigin, location: string | null | undefined, hops: number): URL {
  const from = new URL(origin.url);
  let target: URL | undefined;
  try {
    target = location === null || location === undefined || location === '' ? undefined : new URL(location, from);
  } catch {
    target = undefined;
  }
  const where = `${from.origin} redirected ${requestLine(origin)}`;
  const options = { source: origin.source, hint: 'point tokentui at the final URL of the server instead' };
  if (target === undefined) throw new TokenTuiError('server', `${where} without a usable Location`, options);
  if (target.origin !== from.origin) {
    throw new TokenTuiError('server', `${where} to another origin (${target.origin}); tokentui follows redirects only within ${from.origin}, so that its credentials go nowhere else`, options);
  }
  if (origin.method !== 'GET' && origin.method !== 'HEAD') throw new TokenTuiError('server', `${where}; a ${origin.method} is never sent twice`, options);
  if (hops >= MAX_REDIRECTS) throw new TokenTuiError('server', `${where} more than ${MAX_REDIRECTS} times`, options);
  return target;
}

/**
 * `body` passed through while it stays within `limit` bytes; past it the stream fails with
 * responseTooLarge (and the source is cancelled, which closes the connection). With
 * `deadlineMs`, a body not finished by then fails with a timeout.
 */
export function limitedBody(body: ReadableStream<Uint8Array>, limit: number, origin: AnswerOrigin, deadlineMs?: number): ReadableStream<Uint8Array> {
  let seen = 0;
  let timer: NodeJS.Timeout | undefined;
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      start(controller) {
        if (deadlineMs === undefined) return;
        timer = setTimeout(() => {
          controller.error(new TokenTuiError('timeout', `${new URL(origin.url).origin} did not finish its answer to ${requestLine(origin)} within ${deadlineMs / 1000} s`, { source: origin.source }));
        }, deadlineMs);
        timer.unref();
      },
      transform(chunk, controller) {
        seen += chunk.byteLength;
        if (seen > limit) {
          clearTimeout(timer);
          controller.error(responseTooLarge(origin, limit));
          return;
        }
        controller.enqueue(chunk);
      },
      flush() {
        clearTimeout(timer);
      },
    }),
  );
}
