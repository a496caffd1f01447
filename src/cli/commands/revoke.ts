// `tokentui revoke ID [--dry-run] [--confirm ID]`: always computes and prints the
// impact preview first; revokes only with `--confirm` equal to the token id, and only the token
// state the preview was computed from. Never prompts (the TUI is the interactive path).
// Several ids (`revoke ID ID ...`): revoke-batch.ts, through the same per-token attempt.
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
import type { TokenAdapter } from '../../adapters/contract.ts';
import { previewImpact } from '../../adapters/operations/impact-preview.ts';
import { ExitCode, isTokenTuiError, TokenTuiError, usageError } from '../../core/errors.ts';
import type { ImpactPreview } from '../../core/impact.ts';
import { startMutationAudit } from '../audit-context.ts';
import { fleetRequested } from '../fleet-contexts.ts';
import { formatImpactText, impactJson } from '../impact-format.ts';
import { actedOn, actedOnLine } from '../acted-on.ts';
import { dataWriter, type DataWriter } from '../render/data-writer.ts';
import type { CliIo } from '../io.ts';
import type { CommandRun } from './command-run.ts';
import { pinRefusal, readRevokePins, type RevokePins } from './revoke-pins.ts';
import { batchRefusal, parseConfirmAll, runRevokeBatch } from './revoke-batch.ts';
import { checkCanRevoke, flagConfirmation, revokePreviewed, type RevokeJson } from './revoke-attempt.ts';

function refuseReadOnly(): never {
  throw new TokenTuiError('confirmation-required', 'read-only mode: revoke is a mutation; nothing was revoked', {
    hint: 'run without --readonly to revoke a token',
  });
}

async function revokeOne(context: Parameters<CommandRun>[0], adapter: TokenAdapter, preview: ImpactPreview, write: DataWriter | undefined, pins: RevokePins): Promise<number> {
  const { invocation, io, clock } = context;
  const output = invocation.output;
  const name = `token/${preview.tokenId}`;
  if (write === undefined) io.stdout.write(actedOnLine(adapter) + formatImpactText(preview));
  if (invocation.options.dryRun) {
    if (write === undefined) io.stdout.write('Dry run: nothing was revoked.\n');
    else write({ tokenId: preview.tokenId, ...actedOn(adapter), outcome: 'dry-run', revoked: false, preview: impactJson(preview) } satisfies RevokeJson, name);
    return ExitCode.ok;
  }
  checkCanRevoke(adapter);
  const audit = startMutationAudit(io, adapter, clock);
  const confirms = invocation.options.confirms ?? [];
  const confirmAll = invocation.options.confirmAll === undefined ? undefined : parseConfirmAll(invocation.options.confirmAll);
  // The pins first (what was reviewed, the severity allowed), then `--confirm-all 1` confirms a
  // batch of one; otherwise the one --confirm must be the id.
  const pinned = pinRefusal(preview, pins);
  const confirmed =
    pinned !== null
      ? { ok: false, ...pinned }
      : confirmAll === undefined
      ? flagConfirmation(preview, confirms.length === 1 ? confirms[0] : confirms.length === 0 ? undefined : '')
      : { ok: confirmAll === 1, why: '--confirm-all did not match the number of tokens', message: batchRefusal([preview.tokenId], [], confirmAll) ?? '' };
  const attempt = await revokePreviewed({ adapter, io, output, audit }, preview, confirmed);
  write?.(attempt.json, name);
  if (attempt.error !== undefined) throw attempt.error;
  return audit.exitCode(attempt.exitCode);
}

/** The preview; null for a missing token when --ignore-not-found says that is nothing to do. */
async function previewOrGone(adapter: TokenAdapter, id: string, context: Parameters<CommandRun>[0], pins: RevokePins): Promise<ImpactPreview | null> {
  try {
    return await previewImpact(adapter, id, context.clock);
  } catch (error) {
    if (pins.ignoreNotFound && isTokenTuiError(error) && error.kind === 'not-found') return null;
    throw error;
  }
}

function notFoundIgnored(adapter: TokenAdapter, id: string, io: CliIo, write: DataWriter | undefined): number {
  if (write === undefined) io.stdout.write(`${actedOnLine(adapter)}Token ${id} does not exist; nothing to revoke (--ignore-not-found).\n`);
  else write({ tokenId: id, ...actedOn(adapter), outcome: 'not-found', revoked: false } satisfies RevokeJson, `token/${id}`);
  return ExitCode.ok;
}

export const runRevoke: CommandRun = async (context) => {
  const { options } = context.invocation;
  // The incident sweep (issue 18): loaded only when asked for.
  if (options.everywhere === true) return (await import('./revoke-everywhere.ts')).runRevokeEverywhere(context);
  if (fleetRequested(options)) throw usageError('-A, --contexts and --context-glob choose where --everywhere sweeps', 'add --everywhere (the token on stdin), or use --context NAME for one context');
  if (context.invocation.globals.readonly) refuseReadOnly();
  const ids = context.invocation.positionals;
  const { confirmAll, confirms = [] } = context.invocation.options;
  if (confirmAll !== undefined) parseConfirmAll(confirmAll);
  if (confirmAll !== undefined && confirms.length > 0) throw usageError('give --confirm or --confirm-all, not both', "run 'tokentui revoke --help'");
  const pins = readRevokePins(context.invocation.options, ids);
  const write = await dataWriter(context.invocation, context.io.stdout);
  const adapter = await context.openAdapter();
  try {
    if (ids.length > 1) return await runRevokeBatch(context, adapter, ids, write, pins);
    const id = ids[0] ?? '';
    const preview = await previewOrGone(adapter, id, context, pins);
    if (preview === null) return notFoundIgnored(adapter, id, context.io, write);
    return await revokeOne(context, adapter, preview, write, pins);
  } finally {
    await adapter.close?.();
  }
};
