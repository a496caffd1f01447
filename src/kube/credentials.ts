// The credential to send with each request, per KubeAuth. Token files and exec plugins are
// re-evaluated the way kubectl does: a token file when it changes, a plugin when its
// credential expires or the apiserver answers 401. An OIDC id-token is sent while it is valid.
import { TokenTuiError } from '../core/errors.ts';
import type { KubeConnection } from './connection.ts';
import type { ExecCredential } from './exec-credential.ts';
import { runExecPlugin, type ExecPluginContext } from './exec-plugin.ts';
import { nodeFsPromises } from './node-builtins.ts';
import { oidcAuthorization } from './oidc-token.ts';

export interface RequestCredential {
  /** The Authorization header value, if any. */
  readonly authorization?: string;
  /** A client certificate supplied by an exec plugin (overrides the kubeconfig's). */
  readonly clientCertPem?: string;
  readonly clientKeyPem?: string;
}

export interface CredentialSource {
  current(): Promise<RequestCredential>;
  /** Forget a cached credential after a 401; true when a fresh one may differ. */
  invalidate(): boolean;
  /** Stops a plugin still running (the client is closing). */
  close(): void;
}

export interface CredentialOptions {
  readonly source: string;
  readonly now?: () => number;
  /** Exec plugins: where their stderr goes, and whether stdin counts as a terminal (tests). */
  readonly plugin?: Pick<ExecPluginContext, 'stderr' | 'stdinIsTerminal' | 'timeoutMs'>;
}

function basicAuthorization(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
}

function tokenFileSource(path: string, connection: KubeConnection, source: string): CredentialSource {
  let cached: { key: string; authorization: string } | undefined;
  return {
    async current() {
      try {
        const { readFile, stat } = nodeFsPromises();
        const info = await stat(path);
        const key = `${info.mtimeMs}:${info.size}`;
        if (cached?.key !== key) {
          const token = (await readFile(path, 'utf8')).trim();
          if (token === '') throw new Error('the file is empty');
          cached = { key, authorization: `Bearer ${token}` };
        }
        return { authorization: cached.authorization };
      } catch (error) {
        const why = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
        throw new TokenTuiError('unauthorized', `cannot read the token file ${path} (${why})`, {
          source,
          hint: `check tokenFile of user "${connection.userName}" in ${connection.sourceFile}`,
          cause: error,
        });
      }
    },
    invalidate() {
      // The file is re-read whenever it changes; re-sending the same token cannot help.
      cached = undefined;
      return false;
    },
    close() {},
  };
}

function execSource(connection: KubeConnection, options: CredentialOptions): CredentialSource {
  const { auth } = connection;
  if (auth.type !== 'exec') throw new Error('execSource needs exec auth');
  const now = options.now ?? Date.now;
  const stop = new AbortController();
  let cached: ExecCredential | undefined;
  let pending: Promise<ExecCredential> | undefined;
  const fresh = (credential: ExecCredential | undefined): credential is ExecCredential =>
    credential !== undefined && (credential.expiresAtMs === undefined || credential.expiresAtMs > now());
  return {
    async current() {
      if (!fresh(cached)) {
        // Concurrent requests share one plugin run instead of starting one each.
        pending ??= runExecPlugin(auth.exec, { ...options.plugin, source: options.source, contextName: connection.contextName, signal: stop.signal }).finally(() => {
          pending = undefined;
        });
        cached = await pending;
      }
      return {
        authorization: cached.token === undefined ? undefined : `Bearer ${cached.token}`,
        clientCertPem: cached.clientCertificatePem,
        clientKeyPem: cached.clientKeyPem,
      };
    },
    invalidate() {
      const hadOne = cached !== undefined;
      cached = undefined;
      return hadOne;
    },
    close() {
      stop.abort();
    },
  };
}

function fixedSource(credential: RequestCredential): CredentialSource {
  return { current: async () => credential, invalidate: () => false, close() {} };
}

export function createCredentialSource(connection: KubeConnection, options: CredentialOptions): CredentialSource {
  const { auth } = connection;
  switch (auth.type) {
    case 'none':
      return fixedSource({});
    case 'token':
      return fixedSource({ authorization: `Bearer ${auth.token}` });
    case 'basic':
      return fixedSource({ authorization: basicAuthorization(auth.username, auth.password) });
    case 'token-file':
      return tokenFileSource(auth.path, connection, options.source);
    case 'exec':
      return execSource(connection, options);
    case 'oidc':
      return {
        current: async () => ({ authorization: oidcAuthorization(auth, connection, options.source, (options.now ?? Date.now)()) }),
        invalidate: () => false,
        close() {},
      };
  }
}
