// What a script pins when it reviewed an impact preview (`impact -o json`'s impactFingerprint,
// then `revoke --fingerprint F`): a digest of everything the preview says, the token revision it
// was computed from included, and nothing about when. A CSR made with the token since, a
// dependent object, an unknown that appeared or went, or the token itself changing all change it;
// computing the same preview again does not. Items and unknowns are sorted first: their order
// is presentation. And `--max-severity`, the other pin: the severities in order.
import { createHash } from 'node:crypto';
import { impactSeverity, type ImpactPreview, type ImpactSeverity } from './impact.ts';

export const IMPACT_SEVERITIES: readonly ImpactSeverity[] = ['none', 'low', 'high'];

export function impactFingerprint(preview: ImpactPreview): string {
  const content =
    preview.state === 'unknown'
      ? { state: 'unknown', tokenId: preview.tokenId, revision: preview.fingerprint, reason: preview.reason }
      : {
          state: 'known',
          tokenId: preview.tokenId,
          revision: preview.fingerprint,
          items: preview.items.map((item) => [item.kind, item.subject, item.detail]).sort((left, right) => (left.join('\n') < right.join('\n') ? -1 : 1)),
          unknowns: [...preview.unknowns].sort(),
        };
  return `sha256:${createHash('sha256').update(JSON.stringify(content)).digest('hex')}`;
}

/** Whether the preview's severity is above `max` (none < low < high; unknown counts as high). */
export function exceedsSeverity(preview: ImpactPreview, max: ImpactSeverity): boolean {
  return IMPACT_SEVERITIES.indexOf(impactSeverity(preview)) > IMPACT_SEVERITIES.indexOf(max);
}
