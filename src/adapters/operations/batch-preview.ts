// The combined preview of revoking several tokens of one backend, for both front ends (`revoke ID
// ID ...`, the TUI's batch): every token's own preview (each later revoke is pinned to its own
// fingerprint), what they break together (core/batch-impact.ts), and what no single preview can
// see: whether any active token is left once the whole batch is gone. Only reads.
// A sweep across contexts runs this per context and combines the entries with `where` set.
import { combineImpact, type CombinedImpact, type CombinedSubject } from '../../core/batch-impact.ts';
import type { Clock } from '../../core/clock.ts';
import { isTokenTuiError, toTokenTuiError, type TokenTuiError } from '../../core/errors.ts';
import type { ImpactPreview } from '../../core/impact.ts';
import { tokenStatus } from '../../core/token.ts';
import type { TokenAdapter } from '../contract.ts';
import { previewImpact } from './impact-preview.ts';

export type BatchPreviewEntry =
  | { readonly tokenId: string; readonly preview: ImpactPreview }
  /** The preview could not be computed; `notFound`: the token does not exist. */
  | { readonly tokenId: string; readonly error: TokenTuiError; readonly notFound: boolean };

export interface BatchPreview {
  /** One entry per id, in the order given. */
  readonly entries: readonly BatchPreviewEntry[];
  /** The previews that were computed, combined; plus the batch-wide consequence when it applies. */
  readonly combined: CombinedImpact;
}

export interface BatchPreviewOptions {
  /** Previews computed at once (default 4): a long batch must not flood the backend. */
  readonly concurrency?: number;
}

/** The words of the consequence no single preview shows. */
export const NO_TOKEN_LEFT = 'no other active token is left once the batch is revoked: nothing can join with a token until a new one is created';

async function previewOne(adapter: TokenAdapter, tokenId: string, clock: Clock): Promise<BatchPreviewEntry> {
  try {
    return { tokenId, preview: await previewImpact(adapter, tokenId, clock) };
  } catch (error) {
    return { tokenId, error: toTokenTuiError(error, adapter.id), notFound: isTokenTuiError(error) && error.kind === 'not-found' };
  }
}

/** Tokens outside the batch that are still active; null when the list could not be read. */
async function activeOutside(adapter: TokenAdapter, batch: ReadonlySet<string>, clock: Clock): Promise<number | null> {
  try {
    const tokens = await adapter.list();
    return tokens.filter((token) => !batch.has(token.id) && tokenStatus(token, clock.now()) === 'active').length;
  } catch {
    return null;
  }
}

export async function previewBatch(adapter: TokenAdapter, tokenIds: readonly string[], clock: Clock, options: BatchPreviewOptions = {}): Promise<BatchPreview> {
  const ids = [...new Set(tokenIds)];
  const entries: BatchPreviewEntry[] = new Array(ids.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < ids.length) {
      const index = next++;
      entries[index] = await previewOne(adapter, ids[index]!, clock);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency ?? 4, ids.length)) }, worker));
  const previews = entries.flatMap((entry) => ('preview' in entry ? [{ preview: entry.preview }] : []));
  const combined = combineImpact(previews);
  // Only a batch of several can empty the backend unseen: one token's own preview says so itself.
  if (ids.length < 2 || (await activeOutside(adapter, new Set(ids), clock)) !== 0) return { entries, combined };
  const lastTokens: CombinedSubject = { subject: 'the whole batch', kinds: ['cluster-wide'], tokenIds: combined.tokenIds, breaks: true, detail: NO_TOKEN_LEFT };
  return { entries, combined: { ...combined, consequences: [lastTokens, ...combined.consequences] } };
}
