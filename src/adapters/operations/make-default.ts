// Making a token the backend's default, as both front ends do it: a preview first (what changes
// for machines that use the default, core/make-default-plan.ts), then the change (one audit
// record, operations/create.ts makeDefault), then a read to verify the token is the default.
import type { AuditConfirmation } from '../../core/audit.ts';
import type { Clock } from '../../core/clock.ts';
import { TokenTuiError } from '../../core/errors.ts';
import { planMakeDefault, type MakeDefaultPreview } from '../../core/make-default-plan.ts';
import type { TokenAdapter } from '../contract.ts';
import { UNSUPPORTED } from './availability.ts';
import { supports } from './capabilities.ts';
import { makeDefault, type CreateOptions } from './create.ts';

/** The preview of making `tokenId` the default; only reads. 'not-found' when it does not exist. */
export async function previewMakeDefault(adapter: TokenAdapter, tokenId: string, clock: Clock): Promise<MakeDefaultPreview> {
  if (!supports(adapter, 'makeDefault')) throw new TokenTuiError('unsupported', UNSUPPORTED.makeDefault, { source: adapter.id });
  const [target, tokens] = await Promise.all([adapter.get(tokenId), adapter.list()]);
  return planMakeDefault(target, tokens, clock.now());
}

export type MakeDefaultOutcome =
  | { readonly kind: 'made-default'; readonly verified: boolean }
  | { readonly kind: 'failed'; readonly error: TokenTuiError };

export interface MakeDefaultOptions extends Pick<CreateOptions, 'record'> {
  readonly confirmation: AuditConfirmation;
}

/** Makes the previewed token the default (refused when the preview said it cannot be), then reads it back. */
export async function makeDefaultAsPreviewed(adapter: TokenAdapter, preview: MakeDefaultPreview, options: MakeDefaultOptions): Promise<MakeDefaultOutcome> {
  if (preview.blocked !== null) return { kind: 'failed', error: new TokenTuiError('validation', preview.blocked, { source: adapter.id }) };
  const failure = await makeDefault(adapter, preview.tokenId, options);
  if (failure !== null) return { kind: 'failed', error: failure };
  try {
    return { kind: 'made-default', verified: (await adapter.get(preview.tokenId)).isDefault === true };
  } catch {
    // The change was accepted; only the check failed: said as unverified, not as a failure.
    return { kind: 'made-default', verified: false };
  }
}
