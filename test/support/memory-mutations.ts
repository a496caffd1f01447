// The memory adapter's create / joinCommand / makeDefault (memory-adapter.ts wires them in when
// their capability is set). Every call is logged before anything can fail, so a test can prove
// what was asked for: `create` exactly once, never before the wizard's final confirmation.
import type { CreatedToken, CreateTokenRequest, Token } from '../../src/core/token.ts';
import type { TokenAdapter } from '../../src/adapters/contract.ts';
import type { Clock } from '../../src/core/clock.ts';
import { TokenTuiError } from '../../src/core/errors.ts';

export interface MemoryMutationOptions {
  /** Ids handed to created tokens in order; then new001, new002, … */
  readonly createIds?: readonly string[];
  /** The join command of a created token; default a kubeadm-shaped one. */
  readonly joinCommandFor?: (created: CreatedToken) => string;
}

export interface MemoryMutationControls {
  /** Every create() request, in order (a request holds no secret). */
  readonly createCalls: readonly CreateTokenRequest[];
  /** Ids passed to makeDefault(), in order. */
  readonly makeDefaultCalls: readonly string[];
  /** While set, create() rejects with this error (after logging the call). */
  setCreateFailure(error: TokenTuiError | null): void;
  /** While set, joinCommand() rejects with a server error. */
  setJoinCommandFailure(message: string | null): void;
  /** While set, makeDefault() rejects with a server error. */
  setMakeDefaultFailure(message: string | null): void;
  /** Until the returned function is called, create() does not answer. */
  holdCreates(): () => void;
}

/** What the mutations need from the rest of the memory backend. */
export interface MemoryStore {
  readonly id: string;
  readonly requests: string[];
  readonly clock: Clock | undefined;
  tokens(): readonly Token[];
  upsert(token: Token): void;
}

export const MEMORY_CA_HASH = `sha256:${'c0ffee'.repeat(10)}abcd`;

/** A bootstrap-token-shaped secret that is easy to grep for in frames: `<id>.<id>secret0123`. */
export function memorySecret(id: string): string {
  return `${id}.${`${id}secret0123456789`.slice(0, 16)}`;
}

function defaultJoinCommand(created: CreatedToken): string {
  return `kubeadm join 10.0.0.1:6443 --token ${created.secret} --discovery-token-ca-cert-hash ${MEMORY_CA_HASH}`;
}

export function createMemoryMutations(store: MemoryStore, options: MemoryMutationOptions = {}) {
  const createCalls: CreateTokenRequest[] = [];
  const makeDefaultCalls: string[] = [];
  const ids = [...(options.createIds ?? [])];
  let counter = 0;
  let createFailure: TokenTuiError | null = null;
  let joinFailure: string | null = null;
  let makeDefaultFailure: string | null = null;
  let createGate: Promise<void> = Promise.resolve();

  const nextId = (): string => ids.shift() ?? `new${String(++counter).padStart(3, '0')}`;

  const methods: Required<Pick<TokenAdapter, 'create' | 'joinCommand' | 'makeDefault'>> = {
    async create(request) {
      store.requests.push(`create ${request.description}`);
      createCalls.push(request);
      await createGate;
      if (createFailure !== null) throw createFailure;
      const id = nextId();
      const now = store.clock?.now() ?? 0;
      const token: Token = {
        id,
        description: request.description,
        expiresAt: request.ttlSeconds === null ? null : now + request.ttlSeconds * 1000,
        usages: request.usages ?? [],
        groups: request.groups ?? [],
        invalidReason: null,
        // Kept as a backend that records it would (the operations layer refuses it for one that cannot).
        ...(request.replaces === undefined ? {} : { replaces: request.replaces }),
        // The revision previews pin revokes to, as every real backend reports one.
        revision: { uid: `uid-${id}`, version: '1' },
      };
      store.upsert(token);
      return { token, secret: memorySecret(id) };
    },
    async joinCommand(created) {
      store.requests.push(`joinCommand ${created.token.id}`);
      if (joinFailure !== null) throw new TokenTuiError('server', joinFailure, { source: store.id });
      return (options.joinCommandFor ?? defaultJoinCommand)(created);
    },
    async makeDefault(tokenId) {
      store.requests.push(`makeDefault ${tokenId}`);
      makeDefaultCalls.push(tokenId);
      if (makeDefaultFailure !== null) throw new TokenTuiError('server', makeDefaultFailure, { source: store.id });
      for (const token of store.tokens()) {
        const isDefault = token.id === tokenId;
        if ((token.isDefault ?? false) !== isDefault) store.upsert({ ...token, isDefault });
      }
    },
  };

  const controls: MemoryMutationControls = {
    createCalls,
    makeDefaultCalls,
    setCreateFailure(error) {
      createFailure = error;
    },
    setJoinCommandFailure(message) {
      joinFailure = message;
    },
    setMakeDefaultFailure(message) {
      makeDefaultFailure = message;
    },
    holdCreates() {
      let release = (): void => {};
      createGate = new Promise((resolve) => {
        release = resolve;
      });
      return () => release();
    },
  };
  return { methods, controls };
}
