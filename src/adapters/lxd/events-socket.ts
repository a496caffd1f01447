// LXD's event stream is a websocket (GET /1.0/events?type=operation). It is opened with the npm
// `ws` client: Node 24's built-in WebSocket cannot reach a unix socket or present a client
// certificate (both need an undici dispatcher, i.e. npm undici, and a dispatcher from another
// undici copy than Node's own is not supported), while `ws` takes `ws+unix://` URLs and TLS
// options directly. It is imported on the first watch only, so `list` never loads it.
import type { ClientRequest, IncomingMessage } from 'node:http';
import type { ClientOptions } from 'ws';
import { TokenTuiError } from '../../core/errors.ts';
import { lxdAnswerError, lxdTransportError } from './errors.ts';
import { LXD_SOURCE } from './scope.ts';
import type { LxdSocketTarget } from './transport.ts';

/** A dead connection is noticed within two of these (LXD answers pings). */
const PING_INTERVAL_MS = 15_000;
const CONNECT_TIMEOUT_MS = 15_000;

export interface EventSocketHandlers {
  readonly onOpen: () => void;
  readonly onMessage: (text: string) => void;
  /**
   * The socket ended (never called after an abort). `permanent`: the server refused the
   * websocket itself (an HTTP answer instead of the upgrade), so retrying will not help.
   */
  readonly onClose: (error: TokenTuiError, permanent: boolean) => void;
}

export type OpenEventSocket = (path: string, handlers: EventSocketHandlers, signal: AbortSignal) => void;

export function createWsEventSocketOpener(target: LxdSocketTarget, server: string): OpenEventSocket {
  return (path, handlers, signal) => {
    let finished = false;
    const finish = (error: TokenTuiError, permanent: boolean) => {
      if (finished) return;
      finished = true;
      if (!signal.aborted) handlers.onClose(error, permanent);
    };
    import('ws').then(
      ({ default: WebSocket }) => {
        if (signal.aborted) return;
        // ws hands TLS options to tls.connect, whose checkServerIdentity returns an Error (our
        // pin check); @types/ws declares ws's own boolean variant, hence the cast.
        const options = { ...(target.tls ?? {}), handshakeTimeout: CONNECT_TIMEOUT_MS } as unknown as ClientOptions;
        const socket = new WebSocket(target.urlFor(path), options);
        let answered = true;
        const ping = setInterval(() => {
          if (!answered) {
            socket.terminate();
            finish(new TokenTuiError('timeout', `no answer on the event stream of ${server} for ${(2 * PING_INTERVAL_MS) / 1000}s`, { source: LXD_SOURCE }), false);
            return;
          }
          answered = false;
          socket.ping();
        }, PING_INTERVAL_MS);
        const stop = () => {
          clearInterval(ping);
          socket.terminate();
        };
        signal.addEventListener('abort', stop, { once: true });
        socket.on('pong', () => (answered = true));
        socket.on('open', () => handlers.onOpen());
        socket.on('message', (data: Buffer) => handlers.onMessage(data.toString('utf8')));
        socket.on('unexpected-response', (_request: ClientRequest, response: IncomingMessage) => {
          const status = response.statusCode ?? 0;
          response.resume();
          stop();
          finish(lxdAnswerError(status, `the event stream was refused (HTTP ${status})`, { server, doing: 'opening the event stream' }), true);
        });
        socket.on('error', (error: Error) => {
          stop();
          finish(lxdTransportError(error, server), false);
        });
        socket.on('close', () => {
          clearInterval(ping);
          signal.removeEventListener('abort', stop);
          finish(new TokenTuiError('transport', `${server} closed the event stream`, { source: LXD_SOURCE }), false);
        });
      },
      (error: unknown) => {
        finish(new TokenTuiError('unsupported', `the websocket client could not be loaded: ${String(error)}`, { source: LXD_SOURCE }), true);
      },
    );
  };
}
