// `tokentui revoke ID [--dry-run] [--confirm ID]` (product.md): always computes and prints the
// impact preview first; revokes only with `--confirm` equal to the token id, and only the token
// state the preview was computed from. Never prompts (the TUI is the interactive path).
//
// The preview's fingerprint is the adapter's revoke precondition: kubeadm's is `uid:resourceVersion`
// (sent as DeleteOptions preconditions), the rest adapter's is the preview's ETag (sent as
// If-Match, with the token id as uid). A token that changed since the preview (re-created with
// the same id, or modified) is not revoked: exit 3, "refused, nothing changed", like a missing
// --confirm, because the operator has not seen the impact of what is there now.
//
// Exit codes: 0 revoked (or --dry-run), 3 read-only / no or wrong --confirm / changed since the
// preview, 4 not found, 1 backend failure or a revoked token that still exists afterwards.
// Every attempt past --dry-run (refusals included) appends one audit record; --readonly and a
// token that cannot be previewed stop before anything is attempted and are not journaled.
import type { RevokeReport as AdapterRevokeReport, TokenAdapter } from '../../adapters/contract.ts';
import { summarizeImpact } from '../../core/audit.ts';
import { ExitCode, isTokenTuiError, TokenTuiError, toTokenTuiError } from '../../core/errors.ts';
import type { ImpactPreview } from '../../core/impact.ts';
import { fingerprintToRevision } from '../../core/fingerprint.ts';
import { confirmationSatisfied } from '../../core/revoke-policy.ts';
import type { TokenRevision } from '../../core/token.ts';
import { startMutationAudit } from '../audit-context.ts';
import { warn } from '../exit.ts';
import { formatImpactText, impactJson, type ImpactJson } from '../impact-format.ts';
import type { CliIo } from '../io.ts';
import { writeJson } from '../output.ts';
import type { OutputFormat } from '../command-table.ts';
import type { CommandRun } from './command-run.ts';
import { previewImpact } from './impact.ts';

export type RevokeOutcome = 'dry-run' | 'refused' | 'conflict' | 'revoked' | 'failed';

export interface RevokeVerification {
  /** true: verified gone; false: still there; null: could not be checked. */
  readonly tokenGone: boolean | null;
  readonly detail?: string;
}

/** `revoke -o json`: one object, whatever the outcome. */
export interface RevokeJson {
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

/** The precondition the adapter's revoke takes: every preview fingerprint is `uid:version` (core/fingerprint.ts). */
export function expectedRevision(adapter: TokenAdapter, tokenId: string, fingerprint: string): TokenRevision {
  try {
    return fingerprintToRevision(fingerprint);
  } catch {
    throw new TokenTuiError('server', `the impact preview of token ${tokenId} names no revision to revoke against; nothing was revoked`, {
      source: adapter.id,
    });
  }
}

/** After an accepted revoke: is the token really gone (and not already back under the same id)? */
export async function verifyTokenGone(adapter: TokenAdapter, tokenId: string, revoked: TokenRevision): Promise<RevokeVerification> {
  try {
    const token = await adapter.get(tokenId);
    const recreated = token.revision !== undefined && token.revision.uid !== revoked.uid;
    const detail = recreated
      ? `a token with id ${tokenId} exists again: it was created after the revoke`
      : `token ${tokenId} still exists after the revoke was accepted`;
    return { tokenGone: false, detail };
  } catch (error) {
    if (isTokenTuiError(error) && error.kind === 'not-found') return { tokenGone: true };
    return { tokenGone: null, detail: `revoked, but could not check that token ${tokenId} is gone: ${toTokenTuiError(error, adapter.id).message}` };
  }
}

interface RevokeReport {
  readonly outcome: RevokeOutcome;
  readonly message?: string;
  readonly verification?: RevokeVerification;
  readonly checks?: AdapterRevokeReport | undefined;
}

/** Text: the preview at once, results as they come. JSON: one object at the end. */
function createReporter(io: CliIo, output: OutputFormat, tokenId: string, preview: ImpactPreview) {
  if (output !== 'json') io.stdout.write(formatImpactText(preview));
  return (report: RevokeReport): void => {
    if (output !== 'json') return;
    const json: RevokeJson = {
      tokenId,
      outcome: report.outcome,
      revoked: report.outcome === 'revoked',
      ...(report.message === undefined ? {} : { message: report.message }),
      ...(report.verification === undefined ? {} : { verification: report.verification }),
      ...(report.checks === undefined ? {} : { checks: report.checks }),
      preview: impactJson(preview),
    };
    writeJson(io.stdout, json);
  };
}

function refuseReadOnly(): never {
  throw new TokenTuiError('confirmation-required', 'read-only mode: revoke is a mutation; nothing was revoked', {
    hint: 'run without --readonly to revoke a token',
  });
}

async function revokeAfterPreview(context: Parameters<CommandRun>[0], adapter: TokenAdapter, preview: ImpactPreview): Promise<number> {
  const { invocation, io, clock } = context;
  const [tokenId = ''] = invocation.positionals;
  const { confirm } = invocation.options;
  const report = createReporter(io, invocation.output, tokenId, preview);
  try {
    if (invocation.options.dryRun) {
      if (invocation.output !== 'json') io.stdout.write('Dry run: nothing was revoked.\n');
      report({ outcome: 'dry-run' });
      return ExitCode.ok;
    }
    if (!adapter.capabilities.revoke || adapter.revoke === undefined) {
      throw new TokenTuiError('unsupported', 'this backend cannot revoke tokens; nothing was revoked', { source: adapter.id });
    }
    const audit = startMutationAudit(io, adapter, clock);
    const impact = summarizeImpact(preview);
    if (!confirmationSatisfied(preview, { kind: 'flag', confirm }, tokenId)) {
      const message = refusalMessage(tokenId, confirm);
      audit.record({ action: 'revoke', tokenId, impact, outcome: 'refused', error: confirm === undefined ? 'no --confirm given' : '--confirm did not match the token id' });
      io.stderr.write(`tokentui: ${message}\n`);
      report({ outcome: 'refused', message });
      return audit.exitCode(ExitCode.confirmationRequired);
    }
    let expected: TokenRevision;
    let revokeReport: AdapterRevokeReport | undefined;
    try {
      expected = expectedRevision(adapter, tokenId, preview.fingerprint);
      revokeReport = (await adapter.revoke(tokenId, expected)) ?? undefined;
    } catch (error) {
      const failure = toTokenTuiError(error, adapter.id);
      if (failure.kind !== 'conflict') {
        audit.record({ action: 'revoke', tokenId, impact, confirmation: 'flag', outcome: 'failure', error: failure.message });
        throw failure;
      }
      const message = changedSinceMessage(tokenId);
      audit.record({ action: 'revoke', tokenId, impact, confirmation: 'flag', outcome: 'refused', error: 'token changed since the preview' });
      io.stderr.write(`tokentui: ${message}\n`);
      report({ outcome: 'conflict', message });
      return audit.exitCode(ExitCode.confirmationRequired);
    }
    audit.record({ action: 'revoke', tokenId, impact, confirmation: 'flag', outcome: 'success' });
    const verification = await verifyTokenGone(adapter, tokenId, expected);
    if (invocation.output !== 'json') io.stdout.write(`Revoked token ${tokenId}.${verification.tokenGone ? ' Verified: it no longer exists.' : ''}\n`);
    if (verification.detail !== undefined) warn(io.stderr, verification.detail);
    if (invocation.output !== 'json') for (const line of revokeReport?.verified ?? []) io.stdout.write(`Verified: ${line}.\n`);
    for (const line of revokeReport?.warnings ?? []) warn(io.stderr, line);
    report({ outcome: 'revoked', verification, checks: revokeReport });
    return audit.exitCode(verification.tokenGone === false ? ExitCode.backend : ExitCode.ok);
  } catch (error) {
    report({ outcome: 'failed', message: toTokenTuiError(error, adapter.id).message });
    throw error;
  }
}

export const runRevoke: CommandRun = async (context) => {
  if (context.invocation.globals.readonly) refuseReadOnly();
  const [tokenId = ''] = context.invocation.positionals;
  const adapter = await context.openAdapter();
  try {
    const preview = await previewImpact(adapter, tokenId, context.clock);
    return await revokeAfterPreview(context, adapter, preview);
  } finally {
    await adapter.close?.();
  }
};
