// An in-memory TokenAdapter for UI tests only: list/get/watch/impact/revoke over an array, and
// create/joinCommand/makeDefault (memory-mutations.ts); capabilities as data (an optional method
// exists exactly when its capability is set), and a request log so a test can prove what the UI
// asked for (no revoke before confirmation, one create). Backend faults are switched on by hand.
import type { AdapterCapabilities, AdapterId, ConnectionState, RevokeReport, TokenAdapter, WatchListener } from '../../src/adapters/contract.ts';
import { maskedJoinCommand } from '../../src/adapters/kubeadm/join-command.ts';
import type { Clock } from '../../src/core/clock.ts';
import { TokenTuiError } from '../../src/core/errors.ts';
import { revisionToFingerprint } from '../../src/core/fingerprint.ts';
import type { ImpactItem, ImpactPreview } from '../../src/core/impact.ts';
import type { Token, TokenRevision } from '../../src/core/token.ts';
import { createMemoryMutations, type MemoryMutationControls, type MemoryMutationOptions } from './memory-mutations.ts';

/** What impact() reports for a token: known items/unknowns, or unknown with a reason. */
export type MemoryImpact = { readonly items?: readonly ImpactItem[]; readonly unknowns?: readonly string[] } | { readonly unknownReason: string };

export interface RevokeCall {
  readonly id: string;
  readonly expected: TokenRevision | undefined;
}

export interface MemoryAdapterOptions extends MemoryMutationOptions {
  readonly tokens?: readonly Token[];
  readonly id?: AdapterId;
  readonly watch?: boolean;
  readonly context?: string;
  readonly server?: string;
  readonly capabilities?: Partial<AdapterCapabilities>;
  /** impact() results by token id; tokens not listed have no impact. */
  readonly impacts?: Readonly<Record<string, MemoryImpact>>;
  /** Stamps previews' computedAt; default 0. */
  readonly clock?: Clock;
}

export interface MemoryBackend extends MemoryMutationControls {
  readonly adapter: TokenAdapter;
  /**
   * 'list', 'get <id>', 'watch', 'impact <id>', 'revoke <id> <uid:version>', 'create <description>',
   * 'joinCommand <id>', 'makeDefault <id>' in call order.
   */
  readonly requests: string[];
  /** Every revoke() call, accepted or not, in order. */
  readonly revokeCalls: readonly RevokeCall[];
  readonly tokens: readonly Token[];
  /** Replaces every token; watchers receive a snapshot. */
  setTokens(tokens: readonly Token[]): void;
  upsert(token: Token): void;
  remove(id: string): void;
  /** Sends a connection-state event to watchers. */
  emitState(state: ConnectionState, message?: string): void;
  /** While set, list() and get() reject with a transport error. */
  setFailure(message: string | null): void;
  /** While set, revoke() rejects with a server error (after logging the call). */
  setRevokeFailure(message: string | null): void;
  /** What an accepted revoke() reports about its own checks; default nothing. */
  setRevokeReport(report: RevokeReport | undefined): void;
  setImpact(id: string, impact: MemoryImpact): void;
  /** Until the returned function is called, impact() does not answer (a slow preview). */
  holdImpacts(): () => void;
  readonly watcherCount: number;
}

const DEFAULT_SERVER = 'https://10.0.0.1:6443';

export function memoryCapabilities(overrides: Partial<AdapterCapabilities> = {}): AdapterCapabilities {
  return {
    create: false,
    revoke: false,
    rotate: 'none',
    impactPreview: false,
    watch: false,
    makeDefault: false,
    joinCommand: false,
    joinCommandShape: false,
    serverTokenRotation: false,
    usages: ['authentication', 'signing'],
    defaultUsages: ['authentication', 'signing'],
    groups: true,
    defaultGroups: [],
    createFields: [],
    ttl: { defaultSeconds: 86_400, minSeconds: 1, maxSeconds: null, allowNever: true },
    ...overrides,
  };
}

/** A token's revision as this backend sees it: its own, or a stable default. */
export function memoryRevision(token: Token): TokenRevision {
  return token.revision ?? { uid: `uid-${token.id}`, version: '1' };
}

function sameRevision(left: TokenRevision, right: TokenRevision): boolean {
  return left.uid === right.uid && left.version === right.version;
}

export function createMemoryBackend(options: MemoryAdapterOptions = {}): MemoryBackend {
  let tokens: readonly Token[] = options.tokens ?? [];
  let failure: string | null = null;
  let revokeFailure: string | null = null;
  let revokeReport: RevokeReport | undefined;
  const impacts = new Map<string, MemoryImpact>(Object.entries(options.impacts ?? {}));
  const requests: string[] = [];
  const revokeCalls: RevokeCall[] = [];
  let impactGate: Promise<void> = Promise.resolve();
  const listeners = new Set<WatchListener>();
  const id = options.id ?? 'kubeadm';
  // As kubeadm's (the default id), details show the masked join shape unless a test says otherwise.
  const capabilities = memoryCapabilities({ joinCommandShape: id === 'kubeadm', ...options.capabilities, watch: options.watch ?? false });
  const emit = (event: Parameters<WatchListener>[0]): void => listeners.forEach((listener) => listener(event));
  const fail = (): TokenTuiError => new TokenTuiError('transport', failure ?? 'unreachable', { source: id });
  const find = (tokenId: string): Token => {
    const found = tokens.find((token) => token.id === tokenId);
    if (found === undefined) throw new TokenTuiError('not-found', `token ${tokenId} not found`, { source: id });
    return found;
  };
  const remove = (tokenId: string): void => {
    tokens = tokens.filter((existing) => existing.id !== tokenId);
    emit({ type: 'delete', id: tokenId });
  };

  const upsert = (token: Token): void => {
    tokens = [...tokens.filter((existing) => existing.id !== token.id), token];
    emit({ type: 'upsert', token });
  };
  const mutations = createMemoryMutations({ id, requests, clock: options.clock, tokens: () => tokens, upsert }, options);

  function previewOf(token: Token, at: number): ImpactPreview {
    const impact = impacts.get(token.id) ?? {};
    const fingerprint = revisionToFingerprint(memoryRevision(token));
    if ('unknownReason' in impact) return { state: 'unknown', tokenId: token.id, reason: impact.unknownReason, fingerprint, computedAt: at };
    return { state: 'known', tokenId: token.id, items: impact.items ?? [], unknowns: impact.unknowns ?? [], fingerprint, computedAt: at };
  }

  const adapter: TokenAdapter = {
    id,
    capabilities,
    target: { context: options.context ?? 'test-context', server: options.server ?? DEFAULT_SERVER },
    async list() {
      requests.push('list');
      if (failure !== null) throw fail();
      return tokens;
    },
    async get(tokenId) {
      requests.push(`get ${tokenId}`);
      if (failure !== null) throw fail();
      return find(tokenId);
    },
    ...(capabilities.impactPreview
      ? {
          async impact(tokenId: string) {
            requests.push(`impact ${tokenId}`);
            await impactGate;
            if (failure !== null) throw fail();
            return previewOf(find(tokenId), options.clock?.now() ?? 0);
          },
        }
      : {}),
    ...(capabilities.revoke
      ? {
          async revoke(tokenId: string, expected?: TokenRevision) {
            requests.push(`revoke ${tokenId} ${expected === undefined ? '-' : revisionToFingerprint(expected)}`);
            revokeCalls.push({ id: tokenId, expected });
            if (revokeFailure !== null) throw new TokenTuiError('server', revokeFailure, { source: id });
            const current = find(tokenId);
            if (expected !== undefined && !sameRevision(memoryRevision(current), expected)) {
              throw new TokenTuiError('conflict', `token ${tokenId} changed since it was read; nothing was deleted`, { source: id });
            }
            remove(tokenId);
            return revokeReport;
          },
        }
      : {}),
    ...(capabilities.create ? { create: mutations.methods.create } : {}),
    ...(capabilities.joinCommand ? { joinCommand: mutations.methods.joinCommand } : {}),
    ...(capabilities.makeDefault ? { makeDefault: mutations.methods.makeDefault } : {}),
    ...(capabilities.joinCommandShape ? { joinCommandShape: (tokenId: string) => maskedJoinCommand(options.server ?? DEFAULT_SERVER, tokenId) } : {}),
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
    ...mutations.controls,
    adapter,
    requests,
    revokeCalls,
    get tokens() {
      return tokens;
    },
    setTokens(next) {
      tokens = next;
      emit({ type: 'snapshot', tokens });
    },
    upsert,
    remove,
    emitState(state, message) {
      emit({ type: 'state', state, ...(message === undefined ? {} : { error: new TokenTuiError('transport', message, { source: id }) }) });
    },
    setFailure(message) {
      failure = message;
    },
    setRevokeFailure(message) {
      revokeFailure = message;
    },
    setRevokeReport(report) {
      revokeReport = report;
    },
    setImpact(tokenId, impact) {
      impacts.set(tokenId, impact);
    },
    holdImpacts() {
      let release = (): void => {};
      impactGate = new Promise((resolve) => {
        release = resolve;
      });
      return () => release();
    },
    get watcherCount() {
      return listeners.size;
    },
  };
}
