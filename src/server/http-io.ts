// Reading and writing JSON over node:http, with the body size bounded before it is buffered.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { WireError } from '../rest-contract/wire.ts';
import { ApiError } from './api-error.ts';

export function readJsonBody(request: IncomingMessage, maxBytes: number): Promise<unknown> {
  const contentType = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (contentType !== 'application/json') {
    return Promise.reject(new ApiError(415, 'unsupported_media_type', 'send the request body as application/json'));
  }
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    return Promise.reject(tooLarge(maxBytes));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) {
        chunks.push(chunk);
        return;
      }
      // Stop reading: the answer says connection: close and connection-guard.ts cuts the rest.
      request.off('data', onData);
      request.pause();
      reject(tooLarge(maxBytes));
    };
    request.on('data', onData);
    request.on('error', reject);
    request.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      try {
        resolve(text === '' ? undefined : JSON.parse(text));
      } catch {
        reject(new ApiError(400, 'bad_request', 'request body is not valid JSON'));
      }
    });
  });
}

function tooLarge(maxBytes: number): ApiError {
  return new ApiError(413, 'payload_too_large', `request body is larger than ${maxBytes} bytes`, { maxBytes });
}

/** A request whose body was not read to the end: the answer closes the connection. */
function closingHeaders(response: ServerResponse): Record<string, string> {
  return response.req.complete ? {} : { connection: 'close' };
}

export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): void {
  const payload = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(payload),
    'cache-control': 'no-store',
    ...headers,
    ...closingHeaders(response),
  });
  response.end(payload);
}

/** Starts a 200 JSON answer whose length is not known yet (chunked); the caller writes and ends it. */
export function startJsonStream(response: ServerResponse): void {
  response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...closingHeaders(response) });
}

export function sendEmpty(response: ServerResponse, status: number): void {
  response.writeHead(status, { 'cache-control': 'no-store', ...closingHeaders(response) });
  response.end();
}

export function sendError(response: ServerResponse, error: ApiError): void {
  const body: WireError = { error: error.code, message: error.message, details: error.details };
  sendJson(response, error.status, body, error.headers);
}
