// How the lxd adapter reaches a daemon, the way `lxc` does: the local unix socket, or HTTPS
// with a client certificate the server trusts. Settings hold file paths, never key material, so
// a saved context can keep them as they are (the adapter reads the files when it starts).
import { TokenTuiError } from '../../core/errors.ts';
import { LXD_SOURCE } from './scope.ts';

export type LxdEndpoint =
  | {
      readonly kind: 'unix';
      /** e.g. /var/lib/lxd/unix.socket */
      readonly socketPath: string;
    }
  | {
      readonly kind: 'https';
      /** https://HOST:PORT, no path. */
      readonly url: string;
      /** PEM files of the client certificate the server trusts (lxc: <config dir>/client.crt|key). */
      readonly clientCertFile: string;
      readonly clientKeyFile: string;
      /**
       * The server's own certificate (lxc: <config dir>/servercerts/<remote>.crt). Pinned as lxc
       * pins it: the server must present exactly this certificate, whatever name it carries.
       */
      readonly serverCertFile?: string;
      /** A CA bundle, for servers whose certificate a CA signed (lxc's PKI mode: client.ca). */
      readonly caFile?: string;
    };

export interface LxdSettings {
  readonly adapter: 'lxd';
  /** Context name shown in the header (e.g. `lxc:mycluster`). */
  readonly context: string;
  readonly endpoint: LxdEndpoint;
}

/** The server as the header and messages show it. */
export function endpointLabel(endpoint: LxdEndpoint): string {
  return endpoint.kind === 'unix' ? `unix://${endpoint.socketPath}` : endpoint.url;
}

/** `--server` text: `unix://` (the default socket), `unix:///path/to/unix.socket` or `https://HOST[:PORT]`. */
export type LxdServerAddress = { readonly kind: 'unix'; readonly socketPath: string | null } | { readonly kind: 'https'; readonly url: string };

export const LXD_DEFAULT_PORT = 8443;

function serverError(text: string, problem: string): TokenTuiError {
  return new TokenTuiError('validation', `--server "${text}": ${problem}`, {
    source: LXD_SOURCE,
    field: 'server',
    hint: 'use unix:// (the local daemon), unix:///path/to/unix.socket, or https://HOST[:PORT] (port 8443 by default)',
  });
}

export function parseLxdServerAddress(text: string): LxdServerAddress {
  const trimmed = text.trim();
  if (trimmed === 'unix://' || trimmed === 'unix:') return { kind: 'unix', socketPath: null };
  if (trimmed.startsWith('unix://')) {
    const path = trimmed.slice('unix://'.length);
    if (!path.startsWith('/')) throw serverError(text, 'a unix socket needs an absolute path (three slashes: unix:///path)');
    return { kind: 'unix', socketPath: path };
  }
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw serverError(text, 'not a URL');
  }
  if (url.protocol !== 'https:') throw serverError(text, `LXD speaks HTTPS or a unix socket, not ${url.protocol.replace(/:$/, '')}`);
  if (url.pathname !== '/' || url.search !== '' || url.username !== '') throw serverError(text, 'give only the scheme, host and port');
  // URL drops the scheme's default port: `:443` written out must survive, a missing port is 8443.
  const port = url.port !== '' ? url.port : /^https:\/\/[^/]*:443(\/|$)/.test(trimmed) ? '443' : String(LXD_DEFAULT_PORT);
  return { kind: 'https', url: `https://${url.hostname}:${port}` };
}
