// `tokentui revoke ID [--dry-run] [--confirm ID]`: always computes and prints the
// impact preview first; revokes only with `--confirm` equal to the token id, and only the token
// state the preview was computed from. Never prompts (the TUI is the interactive path).
//
// The preview, the revoke pinned to the previewed revision (its fingerprint, core/fingerprint.ts)
// and the check that the token is gone are the operations layer's (src/adapters/operations/);
// this file maps their answers to output and exit codes. A token that changed since the preview
// (re-created with the same id, or modified) is not revoked: exit 3, "refused, nothing changed",
// like a missing --confirm, because the operator has not seen the impact of what is there now.
//
// Exit codes: 0 revoked (or --dry-run), 3 read-only / no or wrong --confirm / changed since the
// preview, 4 not found, 1 backend failure or a revoked token that still exists afterwards.
// Every attempt past --dry-run (refusals included) appends one audit record; --readonly and a
// token that cannot be previewed stop before anything is attempted and are not journaled.
import type { RevokeReport as AdapterRevokeReport, TokenAdapter } from '../../adapters/contract.ts';
import { whyUnavailable } from '../../adapters/operations/availability.ts';
import { previewImpact } from '../../adapters/operations/impact-preview.ts';
import { revokeAsPreviewed } from '../../adapters/operations/revoke.ts';
import type { GoneCheck } from '../../adapters/operations/verify-gone.ts';
import { summarizeImpact } from '../../core/audit.ts';
import { ExitCode, TokenTuiError, toTokenTuiError } from '../../core/errors.ts';
import type { ImpactPreview } from '../../core/impact.ts';
import { confirmationSatisfied } from '../../core/revoke-policy.ts';
import { startMutationAudit } from '../audit-context.ts';
import { warn } from '../exit.ts';
import { formatImpactText, impactJson, type ImpactJson } from '../impact-format.ts';
import type { CliIo } from '../io.ts';
import { actedOn, actedOnLine, type ActedOn } from '../acted-on.ts';
import { dataWriter, type DataWriter } from '../render/data-writer.ts';
import type { CommandRun } from './command-run.ts';

export type RevokeOutcome = 'dry-run' | 'refused' | 'conflict' | 'revoked' | 'failed';

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
  readonly preview: ImpactJson;
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

interface RevokeReport {
  readonly outcome: RevokeOutcome;
  readonly message?: string;
  readonly verification?: RevokeVerification;
  readonly checks?: AdapterRevokeReport | undefined;
}

/** Text: the target and the preview at once, results as they come. Data formats: one object at the end. */
function createReporter(io: CliIo, write: DataWriter | undefined, adapter: TokenAdapter, preview: ImpactPreview) {
  const { tokenId } = preview;
  if (write === undefined) io.stdout.write(actedOnLine(adapter) + formatImpactText(preview));
  return (report: RevokeReport): void => {
    if (write === undefined) return;
    const json: RevokeJson = {
      tokenId,
      ...actedOn(adapter),
      outcome: report.outcome,
      revoked: report.outcome === 'revoked',
      ...(report.message === undefined ? {} : { message: report.message }),
      ...(report.verification === undefined ? {} : { verification: report.verification }),
      ...(report.checks === undefined ? {} : { checks: report.checks }),
      preview: impactJson(preview),
    };
    write(json, `token/${tokenId}`);
  };
}

function refuseReadOnly(): never {
  throw new TokenTuiError('confirmation-required', 'read-only mode: revoke is a mutation; nothing was revoked', {
    hint: 'run without --readonly to revoke a token',
  });
}

async function revokeAfterPreview(context: Parameters<CommandRun>[0], adapter: TokenAdapter, preview: ImpactPreview, write: DataWriter | undefined): Promise<number> {
  const { invocation, io, clock } = context;
  const [tokenId = ''] = invocation.positionals;
  const { confirm } = invocation.options;
  const text = write === undefined;
  const report = createReporter(io, write, adapter, preview);
  try {
    if (invocation.options.dryRun) {
      if (text) io.stdout.write('Dry run: nothing was revoked.\n');
      report({ outcome: 'dry-run' });
      return ExitCode.ok;
    }
    const unavailable = whyUnavailable(adapter, 'revoke', { readonly: false });
    if (unavailable !== null) throw new TokenTuiError('unsupported', `${unavailable.message}; nothing was revoked`, { source: adapter.id });
    const audit = startMutationAudit(io, adapter, clock);
    if (!confirmationSatisfied(preview, { kind: 'flag', confirm }, tokenId)) {
      const message = refusalMessage(tokenId, confirm);
      audit.record({ action: 'revoke', tokenId, impact: summarizeImpact(preview), outcome: 'refused', error: confirm === undefined ? 'no --confirm given' : '--confirm did not match the token id' });
      io.stderr.write(`tokentui: ${message}\n`);
      report({ outcome: 'refused', message });
      return audit.exitCode(ExitCode.confirmationRequired);
    }
    const outcome = await revokeAsPreviewed(adapter, { preview, confirmation: 'flag', record: (entry) => audit.record(entry) });
    if (outcome.kind === 'failed') throw outcome.error;
    if (outcome.kind === 'conflict') {
      const message = changedSinceMessage(tokenId);
      io.stderr.write(`tokentui: ${message}\n`);
      report({ outcome: 'conflict', message });
      return audit.exitCode(ExitCode.confirmationRequired);
    }
    const { gone, report: checks } = outcome;
    if (text) io.stdout.write(`Revoked token ${tokenId}.${gone.gone === true ? ' Verified: it no longer exists.' : ''}\n`);
    if (gone.gone !== true) warn(io.stderr, gone.detail);
    if (text) for (const line of checks?.verified ?? []) io.stdout.write(`Verified: ${line}.\n`);
    for (const line of checks?.warnings ?? []) warn(io.stderr, line);
    report({ outcome: 'revoked', verification: verificationJson(gone), checks });
    return audit.exitCode(gone.gone === false ? ExitCode.backend : ExitCode.ok);
  } catch (error) {
    report({ outcome: 'failed', message: toTokenTuiError(error, adapter.id).message });
    throw error;
  }
}

export const runRevoke: CommandRun = async (context) => {
  if (context.invocation.globals.readonly) refuseReadOnly();
  const [tokenId = ''] = context.invocation.positionals;
  const write = await dataWriter(context.invocation, context.io.stdout);
  const adapter = await context.openAdapter();
  try {
    const preview = await previewImpact(adapter, tokenId, context.clock);
    return await revokeAfterPreview(context, adapter, preview, write);
  } finally {
    await adapter.close?.();
  }
};
