// `tokentui impact ID`: what revoking the token would break, changing nothing (only reads are
// sent). An adapter that cannot preview impact still gets a preview: `unknown`, with the reason,
// and the fingerprint of the token as read now, so `revoke` can use it as its precondition.
import type { TokenAdapter } from '../../adapters/contract.ts';
import { formatFingerprint } from '../../adapters/kubeadm/impact.ts';
import type { Clock } from '../../core/clock.ts';
import { ExitCode } from '../../core/errors.ts';
import type { ImpactPreview } from '../../core/impact.ts';
import type { TokenRevision } from '../../core/token.ts';
import { formatImpactText, impactJson } from '../impact-format.ts';
import { writeJson } from '../output.ts';
import type { CommandRun } from './command-run.ts';

/**
 * A revision as the adapter's preview fingerprint: kubeadm's previews say `uid:resourceVersion`
 * (src/adapters/kubeadm/impact.ts); the rest adapter's say the ETag, which is `revision.version`.
 */
export function fingerprintOfRevision(adapter: TokenAdapter, revision: TokenRevision | undefined): string {
  if (revision === undefined) return '';
  if (adapter.id !== 'kubeadm') return revision.version;
  return formatFingerprint(revision);
}

export function cannotPreviewReason(adapter: TokenAdapter): string {
  return `the ${adapter.id} adapter cannot preview impact`;
}

/** The adapter's preview, or an `unknown` one when it has none; 'not-found' (exit 4) when the token is absent. */
export async function previewImpact(adapter: TokenAdapter, tokenId: string, clock: Clock): Promise<ImpactPreview> {
  if (adapter.capabilities.impactPreview && adapter.impact !== undefined) return adapter.impact(tokenId);
  const token = await adapter.get(tokenId);
  return {
    state: 'unknown',
    tokenId,
    reason: cannotPreviewReason(adapter),
    fingerprint: fingerprintOfRevision(adapter, token.revision),
    computedAt: clock.now(),
  };
}

export const runImpact: CommandRun = async ({ invocation, io, clock, openAdapter }) => {
  const [tokenId = ''] = invocation.positionals;
  const adapter = await openAdapter();
  try {
    const preview = await previewImpact(adapter, tokenId, clock);
    if (invocation.output === 'json') writeJson(io.stdout, impactJson(preview));
    else io.stdout.write(formatImpactText(preview));
    return ExitCode.ok;
  } finally {
    await adapter.close?.();
  }
};
