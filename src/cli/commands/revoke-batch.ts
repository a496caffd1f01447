// `tokentui revoke ID ID ... [--confirm ID,ID...] [--confirm-all N]`: one combined preview of the
// whole batch first (operations/batch-preview.ts: tokens by severity, every affected machine or
// node once, what no single preview shows), then each token's own preview. Nothing is revoked
// unless the confirmation covers the whole batch: --confirm naming every id, or --confirm-all with
// their count. Then each token is revoked against its own preview, one after the other; one that
// changed since is left alone and one that fails does not stop the rest.
//
// Exit codes: 0 all revoked (or --dry-run); 2 a repeated id, or --confirm-all that is not a count;
// 3 not confirmed (nothing revoked), or some token changed since its preview; 4 an id not found
// (nothing revoked); 1 a backend failure, or a revoked token that still exists.
import type { TokenAdapter } from '../../adapters/contract.ts';
import { previewBatch, type BatchPreview } from '../../adapters/operations/batch-preview.ts';
import { summarizeImpact } from '../../core/audit.ts';
import type { CombinedImpact } from '../../core/batch-impact.ts';
import { ExitCode, TokenTuiError, usageError, type ExitCodeValue } from '../../core/errors.ts';
import type { ImpactPreview } from '../../core/impact.ts';
import { startMutationAudit } from '../audit-context.ts';
import { warn } from '../exit.ts';
import { formatCombinedText, formatImpactText, impactJson } from '../impact-format.ts';
import { actedOn, actedOnLine, type ActedOn } from '../acted-on.ts';
import type { DataWriter } from '../render/data-writer.ts';
import type { CommandContext } from './command-run.ts';
import { checkCanRevoke, revokePreviewed, type RevokeJson, type RevokeRun } from './revoke-attempt.ts';
import { pinRefusal, type RevokePins } from './revoke-pins.ts';

const HELP = "run 'tokentui revoke --help'";

/** `revoke ID ID ... -o json`: one object, whatever the outcome. */
export interface RevokeBatchJson extends ActedOn {
  readonly tokenIds: readonly string[];
  /** revoked: all; partial: some; refused: none (not confirmed); dry-run. */
  readonly outcome: 'revoked' | 'partial' | 'refused' | 'dry-run';
  readonly revoked: readonly string[];
  readonly notRevoked: readonly string[];
  readonly message?: string;
  readonly combined: CombinedImpact;
  /** Each token's own outcome and preview, in batch order. */
  readonly tokens: readonly RevokeJson[];
}

/** `--confirm-all N`: a whole number of tokens, at least 1. */
export function parseConfirmAll(raw: string): number {
  if (!/^[1-9]\d{0,5}$/.test(raw)) throw usageError(`--confirm-all needs the number of tokens to revoke, e.g. --confirm-all 3 (got "${raw.slice(0, 20)}")`, HELP);
  return Number(raw);
}

function checkIds(ids: readonly string[]): void {
  const repeated = ids.find((id, index) => ids.indexOf(id) !== index);
  if (repeated !== undefined) throw usageError(`token ${repeated} is given twice; each id once`, HELP);
}

/** The previews, or (before anything is revoked) the reason the batch cannot go on. Missing ids stop it, unless ignored. */
function previewsOf(batch: BatchPreview, ignoreNotFound: boolean): ImpactPreview[] {
  const missing = batch.entries.filter((entry) => 'error' in entry && entry.notFound).map((entry) => entry.tokenId);
  if (missing.length > 0 && !ignoreNotFound) {
    throw new TokenTuiError('not-found', `${missing.length === 1 ? 'token' : 'tokens'} ${missing.join(', ')} not found; nothing was revoked`, {
      hint: 'run the command again without them (`tokentui list` shows the tokens)',
    });
  }
  for (const entry of batch.entries) if ('error' in entry && !(ignoreNotFound && entry.notFound)) throw new TokenTuiError(entry.error.kind, `could not preview token ${entry.tokenId}: ${entry.error.message}; nothing was revoked`);
  return batch.entries.flatMap((entry) => ('preview' in entry ? [entry.preview] : []));
}

/** Null when the flags confirm exactly this batch; else why not (never echoing what was passed). */
export function batchRefusal(ids: readonly string[], confirms: readonly string[], confirmAll: number | undefined): string | null {
  const every = `--confirm ${ids.join(',')} (every id) or --confirm-all ${ids.length}`;
  if (confirmAll !== undefined) return confirmAll === ids.length ? null : `nothing was revoked: --confirm-all ${confirmAll} is not the ${ids.length} tokens of this batch; pass ${every}`;
  if (confirms.length === 0) return `nothing was revoked: pass ${every}`;
  const unconfirmed = ids.filter((id) => !confirms.includes(id));
  const strangers = confirms.filter((value) => !ids.includes(value)).length;
  if (unconfirmed.length === 0 && strangers === 0) return null;
  const parts = [
    ...(unconfirmed.length === 0 ? [] : [`--confirm does not name ${unconfirmed.join(', ')}`]),
    ...(strangers === 0 ? [] : [`${strangers} --confirm ${strangers === 1 ? 'value names' : 'values name'} no token of this batch`]),
  ];
  return `nothing was revoked: ${parts.join('; ')}; pass ${every}`;
}

function worstExit(codes: readonly number[]): number {
  const order: readonly ExitCodeValue[] = [ExitCode.backend, ExitCode.notFound, ExitCode.confirmationRequired];
  return order.find((code) => codes.includes(code)) ?? ExitCode.ok;
}

/** `write`: the data writer of -o json|yaml|name|jsonpath; undefined = text. */
export async function runRevokeBatch(context: CommandContext, adapter: TokenAdapter, given: readonly string[], write: DataWriter | undefined, pins: RevokePins): Promise<number> {
  const { invocation, io, clock } = context;
  const { options, output } = invocation;
  checkIds(given);
  const batch = await previewBatch(adapter, given, clock);
  const previews = previewsOf(batch, pins.ignoreNotFound);
  // --ignore-not-found: the batch is the tokens that exist; --confirm need not name the others.
  const ids = previews.map((preview) => preview.tokenId);
  const gone = given.filter((id) => !ids.includes(id));
  const confirms = (options.confirms ?? []).filter((id) => !gone.includes(id));
  for (const id of gone) warn(io.stderr, `token ${id} does not exist; ignored (--ignore-not-found)`);
  if (ids.length === 0) {
    if (write === undefined) io.stdout.write(`${actedOnLine(adapter)}None of the ${given.length} tokens exists; nothing to revoke.\n`);
    else write({ tokenIds: given, ...actedOn(adapter), outcome: 'revoked', revoked: [], notRevoked: [], combined: batch.combined, tokens: [] } satisfies RevokeBatchJson, []);
    return ExitCode.ok;
  }
  if (write === undefined) io.stdout.write(actedOnLine(adapter) + [formatCombinedText(batch.combined), ...previews.map(formatImpactText)].join('\n'));
  const report = (json: Omit<RevokeBatchJson, 'tokenIds' | 'combined' | keyof ActedOn>): void => {
    write?.({ tokenIds: ids, ...actedOn(adapter), ...json, combined: batch.combined } satisfies RevokeBatchJson, ids.map((id) => `token/${id}`));
  };
  if (options.dryRun) {
    if (write === undefined) io.stdout.write('Dry run: nothing was revoked.\n');
    report({ outcome: 'dry-run', revoked: [], notRevoked: [...ids], tokens: previews.map((preview) => ({ tokenId: preview.tokenId, ...actedOn(adapter), outcome: 'dry-run', revoked: false, preview: impactJson(preview) })) });
    return ExitCode.ok;
  }
  checkCanRevoke(adapter);
  const run: RevokeRun = { adapter, io, output, audit: startMutationAudit(io, adapter, clock) };
  // --confirm-all counts the tokens given; with --ignore-not-found, those that exist are enough too.
  const confirmAll = options.confirmAll === undefined ? undefined : parseConfirmAll(options.confirmAll);
  const pinned = previews.map((preview) => pinRefusal(preview, pins)).find((found) => found !== null) ?? null;
  const refusal = pinned?.message ?? batchRefusal(ids, confirms, confirmAll === given.length ? ids.length : confirmAll);
  if (refusal !== null) {
    // One refusal per token in the journal, like a single revoke; said once.
    const why = pinned?.why ?? 'the batch was not confirmed as a whole';
    for (const preview of previews) run.audit.record({ action: 'revoke', tokenId: preview.tokenId, impact: summarizeImpact(preview), outcome: 'refused', error: why });
    io.stderr.write(`tokentui: ${refusal}\n`);
    report({ outcome: 'refused', revoked: [], notRevoked: [...ids], message: refusal, tokens: previews.map((preview) => ({ tokenId: preview.tokenId, ...actedOn(adapter), outcome: 'refused', revoked: false, preview: impactJson(preview) })) });
    return run.audit.exitCode(ExitCode.confirmationRequired);
  }
  const attempts = [];
  for (const preview of previews) {
    const attempt = await revokePreviewed(run, preview, { ok: true, why: '', message: '' });
    if (attempt.error !== undefined) warn(io.stderr, `token ${preview.tokenId} not revoked: ${attempt.json.message ?? ''}`);
    attempts.push(attempt);
  }
  const revoked = attempts.filter((attempt) => attempt.json.revoked).map((attempt) => attempt.json.tokenId);
  const notRevoked = ids.filter((id) => !revoked.includes(id));
  if (write === undefined) {
    io.stdout.write(`Revoked ${revoked.length} of ${ids.length} tokens${revoked.length > 0 ? `: ${revoked.join(', ')}` : ''}.${notRevoked.length > 0 ? ` Not revoked: ${notRevoked.join(', ')}.` : ''}\n`);
  }
  report({ outcome: notRevoked.length === 0 ? 'revoked' : 'partial', revoked, notRevoked, tokens: attempts.map((attempt) => attempt.json) });
  return run.audit.exitCode(worstExit(attempts.map((attempt) => attempt.exitCode)));
}
