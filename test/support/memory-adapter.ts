// An in-memory TokenAdapter for UI tests only: list/get/watch over an array, capabilities as
// data (watch() exists exactly when capabilities.watch is true), and a request log so a
// test can prove what the UI asked for. Backend faults are switched on by hand.
import type { AdapterCapabilities, AdapterId, ConnectionState, TokenAdapter, WatchListener } from '../../src/adapters/contract.ts';
import { TokenTuiError } from '../../src/core/errors.ts';
import type { Token } from '../../src/core/token.ts';

export interface MemoryAdapterOptions {
  readonly tokens?: readonly Token[];
  readonly id?: AdapterId;
  readonly watch?: boolean;
  readonly context?: string;
  readonly server?: string;
  readonly capabilities?: Partial<AdapterCapabilities>;
}

export interface MemoryBackend {
  readonly adapter: TokenAdapter;
  /** 'list', 'get <id>', 'watch' in call order. */
  readonly requests: string[];
  readonly tokens: readonly Token[];
  /** Replaces every token; watchers receive a snapshot. */
  setTokens(tokens: readonly Token[]): void;
  upsert(token: Token): void;
  remove(id: string): void;
  /** Sends a connection-state event to watchers. */
  emitState(state: ConnectionState, message?: string): void;
  /** While set, list() and get() reject with a transport error. */
  setFailure(message: string | null): void;
  readonly watcherCount: number;
}

export function memoryCapabilities(overrides: Partial<AdapterCapabilities> = {}): AdapterCapabilities {
  return {
    create: false,
    revoke: false,
    rotate: 'none',
    impactPreview: false,
    watch: false,
    makeDefault: false,
    joinCommand: false,
    usages: ['authentication', 'signing'],
    defaultUsages: ['authentication', 'signing'],
    groups: true,
    defaultGroups: [],
    maxUses: false,
    ttl: { defaultSeconds: 86_400, minSeconds: 1, maxSeconds: null, allowNever: true },
    ...overrides,
  };
}

export function createMemoryBackend(options: MemoryAdapterOptions = {}): MemoryBackend {
  let tokens: readonly Token[] = options.tokens ?? [];
  let failure: string | null = null;
  const requests: string[] = [];
  const listeners = new Set<WatchListener>();
  const id = options.id ?? 'kubeadm';
  const capabilities = memoryCapabilities({ ...options.capabilities, watch: options.watch ?? false });
  const emit = (event: Parameters<WatchListener>[0]): void => listeners.forEach((listener) => listener(event));
  const fail = (): TokenTuiError => new TokenTuiError('transport', failure ?? 'unreachable', { source: id });

  const adapter: TokenAdapter = {
    id,
    capabilities,
    target: { context: options.context ?? 'test-context', server: options.server ?? 'https://10.0.0.1:6443' },
    async list() {
      requests.push('list');
      if (failure !== null) throw fail();
      return tokens;
    },
    async get(tokenId) {
      requests.push(`get ${tokenId}`);
      if (failure !== null) throw fail();
      const found = tokens.find((token) => token.id === tokenId);
      if (found === undefined) throw new TokenTuiError('not-found', `token ${tokenId} not found`, { source: id });
      return found;
    },
    ...(capabilities.watch
      ? {
          watch(listener: WatchListener, signal: AbortSignal) {
            requests.push('watch');
            listeners.add(listener);
            signal.addEventListener('abort', () => listeners.delete(listener), { once: true });
            // Like a real watch: the initial list arrives asynchronously, then 'live'.
            queueMicrotask(() => {
              if (signal.aborted) return;
              listener({ type: 'snapshot', tokens });
              listener({ type: 'state', state: 'live' });
            });
          },
        }
      : {}),
  };

  return {
    adapter,
    requests,
    get tokens() {
      return tokens;
    },
    setTokens(next) {
      tokens = next;
      emit({ type: 'snapshot', tokens });
    },
    upsert(token) {
      tokens = [...tokens.filter((existing) => existing.id !== token.id), token];
      emit({ type: 'upsert', token });
    },
    remove(tokenId) {
      tokens = tokens.filter((existing) => existing.id !== tokenId);
      emit({ type: 'delete', id: tokenId });
    },
    emitState(state, message) {
      emit({ type: 'state', state, ...(message === undefined ? {} : { error: new TokenTuiError('transport', message, { source: id }) }) });
    },
    setFailure(message) {
      failure = message;
    },
    get watcherCount() {
      return listeners.size;
    },
  };
}
