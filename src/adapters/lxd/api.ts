// The daemon's endpoints this adapter uses, typed, with LXD's error answers mapped once.
import { isTokenTuiError, TokenTuiError } from '../../core/errors.ts';
import { lxdAnswerError, lxdTransportError } from './errors.ts';
import { liveTokenOperations } from './mapping.ts';
import { LXD_SOURCE } from './scope.ts';
import type { LxdRequest, LxdRequestFunction } from './transport.ts';
import type {
  LxdCertificate,
  LxdClusterMember,
  LxdJoinTokenRequest,
  LxdOperation,
  LxdOperationsByStatus,
  LxdServerInfo,
  LxdTrustTokenRequest,
} from './wire.ts';

export interface LxdApi {
  readonly server: string;
  serverInfo(signal?: AbortSignal): Promise<LxdServerInfo>;
  /** Live token operations (Pending/Running, class token), oldest first. */
  listTokenOperations(signal?: AbortSignal): Promise<LxdOperation[]>;
  /** Throws 'not-found' when the daemon knows no such operation. */
  getOperation(id: string, signal?: AbortSignal): Promise<LxdOperation>;
  cancelOperation(id: string): Promise<void>;
  createJoinToken(request: LxdJoinTokenRequest): Promise<LxdOperation>;
  createTrustToken(request: LxdTrustTokenRequest): Promise<LxdOperation>;
  clusterMembers(signal?: AbortSignal): Promise<LxdClusterMember[]>;
  certificates(signal?: AbortSignal): Promise<LxdCertificate[]>;
  projectNames(signal?: AbortSignal): Promise<string[]>;
  patchServerConfig(config: Readonly<Record<string, string>>): Promise<void>;
}

/** Operation ids are UUIDs; anything else is not asked for (and, if it is a pasted secret, not echoed). */
export const OPERATION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function operationPath(id: string): string {
  return `/1.0/operations/${encodeURIComponent(id)}`;
}

export function createLxdApi(server: string, send: LxdRequestFunction): LxdApi {
  async function call<T>(request: LxdRequest, doing: string, field?: string): Promise<T> {
    let answer;
    try {
      answer = await send(request);
    } catch (error) {
      if (isTokenTuiError(error) || request.signal?.aborted === true) throw error;
      throw lxdTransportError(error, server);
    }
    const { status, envelope } = answer;
    if (status >= 400 || envelope.type === 'error') {
      throw lxdAnswerError(envelope.error_code || status, envelope.error ?? '', { server, doing, ...(field === undefined ? {} : { field }) });
    }
    return envelope.metadata as T;
  }

  async function createToken(path: string, body: unknown, doing: string, field: string): Promise<LxdOperation> {
    const operation = await call<LxdOperation | null>({ method: 'POST', path, body }, doing, field);
    if (operation === null || typeof operation.id !== 'string') {
      throw new TokenTuiError('server', `${doing} on ${server}: the answer holds no token operation`, { source: LXD_SOURCE });
    }
    return operation;
  }

  return {
    server,
    serverInfo: (signal) => call<LxdServerInfo>({ method: 'GET', path: '/1.0', signal }, 'reading the server'),
    listTokenOperations: async (signal) =>
      liveTokenOperations(await call<LxdOperationsByStatus | null>({ method: 'GET', path: '/1.0/operations?recursion=1', signal }, 'listing tokens')),
    getOperation: (id, signal) => call<LxdOperation>({ method: 'GET', path: operationPath(id), signal }, `reading operation ${id}`),
    cancelOperation: async (id) => {
      await call<unknown>({ method: 'DELETE', path: operationPath(id) }, `revoking token ${id}`);
    },
    createJoinToken: (body) => createToken('/1.0/cluster/members', body, 'creating a join token', 'description'),
    createTrustToken: (body) => createToken('/1.0/certificates', body, 'creating a trust token', 'description'),
    clusterMembers: async (signal) =>
      (await call<LxdClusterMember[] | null>({ method: 'GET', path: '/1.0/cluster/members?recursion=1', signal }, 'listing cluster members')) ?? [],
    certificates: async (signal) =>
      (await call<LxdCertificate[] | null>({ method: 'GET', path: '/1.0/certificates?recursion=1', signal }, 'listing trusted clients')) ?? [],
    projectNames: async (signal) => {
      const urls = (await call<string[] | null>({ method: 'GET', path: '/1.0/projects', signal }, 'listing projects')) ?? [];
      return urls.map((url) => decodeURIComponent(url.slice(url.lastIndexOf('/') + 1)));
    },
    patchServerConfig: async (config) => {
      await call<unknown>({ method: 'PATCH', path: '/1.0', body: { config } }, 'changing the server configuration', 'config');
    },
  };
}
