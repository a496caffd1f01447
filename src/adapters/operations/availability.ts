// Why an operation cannot run on this backend, in one wording for both front ends: the command
// line prints it as its error, the TUI as the reason a key is disabled. Null = it can run.
import type { TokenAdapter } from '../contract.ts';
import { supports } from './capabilities.ts';

export type MutatingOperation = 'create' | 'revoke' | 'rotate' | 'make-default' | 'server-ttl';

export interface Unavailable {
  /** read-only: the session or context is read-only; capability: the backend lacks it; journal: no rotation journal. */
  readonly why: 'read-only' | 'capability' | 'journal';
  readonly message: string;
}

export interface AvailabilityContext {
  /** --readonly, or a read-only saved context. */
  readonly readonly: boolean;
  /** Rotations only: whether a rotation journal is available to resume an interrupted one. */
  readonly rotationJournal?: boolean;
}

export const READ_ONLY_MESSAGE = 'read-only mode';

/** The words for a backend without the capability (also what a front end says before it knows the backend). */
export const UNSUPPORTED = {
  create: 'this backend cannot create tokens',
  revoke: 'this backend cannot revoke tokens',
  makeDefault: 'this backend has no default token',
  serverTtl: 'this backend sets each token\'s TTL when it is created: there is no server-wide lifetime to change',
} as const;

const capability = (message: string): Unavailable => ({ why: 'capability', message });

function rotationUnavailable(adapter: TokenAdapter, context: AvailabilityContext): Unavailable | null {
  if (!supports(adapter, 'create')) return capability(UNSUPPORTED.create);
  if (!supports(adapter, 'revoke')) return capability(UNSUPPORTED.revoke);
  if (adapter.capabilities.rotate === 'none') return capability('this backend does not support rotation');
  if (adapter.capabilities.rotate === 'native') return capability('this backend rotates natively, which tokentui cannot drive yet');
  // A rotation that could not be resumed after an SSH drop is worse than none.
  if (context.rotationJournal === false) return { why: 'journal', message: 'no rotation journal is available, so a rotation could not be resumed' };
  return null;
}

export function whyUnavailable(adapter: TokenAdapter, operation: MutatingOperation, context: AvailabilityContext): Unavailable | null {
  if (context.readonly) return { why: 'read-only', message: READ_ONLY_MESSAGE };
  switch (operation) {
    case 'create':
      return supports(adapter, 'create') ? null : capability(UNSUPPORTED.create);
    case 'revoke':
      return supports(adapter, 'revoke') ? null : capability(UNSUPPORTED.revoke);
    case 'make-default':
      return supports(adapter, 'makeDefault') ? null : capability(UNSUPPORTED.makeDefault);
    case 'server-ttl':
      return supports(adapter, 'setServerTtl') ? null : capability(UNSUPPORTED.serverTtl);
    case 'rotate':
      return rotationUnavailable(adapter, context);
  }
}
