// The lxd adapter: LXD (and Incus) cluster join tokens and trust tokens through the daemon's
// REST API, over the local unix socket or HTTPS with a client certificate, as `lxc` connects.
// Tokens are running operations of class `token` (GET /1.0/operations); revoking one cancels
// its operation. See docs/adding-an-adapter.md for the walk-through of this adapter.
import type { AdapterDeps, RevokeReport, TokenAdapter } from '../contract.ts';
import { TokenTuiError } from '../../core/errors.ts';
import type { TokenRevision } from '../../core/token.ts';
import type { BackoffSleep } from '../watch-connection.ts';
import { createLxdApi, OPERATION_ID, type LxdApi } from './api.ts';
import { createLxdToken } from './create.ts';
import { createWsEventSocketOpener, type OpenEventSocket } from './events-socket.ts';
import { formatLxdExpiry } from './expiry.ts';
import { computeLxdImpact } from './impact.ts';
import { buildLxdJoinCommand } from './join-command.ts';
import { isLiveTokenOperation, toLxdToken } from './mapping.ts';
import { LXD_SOURCE } from './scope.ts';
import { JOIN_TOKEN_EXPIRY_KEY, lxdCapabilities, serverFacts, type LxdServerFacts } from './server-facts.ts';
import type { LxdSettings } from './settings.ts';
import { openLxdConnection, type LxdRequest, type LxdRequestFunction, type ReadTextFile } from './transport.ts';
import { watchLxdTokens } from './watch.ts';
import type { LxdOperation } from './wire.ts';

export type { LxdSettings, LxdEndpoint } from './settings.ts';

export type LxdDeps = AdapterDeps & {
  /** Replaces the transport (in-process fakes, faults); then no connection is opened. */
  readonly request?: LxdRequestFunction;
  /** Sees every request before it is sent (tests keep a request log). */
  readonly observeRequest?: (request: LxdRequest) => void;
  /** Replaces the event websocket. */
  readonly openEvents?: OpenEventSocket;
  readonly readFile?: ReadTextFile;
  readonly backoffSleep?: BackoffSleep;
  readonly random?: () => number;
  readonly pollIntervalMs?: number;
};

/** The contract, plus what only LXD has. */
export interface LxdTokenAdapter extends TokenAdapter {
  /** The server as last read: daemon (lxd/incus), version, expiry settings, voters. */
  readonly serverFacts: () => LxdServerFacts;
  /**
   * Changes `cluster.join_token_expiry` on the server (every join token created afterwards; not
   * existing ones). A server-wide change: callers confirm it separately from creating a token
   * (operations/server-ttl.ts).
   */
  setServerTtl(seconds: number): Promise<void>;
}

function notFound(id: string): TokenTuiError {
  return new TokenTuiError('not-found', `no LXD token ${id}`, { source: LXD_SOURCE, hint: 'list the tokens: it may have been used, revoked or cancelled' });
}

async function liveTokenOperation(api: LxdApi, id: string, signal?: AbortSignal): Promise<LxdOperation> {
  // Never echo an id that is no operation id: it may be a pasted token.
  if (!OPERATION_ID.test(id)) {
    throw new TokenTuiError('not-found', 'no LXD token has that id (token ids are operation UUIDs, as `list` shows them)', { source: LXD_SOURCE });
  }
  const operation = await api.getOperation(id, signal).catch((error: unknown) => {
    throw error instanceof TokenTuiError && error.kind === 'not-found' ? notFound(id) : error;
  });
  if (!isLiveTokenOperation(operation)) throw notFound(id);
  return operation;
}

function checkRevision(operation: LxdOperation, expected: TokenRevision | undefined): void {
  if (expected === undefined) return;
  if (expected.uid !== operation.id || expected.version !== operation.created_at) {
    throw new TokenTuiError('conflict', `token ${operation.id} is not the one previewed (operation ${expected.uid} created ${expected.version}); nothing was revoked`, {
      source: LXD_SOURCE,
      hint: 'open the impact preview again',
    });
  }
}

async function verifyCancelled(api: LxdApi, id: string): Promise<RevokeReport> {
  try {
    const after = await api.getOperation(id);
    if (!isLiveTokenOperation(after)) return { warnings: [], verified: [`operation ${id} is ${after.status}: the token no longer works`] };
    return { warnings: [`operation ${id} is still ${after.status} after the cancel`], verified: [] };
  } catch (error) {
    if (error instanceof TokenTuiError && error.kind === 'not-found') return { warnings: [], verified: [`operation ${id} is gone: the token no longer works`] };
    return { warnings: [`could not confirm the cancel of ${id}: ${error instanceof Error ? error.message : String(error)}`], verified: [] };
  }
}

export async function createLxdAdapter(settings: LxdSettings, deps: LxdDeps): Promise<LxdTokenAdapter> {
  const connection = deps.request === undefined ? openLxdConnection(settings.endpoint, deps.readFile) : undefined;
  const server = connection?.server ?? (settings.endpoint.kind === 'unix' ? `unix://${settings.endpoint.socketPath}` : settings.endpoint.url);
  const send = deps.request ?? connection!.request;
  const observed: LxdRequestFunction = deps.observeRequest === undefined ? send : (request) => (deps.observeRequest!(request), send(request));
  const api = createLxdApi(server, observed);
  let facts: LxdServerFacts;
  try {
    facts = serverFacts(await api.serverInfo(), server);
  } catch (error) {
    connection?.close();
    throw error;
  }
  const readFacts = async () => (facts = serverFacts(await api.serverInfo(), server));
  let capabilities = lxdCapabilities(facts, deps.clock.now());
  const refreshCapabilities = async () => {
    capabilities = lxdCapabilities(await readFacts(), deps.clock.now());
  };
  const getOperation = (id: string, signal?: AbortSignal) => liveTokenOperation(api, id, signal);
  const openEvents = deps.openEvents ?? (connection ? createWsEventSocketOpener(connection.socket, server) : undefined);

  return {
    id: 'lxd',
    // Read through a getter: a changed join token expiry changes the TTL on offer.
    get capabilities() {
      return capabilities;
    },
    target: { context: settings.context, server },
    serverFacts: () => facts,
    list: async (signal) => (await api.listTokenOperations(signal)).map(toLxdToken),
    get: async (id, signal) => toLxdToken(await getOperation(id, signal)),
    create: async (request) => {
      const created = await createLxdToken({ api, readFacts, clock: deps.clock, advertisedTtlSeconds: capabilities.ttl.defaultSeconds }, request);
      capabilities = lxdCapabilities(facts, deps.clock.now());
      return created;
    },
    revoke: async (id, expected) => {
      checkRevision(await getOperation(id), expected);
      await api.cancelOperation(id).catch((error: unknown) => {
        throw error instanceof TokenTuiError && error.kind === 'not-found' ? notFound(id) : error;
      });
      return verifyCancelled(api, id);
    },
    impact: (id) => computeLxdImpact(id, { api, clock: deps.clock, readFacts, getTokenOperation: getOperation }),
    joinCommand: async (created) => buildLxdJoinCommand(created, facts.daemon, settings.context),
    watch: (listener, signal) => {
      const unavailable: OpenEventSocket = (_path, handlers) =>
        handlers.onClose(new TokenTuiError('unsupported', 'no event stream with an injected transport', { source: LXD_SOURCE }), true);
      watchLxdTokens({ server, list: (watchSignal) => api.listTokenOperations(watchSignal), openEvents: openEvents ?? unavailable }, listener, signal, {
        clock: deps.clock,
        sleep: deps.backoffSleep,
        random: deps.random,
        pollIntervalMs: deps.pollIntervalMs,
      });
    },
    setServerTtl: async (seconds) => {
      if (!Number.isInteger(seconds) || seconds <= 0) {
        throw new TokenTuiError('validation', `a join token expiry must be a whole number of seconds above 0, not ${seconds}`, { source: LXD_SOURCE, field: 'ttl' });
      }
      await api.patchServerConfig({ [JOIN_TOKEN_EXPIRY_KEY]: formatLxdExpiry(seconds) });
      await refreshCapabilities();
    },
    close: async () => connection?.close(),
  };
}
