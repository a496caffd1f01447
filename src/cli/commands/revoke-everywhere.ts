// `tokentui revoke --everywhere [--confirm ID] [--dry-run]`: the incident sweep. The leaked token
// is read like `find` reads it (stdin or a masked prompt, never argv), found in every context (or
// --contexts / --context-glob), previewed in each context where it is live, shown as one combined
// preview, and revoked only with --confirm equal to its id: the rule of a single revoke. Each
// context then revokes exactly what it previewed (the fingerprint precondition), journals its own
// attempt with its context, and verifies the token gone; a context that fails, changed since the
// preview or is read-only never stops the others. Running the command again retries what is left.
//
// --max-severity bounds the sweep as it bounds a batch: when the impact in any context is above
// it, nothing is revoked anywhere. --fingerprint pins one context's impact, so a sweep refuses it
// rather than ignore it; --ignore-not-found makes "live nowhere" exit 0.
//
// Exit: 0 revoked everywhere it was live, 3 nothing revoked for want of --confirm or over
// --max-severity (or a context changed since the preview / is read-only), 4 live nowhere, 1 a
// context failed or did not answer.
import { acrossContexts, type FleetMember } from '../../adapters/operations/fleet.ts';
import { previewImpact } from '../../adapters/operations/impact-preview.ts';
import { revokeAsPreviewed } from '../../adapters/operations/revoke.ts';
import { afterTwin, sweepRoles, sweepRow, type SweepRole } from '../../adapters/operations/sweep-revoke.ts';
import type { AdapterTarget, TokenAdapter } from '../../adapters/contract.ts';
import { summarizeImpact } from '../../core/audit.ts';
import { ExitCode, TokenTuiError, usageError } from '../../core/errors.ts';
import type { ImpactPreview } from '../../core/impact.ts';
import { sweepHeadline, sweepImpact, sweepWarnings } from '../../core/sweep-impact.ts';
import { startMutationAudit } from '../audit-context.ts';
import { contextTimeoutMs } from '../fleet-contexts.ts';
import { formatImpactText, impactJson } from '../impact-format.ts';
import { formatTable } from '../output.ts';
import { dataWriter } from '../render/data-writer.ts';
import type { CommandRun } from './command-run.ts';
import { pinRefusal, readRevokePins } from './revoke-pins.ts';
import { fleetErrors, isTarget, searchedEverywhere, searchFleet, unreadableJson } from './find.ts';

/** A revoke and its check that the token is gone (kubeadm: and its signature) take longer than a read. */
const EXECUTE_TIMEOUT_MS = 60_000;

type SweepOutcome = 'revoked' | 'skipped' | 'failed' | 'refused';

interface SweepRow {
  readonly context: string;
  readonly adapter: string;
  readonly preview?: ImpactPreview;
  readonly outcome: SweepOutcome | 'dry-run';
  readonly detail: string;
}

interface Previewed {
  readonly member: FleetMember;
  readonly adapterId: string;
  readonly target: AdapterTarget;
  readonly preview: ImpactPreview;
}

/** One line over every context (core/sweep-impact.ts, as the TUI's sweep heads its panel), then its warnings. */
function combinedSummary(previews: readonly Previewed[]): string {
  const impact = sweepImpact(previews.map(({ member, preview }) => ({ context: member.context, preview })));
  return [sweepHeadline(impact), ...sweepWarnings(impact).map((line) => `  ${line}`)].join('\n');
}

export const runRevokeEverywhere: CommandRun = async (command) => {
  const { invocation, io, clock } = command;
  const { options, globals } = invocation;
  if (globals.readonly) throw new TokenTuiError('confirmation-required', 'read-only mode: revoke is a mutation; nothing was revoked', { hint: 'run without --readonly to revoke' });
  // A batch's ways of confirming (several ids, --confirm-all) do not apply: one leaked token, one id.
  if (invocation.positionals.length > 1) throw usageError('revoke --everywhere sweeps one leaked token; several ids were given', 'run it once per leaked token (the token on stdin)');
  if (options.confirmAll !== undefined || (options.confirms?.length ?? 0) > 1) throw usageError('revoke --everywhere takes one --confirm ID (the leaked token\'s id), not --confirm-all or several', 'pass --confirm ID once');
  // Ignored, a pin would let a script believe it had bounded what the sweep may break.
  if (options.fingerprint !== undefined) throw usageError('--fingerprint pins one context\'s impact; revoke --everywhere previews the token in every context where it is live', 'bound the sweep with --max-severity, or review it first with --dry-run');
  const pins = readRevokePins(options, invocation.positionals);
  // -o json|yaml|name|jsonpath: the sweep's record instead of its words (a bad template: exit 2 now).
  const write = await dataWriter(invocation, io.stdout);
  const search = await searchFleet(command, 'revoke --everywhere');
  const { leaked } = search;
  if (leaked.kind === 'k3s-password') throw usageError('a k3s server token is rotated, not revoked', 'tokentui rotate --server-token --context NAME, in each k3s context');
  const tokenId = leaked.id;
  const allSearched = searchedEverywhere(search, io.stderr);
  const errors = fleetErrors(search);
  const targetNames = search.answers.flatMap((answer) => (answer.ok && isTarget(answer.value) ? [answer.context] : []));
  const json = write !== undefined;
  if (targetNames.length === 0) {
    if (write !== undefined) write({ tokenId, contexts: [], errors, ...unreadableJson(search) }, []);
    else io.stdout.write(`Token ${tokenId} is live in no context that answered; nothing to revoke.\n`);
    return allSearched ? (pins.ignoreNotFound ? ExitCode.ok : ExitCode.notFound) : ExitCode.backend;
  }
  const members = search.members.filter((member) => targetNames.includes(member.context));
  const previewAnswers = await acrossContexts(members, async (adapter, member) => ({ member, adapterId: adapter.id, target: adapter.target, preview: await previewImpact(adapter, tokenId, clock) }), { timeoutMs: contextTimeoutMs(options) });
  const previewed = previewAnswers.flatMap((answer) => (answer.ok ? [answer.value] : []));
  const rows: SweepRow[] = previewAnswers.flatMap((answer) => (answer.ok ? [] : [{ context: answer.context, adapter: '-', outcome: 'failed' as const, detail: `no preview: ${answer.reason}` }]));

  if (!json) {
    io.stdout.write(`Token ${tokenId} is live in ${targetNames.length} context${targetNames.length === 1 ? '' : 's'}: ${targetNames.join(', ')} (the secret is compared, never shown).\n\n`);
    for (const { member, adapterId, target, preview } of previewed) io.stdout.write(`== ${member.context} (${adapterId}, ${target.server}) ==\n${formatImpactText(preview)}\n`);
    io.stdout.write(`${combinedSummary(previewed)}\n`);
  }
  const finish = (exit: number) => {
    if (write !== undefined) {
      // -o name: where it was revoked, CONTEXT/token/ID a line (as list -A names a token).
      const revokedIn = rows.filter((row) => row.outcome === 'revoked').map((row) => `${row.context}/token/${tokenId}`);
      write({
        tokenId,
        contexts: rows.map((row) => ({ context: row.context, adapter: row.adapter, outcome: row.outcome, detail: row.detail, ...(row.preview === undefined ? {} : { preview: impactJson(row.preview) }) })),
        errors,
        ...unreadableJson(search),
      }, revokedIn);
    } else if (rows.some((row) => row.outcome !== 'dry-run')) {
      io.stdout.write(`\n${formatTable(['CONTEXT', 'OUTCOME', 'DETAIL'], rows.map((row) => [row.context, row.outcome, row.detail]))}`);
    }
    return exit;
  };

  if (options.dryRun) {
    rows.push(...previewed.map(({ member, adapterId, preview }) => ({ context: member.context, adapter: adapterId, preview, outcome: 'dry-run' as const, detail: 'nothing was revoked' })));
    if (!json) io.stdout.write('Dry run: nothing was revoked anywhere.\n');
    return finish(allSearched && rows.every((row) => row.outcome === 'dry-run') ? ExitCode.ok : ExitCode.backend);
  }
  /** Nothing revoked anywhere: each previewed context journals its refusal (`why` per context, by index). */
  const refuseEverywhere = (why: (index: number) => string, message: string) => {
    let exit: number = ExitCode.confirmationRequired;
    for (const [index, { member, adapterId, target, preview }] of previewed.entries()) {
      const audit = startMutationAudit(io, { id: adapterId, target }, clock);
      audit.record({ action: 'revoke', tokenId, impact: summarizeImpact(preview), outcome: 'refused', error: why(index) });
      exit = audit.exitCode(exit);
      rows.push({ context: member.context, adapter: adapterId, preview, outcome: 'refused', detail: why(index) });
    }
    io.stderr.write(`tokentui: nothing was revoked anywhere: ${message}\n`);
    return finish(exit);
  };
  // As for a single revoke and a batch: the pins first, then the confirmation.
  const refusals = previewed.map(({ preview }) => pinRefusal(preview, pins));
  const above = previewed.filter((_entry, index) => refusals[index] !== null).map(({ member }) => member.context);
  if (above.length > 0) {
    const bound = `above --max-severity ${pins.maxSeverity ?? ''}`;
    return refuseEverywhere(
      (index) => refusals[index]?.why ?? `not revoked: the impact in ${above.join(', ')} is ${bound}, and a sweep revokes everywhere or nowhere`,
      `the impact in ${above.join(', ')} is ${bound}`,
    );
  }
  if (options.confirm !== tokenId) {
    const why = options.confirm === undefined ? 'no --confirm given' : '--confirm did not match the token id';
    return refuseEverywhere(() => why, options.confirm === undefined ? `pass --confirm ${tokenId} to revoke it in every context above` : `--confirm does not match the token id ${tokenId}`);
  }

  // Contexts that see one token (one cluster, one store) revoke it once; the others, read-only
  // ones too, then check that it is gone (sweep-revoke.ts). Two rounds, so that nobody waits
  // for a twin whose adapter never opened.
  const roles = sweepRoles(previewed.map(({ member, preview }) => ({ context: member.context, readonly: member.readonly, preview })));
  const byContext = new Map(previewed.map((entry) => [entry.member.context, entry]));
  const withRole = (kind: SweepRole['kind']) => previewed.filter(({ member }) => roles.get(member.context)?.kind === kind);
  let unrecorded = false;
  const revokeIn = async (adapter: TokenAdapter, preview: ImpactPreview) => {
    const audit = startMutationAudit(io, adapter, clock);
    const outcome = await revokeAsPreviewed(adapter, { preview, confirmation: 'flag', record: (entry) => audit.record(entry) });
    unrecorded ||= audit.exitCode(ExitCode.ok) !== ExitCode.ok;
    return outcome;
  };
  const revoked = await acrossContexts(withRole('revoke').map(({ member }) => member), (adapter, member) => revokeIn(adapter, byContext.get(member.context)!.preview), { timeoutMs: EXECUTE_TIMEOUT_MS });
  const outcomeIn = new Map(revoked.flatMap((answer) => (answer.ok ? [[answer.context, answer.value] as const] : [])));
  const checked = await acrossContexts(withRole('after').map(({ member }) => member), (adapter, member) => {
    const { preview } = byContext.get(member.context)!;
    const role = roles.get(member.context) as Extract<SweepRole, { kind: 'after' }>;
    return afterTwin({ adapter, preview }, role.twin, outcomeIn.get(role.twin), member.readonly ? undefined : () => revokeIn(adapter, preview));
  }, { timeoutMs: EXECUTE_TIMEOUT_MS });
  for (const { member, adapterId, preview } of withRole('read-only')) rows.push({ context: member.context, adapter: adapterId, preview, ...sweepRow({ kind: 'read-only' }) });
  for (const answer of [...revoked, ...checked]) {
    const { adapterId, preview } = byContext.get(answer.context)!;
    const base = { context: answer.context, adapter: adapterId, preview };
    rows.push(answer.ok ? { ...base, ...sweepRow(answer.value) } : { ...base, outcome: 'failed', detail: `${answer.reason} (check with tokentui find)` });
  }
  const failed = rows.some((row) => row.outcome === 'failed') || !allSearched || unrecorded;
  const skipped = rows.some((row) => row.outcome === 'skipped');
  if (failed && !json) io.stderr.write('tokentui: some contexts were not swept; run the same command again to retry them\n');
  return finish(failed ? ExitCode.backend : skipped ? ExitCode.confirmationRequired : ExitCode.ok);
};
