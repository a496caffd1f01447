// `tokentui rotate --abandon ID [--confirm NEW_ID]`: gives up the unfinished rotation of ID (both
// tokens stay; the journal keeps the record, marked abandoned) and offers to revoke its
// replacement through the same gate as `revoke`: the replacement's impact preview is printed,
// and only --confirm equal to the REPLACEMENT's id revokes it, against that preview. A --confirm
// that names anything else changes nothing, not even the journal (exit 3).
//
// Exit codes: 0 abandoned (and the replacement revoked, when confirmed); 2 --ttl given; 3 wrong
// --confirm (nothing changed), or the replacement changed since its preview (abandoned, kept);
// 4 no unfinished rotation of ID; 1 the revoke failed.
import { previewImpact } from '../../adapters/operations/impact-preview.ts';
import { unfinishedRotationOf } from '../../adapters/operations/rotation-resume.ts';
import { ExitCode, isTokenTuiError, TokenTuiError, usageError } from '../../core/errors.ts';
import type { ImpactPreview } from '../../core/impact.ts';
import { describeAbandon, type RotationState } from '../../core/rotation-plan.ts';
import { openCliRotationJournal, startMutationAudit } from '../audit-context.ts';
import { formatImpactText } from '../impact-format.ts';
import { actedOn, actedOnLine, type ActedOn } from '../acted-on.ts';
import { dataWriter } from '../render/data-writer.ts';
import type { CommandRun } from './command-run.ts';
import { checkCanRevoke, flagConfirmation, revokePreviewed, type RevokeJson } from './revoke-attempt.ts';
import { rotateCommand } from './rotate-steps.ts';

/** `rotate --abandon ID -o json`. */
export interface AbandonJson extends ActedOn {
  readonly rotationId: string;
  readonly oldTokenId: string;
  readonly newTokenId: string | null;
  readonly abandoned: boolean;
  readonly replacementRevoked: boolean;
  readonly message: string;
  /** The replacement's revoke, when --confirm asked for it (its preview either way). */
  readonly replacement?: RevokeJson;
}

async function replacementPreview(run: Parameters<CommandRun>[0], adapter: Awaited<ReturnType<Parameters<CommandRun>[0]['openAdapter']>>, id: string): Promise<ImpactPreview | null> {
  try {
    return await previewImpact(adapter, id, run.clock);
  } catch (error) {
    if (isTokenTuiError(error) && error.kind === 'not-found') return null;
    throw error;
  }
}

export const runRotateAbandon: CommandRun = async (context) => {
  const { invocation, io, clock } = context;
  const [oldTokenId = ''] = invocation.positionals;
  const { confirm } = invocation.options;
  if (invocation.options.ttl !== undefined) throw usageError('--ttl does not go with --abandon', "run 'tokentui rotate --help'");
  const write = await dataWriter(invocation, io.stdout);
  const adapter = await context.openAdapter();
  try {
    const journal = openCliRotationJournal(io.env, adapter.target.stateDir);
    const unfinished: RotationState | undefined = unfinishedRotationOf(journal.listUnfinished({ adapter: adapter.id, ...adapter.target }), oldTokenId);
    if (unfinished === undefined) {
      throw new TokenTuiError('not-found', `no unfinished rotation of ${oldTokenId} on ${adapter.target.context} in ${journal.directory}; nothing was changed`, {
        hint: `\`${rotateCommand(oldTokenId)}\` starts one`,
      });
    }
    const replacementId = unfinished.newTokenId ?? null;
    const preview = replacementId === null ? null : await replacementPreview(context, adapter, replacementId);
    const text = (line: string) => write === undefined && io.stdout.write(`${line}\n`);
    const finish = (json: Omit<AbandonJson, 'rotationId' | 'oldTokenId' | 'newTokenId' | keyof ActedOn>, code: number): number => {
      write?.({ ...actedOn(adapter), rotationId: unfinished.rotationId, oldTokenId, newTokenId: replacementId, ...json } satisfies AbandonJson, `token/${replacementId ?? oldTokenId}`);
      return code;
    };
    if (write === undefined) io.stdout.write(actedOnLine(adapter));
    if (preview === null || replacementId === null) {
      if (confirm !== undefined) throw usageError(`--confirm has nothing to revoke: ${replacementId === null ? 'no replacement is known to exist' : `replacement ${replacementId} no longer exists`}`);
      journal.abandon(unfinished.rotationId, clock.now());
      const message = `${describeAbandon(unfinished)}${replacementId === null ? '' : ` (replacement ${replacementId} no longer exists)`}`;
      text(`Abandoned: ${message}.`);
      return finish({ abandoned: true, replacementRevoked: false, message }, ExitCode.ok);
    }
    if (write === undefined) io.stdout.write(formatImpactText(preview));
    const confirmed = flagConfirmation(preview, confirm);
    if (confirm !== undefined && !confirmed.ok) {
      // Never echo --confirm: it may hold a pasted token.
      const message = `nothing was changed: --confirm must be the replacement's id ${replacementId} to revoke it (\`${rotateCommand(oldTokenId, '--abandon')} --confirm ${replacementId}\`); \`${rotateCommand(oldTokenId, '--abandon')}\` abandons and keeps it`;
      io.stderr.write(`tokentui: ${message}\n`);
      return finish({ abandoned: false, replacementRevoked: false, message }, ExitCode.confirmationRequired);
    }
    // Abandoned before the revoke: a revoked replacement must never be resumed into.
    journal.abandon(unfinished.rotationId, clock.now());
    text(`Abandoned: ${describeAbandon(unfinished)}.`);
    if (confirm === undefined) {
      const message = `replacement ${replacementId} kept; to revoke it, run \`tokentui revoke ${replacementId} --confirm ${replacementId}\``;
      text(message);
      return finish({ abandoned: true, replacementRevoked: false, message }, ExitCode.ok);
    }
    checkCanRevoke(adapter);
    const audit = startMutationAudit(io, adapter, clock);
    const attempt = await revokePreviewed({ adapter, io, output: invocation.output, audit }, preview, confirmed);
    const message = attempt.json.revoked ? `rotation abandoned and replacement ${replacementId} revoked` : `rotation abandoned; replacement ${replacementId} not revoked: ${attempt.json.message ?? ''}`;
    finish({ abandoned: true, replacementRevoked: attempt.json.revoked, message, replacement: attempt.json }, attempt.exitCode);
    if (attempt.error !== undefined) throw attempt.error;
    return audit.exitCode(attempt.exitCode);
  } finally {
    await adapter.close?.();
  }
};
