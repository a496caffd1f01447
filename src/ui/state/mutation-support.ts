// What the backend lets the TUI create and rotate, decided once from its capabilities, so the
// keymap can say why c or r is unavailable instead of failing later.
import type { AdapterCapabilities, TokenAdapter } from '../../adapters/contract.ts';
import type { RotationTarget } from '../../state/rotation-journal.ts';

export interface MutationSupport {
  /** null when nothing can be created (then rotateUnavailable is set too). */
  readonly capabilities: AdapterCapabilities | null;
  readonly createUnavailable: string | null;
  readonly rotateUnavailable: string | null;
  /** Which journaled rotations belong to this backend. */
  readonly rotationTarget: RotationTarget;
}

export const NO_MUTATIONS: MutationSupport = {
  capabilities: null,
  createUnavailable: 'this backend cannot create tokens',
  rotateUnavailable: 'this backend cannot create tokens',
  rotationTarget: { adapter: '', context: '', server: '' },
};

function rotateUnavailable(adapter: TokenAdapter, hasJournal: boolean): string | null {
  const { capabilities } = adapter;
  if (!capabilities.create || adapter.create === undefined) return 'this backend cannot create tokens';
  if (!capabilities.revoke || adapter.revoke === undefined) return 'this backend cannot revoke tokens';
  if (capabilities.rotate === 'none') return 'this backend does not support rotation';
  if (capabilities.rotate === 'native') return 'this backend rotates natively, which the TUI cannot drive yet';
  // A rotation that could not be resumed after an SSH drop is worse than none.
  if (!hasJournal) return 'no rotation journal is available, so a rotation could not be resumed';
  return null;
}

export function mutationSupport(adapter: TokenAdapter, hasJournal: boolean): MutationSupport {
  const canCreate = adapter.capabilities.create && adapter.create !== undefined;
  return {
    capabilities: canCreate ? adapter.capabilities : null,
    createUnavailable: canCreate ? null : 'this backend cannot create tokens',
    rotateUnavailable: rotateUnavailable(adapter, hasJournal),
    rotationTarget: { adapter: adapter.id, context: adapter.target.context, server: adapter.target.server },
  };
}
