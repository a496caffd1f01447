// What the backend lets the TUI create, rotate and revoke, decided once from its capabilities by
// the operations layer (the same reasons the command line gives), so the keymap can say why c, r
// or d is unavailable instead of failing later.
import type { AdapterCapabilities, TokenAdapter } from '../../adapters/contract.ts';
import { UNSUPPORTED, whyUnavailable } from '../../adapters/operations/availability.ts';
import type { ServerTtlSetting } from '../../core/ttl-input.ts';
import type { RotationTarget } from '../../journals/rotation-journal.ts';

export interface MutationSupport {
  /** null when nothing can be created (then rotateUnavailable is set too). */
  readonly capabilities: AdapterCapabilities | null;
  readonly createUnavailable: string | null;
  readonly rotateUnavailable: string | null;
  readonly revokeUnavailable: string | null;
  readonly makeDefaultUnavailable: string | null;
  /** Which journaled rotations belong to this backend. */
  readonly rotationTarget: RotationTarget;
  /** The server-wide token lifetime `:server-ttl` changes (as last known), or why there is none. */
  readonly serverTtl: { readonly setting: ServerTtlSetting | null; readonly unavailable: string | null };
}

export const NO_MUTATIONS: MutationSupport = {
  capabilities: null,
  createUnavailable: UNSUPPORTED.create,
  rotateUnavailable: UNSUPPORTED.create,
  revokeUnavailable: UNSUPPORTED.revoke,
  makeDefaultUnavailable: UNSUPPORTED.makeDefault,
  rotationTarget: { adapter: '', context: '', server: '' },
  serverTtl: { setting: null, unavailable: UNSUPPORTED.serverTtl },
};

export function mutationSupport(adapter: TokenAdapter, hasJournal: boolean): MutationSupport {
  const createUnavailable = whyUnavailable(adapter, 'create', { readonly: false })?.message ?? null;
  return {
    capabilities: createUnavailable === null ? adapter.capabilities : null,
    createUnavailable,
    rotateUnavailable: whyUnavailable(adapter, 'rotate', { readonly: false, rotationJournal: hasJournal })?.message ?? null,
    revokeUnavailable: whyUnavailable(adapter, 'revoke', { readonly: false })?.message ?? null,
    makeDefaultUnavailable: whyUnavailable(adapter, 'make-default', { readonly: false })?.message ?? null,
    rotationTarget: { adapter: adapter.id, context: adapter.target.context, server: adapter.target.server },
    serverTtl: serverTtlSupport(adapter),
  };
}

function serverTtlSupport(adapter: TokenAdapter): MutationSupport['serverTtl'] {
  const unavailable = whyUnavailable(adapter, 'server-ttl', { readonly: false })?.message ?? null;
  return { setting: unavailable === null ? (adapter.capabilities.ttl.serverSetting ?? null) : null, unavailable };
}
