// One token's revoke after its preview, as every revoking command does it (`revoke`, one id or a
// batch, and `rotate --abandon`'s revoke of a replacement): the attempt pinned to the preview,
// its journal record (refusals too), its text as it happens, and its `-o json` object.
import type { RevokeReport as AdapterRevokeReport, TokenAdapter } from '../../adapters/contract.ts';
import { whyUnavailable } from '../../adapters/operations/availability.ts';
import { revokeAsPreviewed } from '../../adapters/operations/revoke.ts';
import type { GoneCheck } from '../../adapters/operations/verify-gone.ts';
import { summarizeImpact } from '../../core/audit.ts';
import { ExitCode, TokenTuiError } from '../../core/errors.ts';
import type { ImpactPreview } from '../../core/impact.ts';
import { confirmationSatisfied } from '../../core/revoke-policy.ts';
import type { MutationAudit } from '../audit-context.ts';
import type { OutputFormat } from '../command-table.ts';
import { warn } from '../exit.ts';
import { impactJson, type ImpactJson } from '../impact-format.ts';
import type { CliIo } from '../io.ts';
import { actedOn, type ActedOn } from '../acted-on.ts';

/** not-found: --ignore-not-found and the token does not exist (no preview then). */
export type RevokeOutcome = 'dry-run' | 'refused' | 'conflict' | 'revoked' | 'failed' | 'not-found';

export interface RevokeVerification {
  /** true: verified gone; false: still there; null: could not be checked. */
  readonly tokenGone: boolean | null;
  readonly detail?: string;
}

/** `revoke -o json`: one object, whatever the outcome. */
export interface RevokeJson extends ActedOn {
  readonly tokenId: string;
  readonly outcome: RevokeOutcome;
  readonly revoked: boolean;
  readonly message?: string;
  readonly verification?: RevokeVerification;
  /** The adapter's own post-revoke checks (kubeadm: the cluster-info signature). */
  readonly checks?: AdapterRevokeReport;
  readonly preview?: ImpactJson;
}

export function changedSinceMessage(tokenId: string): string {
  return `token ${tokenId} changed since the preview (re-created or modified); nothing was revoked — run the command again to see the new preview`;
}

function refusalMessage(tokenId: string, confirm: string | undefined): string {
  return confirm === undefined
    ? `nothing was revoked: pass --confirm ${tokenId} to revoke`
    : `nothing was revoked: --confirm does not match the token id ${tokenId}`;
}

/** `-o json`'s verification: true verified gone, false still there (or back), null could not be checked. */
export function verificationJson(check: GoneCheck): RevokeVerification {
  return check.gone === true ? { tokenGone: true } : { tokenGone: check.gone, detail: check.detail };
}

/** What one token's revoke after its preview came to: the exit code it calls for and its JSON. */
export interface RevokeAttempt {
  readonly exitCode: number;
  readonly json: RevokeJson;
  /** A failure to report as the command's error (a single revoke throws it; a batch goes on). */
  readonly error?: unknown;
}

export interface RevokeRun {
  readonly adapter: TokenAdapter;
  readonly io: CliIo;
  /** 'text' prints results as they come; any other format prints the JSON at the end (the caller). */
  readonly output: OutputFormat;
  readonly audit: MutationAudit;
}

export function checkCanRevoke(adapter: TokenAdapter): void {
  const unavailable = whyUnavailable(adapter, 'revoke', { readonly: false });
  if (unavailable !== null) throw new TokenTuiError('unsupported', `${unavailable.message}; nothing was revoked`, { source: adapter.id });
}

/**
 * Revokes `preview.tokenId` if `confirmed` (the caller checked the confirmation against this
 * preview), pinned to the preview's revision; text results are written as they come. A refusal
 * is journaled here too, so every attempt past the preview leaves one record.
 */
export async function revokePreviewed(run: RevokeRun, preview: ImpactPreview, confirmed: { readonly ok: boolean; readonly why: string; readonly message: string }): Promise<RevokeAttempt> {
  const { adapter, io, output, audit } = run;
  const tokenId = preview.tokenId;
  const json = (outcome: RevokeOutcome, extra: Partial<RevokeJson> = {}): RevokeJson => ({
    tokenId,
    ...actedOn(adapter),
    outcome,
    revoked: outcome === 'revoked',
    ...extra,
    preview: impactJson(preview),
  });
  if (!confirmed.ok) {
    audit.record({ action: 'revoke', tokenId, impact: summarizeImpact(preview), outcome: 'refused', error: confirmed.why });
    io.stderr.write(`tokentui: ${confirmed.message}\n`);
    return { exitCode: ExitCode.confirmationRequired, json: json('refused', { message: confirmed.message }) };
  }
  const outcome = await revokeAsPreviewed(adapter, { preview, confirmation: 'flag', record: (entry) => audit.record(entry) });
  if (outcome.kind === 'failed') {
    return { exitCode: outcome.error.exitCode, json: json('failed', { message: outcome.error.message }), error: outcome.error };
  }
  if (outcome.kind === 'conflict') {
    const message = changedSinceMessage(tokenId);
    io.stderr.write(`tokentui: ${message}\n`);
    return { exitCode: ExitCode.confirmationRequired, json: json('conflict', { message }) };
  }
  const { gone, report: checks } = outcome;
  if (output === 'text') io.stdout.write(`Revoked token ${tokenId}.${gone.gone === true ? ' Verified: it no longer exists.' : ''}\n`);
  if (gone.gone !== true) warn(io.stderr, gone.detail);
  if (output === 'text') for (const line of checks?.verified ?? []) io.stdout.write(`Verified: ${line}.\n`);
  for (const line of checks?.warnings ?? []) warn(io.stderr, line);
  const verification = verificationJson(gone);
  return { exitCode: gone.gone === false ? ExitCode.backend : ExitCode.ok, json: json('revoked', { verification, ...(checks === undefined ? {} : { checks }) }) };
}

/** Whether `--confirm` confirms this one token's preview, in the words a refusal uses. */
export function flagConfirmation(preview: ImpactPreview, confirm: string | undefined) {
  const tokenId = preview.tokenId;
  return {
    ok: confirmationSatisfied(preview, { kind: 'flag', confirm }, tokenId),
    why: confirm === undefined ? 'no --confirm given' : '--confirm did not match the token id',
    message: refusalMessage(tokenId, confirm),
  };
}

