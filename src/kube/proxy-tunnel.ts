// A connection to the apiserver through a proxy, for an http(s).Agent's createConnection: an HTTP
// CONNECT tunnel through an http:// or https:// proxy (as Go's http.Transport opens one for
// kubectl), or a SOCKS5 connection through the `socks` package, imported only when a socks5://
// proxy is in play. Why not https-proxy-agent / socks-proxy-agent: importing either cost ~30 ms
// (debug, agent-base), they take the target's TLS settings from the request rather than the
// agent, and a proxy's refusal reaches the caller as if the apiserver had answered it (a proxy's
// 403 would read as an RBAC denial). Why not Node's own proxyEnv agents (24.5+): they verify an
// https:// proxy against Node's bundled CAs only, where kubectl uses the cluster's CA.
import type { Duplex } from 'node:stream';
import type { Socket } from 'node:net';
import type { ConnectionOptions } from 'node:tls';
import { nodeNet, nodeTls } from './node-builtins.ts';
import { proxyLabel } from './proxy-environment.ts';
import type { KubeProxy } from './connection.ts';

const CONNECT_TIMEOUT_MS = 30_000;
const MAX_RESPONSE_HEAD_BYTES = 16 * 1024;

/** Any failure before the tunnel carries bytes to the apiserver. transport-error.ts reads `code`. */
export class ProxyTunnelError extends Error {
  readonly code = 'TOKENTUI_PROXY';
  constructor(
    readonly proxy: string,
    readonly origin: string,
    readonly problem: string,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(`proxy ${proxy} (${origin}): ${problem}`, options);
    this.name = 'ProxyTunnelError';
  }
}

export interface TunnelTarget {
  readonly host: string;
  readonly port: number;
}

/** TLS settings for an https:// proxy: Go verifies it with the transport's own TLS config. */
export type ProxyTlsOptions = Pick<ConnectionOptions, 'ca' | 'rejectUnauthorized'>;

function hostForConnect(host: string): string {
  return nodeNet().isIPv6(host) ? `[${host}]` : host;
}

function basicProxyAuthorization(url: URL): string | undefined {
  if (url.username === '' && url.password === '') return undefined;
  const pair = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
  return `Basic ${Buffer.from(pair, 'utf8').toString('base64')}`;
}

/** Reads the proxy's answer to CONNECT; resolves with its status once the head is complete. */
function readConnectAnswer(socket: Duplex): Promise<{ status: number; reason: string }> {
  return new Promise((resolve, reject) => {
    let head = Buffer.alloc(0);
    const cleanup = () => {
      socket.off('data', onData);
      socket.off('error', onError);
      socket.off('end', onEnd);
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const onEnd = () => {
      cleanup();
      reject(new Error('the proxy closed the connection before answering CONNECT'));
    };
    const onData = (chunk: Buffer) => {
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end === -1) {
        if (head.length > MAX_RESPONSE_HEAD_BYTES) onError(new Error('the proxy answered CONNECT with an oversized head'));
        return;
      }
      cleanup();
      // Bytes after the head already belong to the tunnel.
      const rest = head.subarray(end + 4);
      if (rest.length > 0) socket.unshift(rest);
      const statusLine = head.subarray(0, head.indexOf('\r\n')).toString('latin1');
      const match = /^HTTP\/1\.[01] (\d{3})(?: (.*))?$/.exec(statusLine);
      if (match === null) return reject(new Error(`the proxy answered CONNECT with "${statusLine.slice(0, 80)}"`));
      resolve({ status: Number(match[1]), reason: match[2] ?? '' });
    };
    socket.on('data', onData);
    socket.once('error', onError);
    socket.once('end', onEnd);
  });
}

async function httpTunnel(proxyUrl: URL, target: TunnelTarget, proxyTls: ProxyTlsOptions, track: (socket: Socket) => void): Promise<Socket> {
  const secureProxy = proxyUrl.protocol === 'https:';
  const host = proxyUrl.hostname.replace(/^\[|\]$/g, '');
  const port = Number(proxyUrl.port || (secureProxy ? 443 : 80));
  const socket: Socket = secureProxy
    ? nodeTls().connect({ host, port, ...proxyTls, ...(nodeNet().isIP(host) === 0 ? { servername: host } : {}), ALPNProtocols: ['http/1.1'] })
    : nodeNet().connect({ host, port });
  track(socket);
  const authority = `${hostForConnect(target.host)}:${target.port}`;
  const lines = [`CONNECT ${authority} HTTP/1.1`, `Host: ${authority}`];
  const authorization = basicProxyAuthorization(proxyUrl);
  if (authorization !== undefined) lines.push(`Proxy-Authorization: ${authorization}`);
  socket.write(`${lines.join('\r\n')}\r\n\r\n`);
  const answer = await readConnectAnswer(socket);
  if (answer.status !== 200) {
    socket.destroy();
    const why = answer.status === 407 ? 'it needs credentials (407 Proxy Authentication Required): put user:password in the proxy URL' : `it answered ${answer.status} ${answer.reason}`.trim();
    throw Object.assign(new Error(`the proxy refused to tunnel to ${authority}: ${why}`), { status: answer.status });
  }
  return socket;
}

async function socksTunnel(proxyUrl: URL, target: TunnelTarget, track: (socket: Socket) => void): Promise<Socket> {
  const { SocksClient } = await import('socks');
  const { socket } = await SocksClient.createConnection({
    command: 'connect',
    timeout: CONNECT_TIMEOUT_MS,
    // The name, not an address: the proxy resolves it, as Go's SOCKS5 dialer lets it.
    destination: { host: target.host, port: target.port },
    proxy: {
      host: proxyUrl.hostname.replace(/^\[|\]$/g, ''),
      port: Number(proxyUrl.port || 1080),
      type: 5,
      ...(proxyUrl.username === '' ? {} : { userId: decodeURIComponent(proxyUrl.username), password: decodeURIComponent(proxyUrl.password) }),
    },
  });
  track(socket);
  return socket;
}

/**
 * A socket whose bytes reach `target` through the proxy. `track` sees every socket opened, so
 * that closing the client can destroy a tunnel still being set up.
 */
export async function openTunnel(proxy: KubeProxy, target: TunnelTarget, proxyTls: ProxyTlsOptions, track: (socket: Socket) => void): Promise<Socket> {
  const label = proxyLabel(proxy.url);
  const url = new URL(proxy.url);
  let timer: NodeJS.Timeout | undefined;
  let timedOut = false;
  const opened: Socket[] = [];
  const tracking = (socket: Socket) => {
    opened.push(socket);
    track(socket);
  };
  try {
    const work = url.protocol === 'socks5:' ? socksTunnel(url, target, tracking) : httpTunnel(url, target, proxyTls, tracking);
    // Settled after a timeout: its socket is destroyed below; its error is already reported.
    work.then((socket) => timedOut && socket.destroy(), () => undefined);
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        timedOut = true;
        reject(new Error(`no tunnel within ${CONNECT_TIMEOUT_MS / 1000} s`));
      }, CONNECT_TIMEOUT_MS);
    });
    return await Promise.race([work, timeout]);
  } catch (error) {
    for (const socket of opened) socket.destroy();
    throw new ProxyTunnelError(label, proxy.origin, tunnelProblem(error), (error as { status?: number }).status, { cause: error });
  } finally {
    clearTimeout(timer);
  }
}

const SOCKET_PROBLEMS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused: is the proxy running, and is its address right?',
  ENOTFOUND: 'its host is not found in DNS',
  EAI_AGAIN: 'its host is not found in DNS',
  ECONNRESET: 'it closed the connection',
  ETIMEDOUT: 'connecting to it timed out',
};

function tunnelProblem(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  if (typeof code !== 'string' || code === '') return message;
  return `${SOCKET_PROBLEMS[code] ?? message} (${code})`;
}
