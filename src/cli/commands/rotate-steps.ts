// The rotation plan (core/rotation-plan.ts) executed on the command line, from whatever step the
// state is at, each step journaled before the next begins. The old token is revoked only with
// `--confirm` equal to its id, and only in the state its preview was computed from.
//
// Journal writes: the first one (before anything is created) must succeed, or nothing is done.
// After the replacement exists, a failed write is reported and the rotation goes on: the
// secret must still be shown, and stopping half-way would leave more to clean up than going on.
import type { TokenAdapter } from '../../adapters/contract.ts';
import { createToken, joinCommandFields, joinCommandFor, makeDefault } from '../../adapters/operations/create.ts';
import { previewImpact } from '../../adapters/operations/impact-preview.ts';
import { preconditionOf, revokeAsPreviewed } from '../../adapters/operations/revoke.ts';
import { summarizeImpact } from '../../core/audit.ts';
import type { Clock } from '../../core/clock.ts';
import { ExitCode, isTokenTuiError, toTokenTuiError } from '../../core/errors.ts';
import type { ImpactPreview } from '../../core/impact.ts';
import { confirmationSatisfied } from '../../core/revoke-policy.ts';
import { nextStep, SECRET_NEVER_SHOWN_NOTE, type ReplacementTtlSource, type RotationEvent, type RotationState } from '../../core/rotation-plan.ts';
import type { CreatedToken } from '../../core/token.ts';
import type { RotationJournal } from '../../journals/rotation-journal.ts';
import type { MutationAudit } from '../audit-context.ts';
import { warn } from '../exit.ts';
import type { CliIo } from '../io.ts';
import { verificationJson } from './revoke-attempt.ts';
import type { RotateReporter } from './rotate-report.ts';

export interface RotationRun {
  readonly adapter: TokenAdapter;
  readonly journal: RotationJournal;
  readonly audit: MutationAudit;
  readonly reporter: RotateReporter;
  readonly io: Pick<CliIo, 'stderr' | 'env'>;
  readonly clock: Clock;
  /** Where the replacement's TTL came from; null when resuming (the replacement exists). */
  readonly ttlSource: ReplacementTtlSource | null;
  /** Resuming a journaled rotation: its replacement was created by an earlier run. */
  readonly resumed?: boolean;
  /** `--confirm`: must equal the old token's id for the revoke. */
  readonly confirm: string | undefined;
}

type Event = RotationEvent extends infer E ? (E extends RotationEvent ? Omit<E, 'at'> : never) : never;

/** `tokentui rotate abcdef --confirm abcdef` / `tokentui rotate --abandon abcdef`: the commands every refusal names. */
export function rotateCommand(oldTokenId: string, how: 'resume' | '--confirm' | '--abandon' = 'resume'): string {
  if (how === '--abandon') return `tokentui rotate --abandon ${oldTokenId}`;
  return how === '--confirm' ? `tokentui rotate ${oldTokenId} --confirm ${oldTokenId}` : `tokentui rotate ${oldTokenId}`;
}

/** What to run next while the rotation of `oldTokenId` is unfinished (it keeps its replacement). */
export function nextRotateCommands(oldTokenId: string): string {
  return `run \`${rotateCommand(oldTokenId, '--confirm')}\` to revoke it with the same replacement, or \`${rotateCommand(oldTokenId, '--abandon')}\` to give the rotation up`;
}

export function unfinishedMessage(state: RotationState): string {
  return `the rotation of ${state.oldTokenId} is unfinished at step "${state.step}": replacement ${state.newTokenId} exists and ${state.oldTokenId} is not revoked; ${nextRotateCommands(state.oldTokenId)}`;
}

export function notRevokedMessage(state: RotationState, resumed = false, why = ''): string {
  return `replacement ${state.newTokenId} ${resumed ? 'kept' : 'created'}; old token ${state.oldTokenId} NOT revoked${why}: ${nextRotateCommands(state.oldTokenId)}`;
}

/** Runs the rotation to its end (or to a refusal); resolves to the exit code, throws on failure. */
export async function runRotationSteps(run: RotationRun, initial: RotationState): Promise<number> {
  const { adapter, journal, audit, reporter, io, clock } = run;
  let state = initial;
  let unjournaled = false;
  let created: CreatedToken | undefined;
  let preview: ImpactPreview | undefined;
  let exitCode: number = ExitCode.ok;
  const oldId = state.oldTokenId;

  const advance = (event: Event) => {
    state = nextStep(state, { ...event, at: clock.now() } as RotationEvent);
    try {
      journal.save(state);
    } catch (error) {
      if (!unjournaled) warn(io.stderr, `${toTokenTuiError(error).message}; this rotation cannot be resumed if it is interrupted`);
      unjournaled = true;
    }
  };
  const end = (code: number) => {
    // A stopped rotation stays journaled: the next `rotate` of the old token resumes it.
    if (state.status === 'done') journal.complete(state.rotationId);
    return audit.exitCode(unjournaled && code === ExitCode.ok ? ExitCode.backend : code);
  };

  try {
    journal.save(state);
    for (;;) {
      switch (state.step) {
        case 'create-replacement': {
          const outcome = await createToken(adapter, state.replacement, { record: (entry) => audit.record(entry), replaces: oldId });
          if (outcome.kind === 'failed') throw outcome.error;
          created = outcome.created;
          advance({ type: 'replacement-created', newTokenId: created.token.id });
          break;
        }
        case 'show-replacement': {
          // Text is on stdout now; -o json writes its one object at the end, so a kill in between
          // loses the secret: the interruption message allows for that ("if it was not saved").
          if (created === undefined) warn(io.stderr, `replacement ${state.newTokenId}: ${SECRET_NEVER_SHOWN_NOTE}`);
          else {
            const join = joinCommandFields(await joinCommandFor(adapter, created));
            if (join.joinCommandError !== null) warn(io.stderr, `could not build the join command: ${join.joinCommandError}`);
            reporter.replacement({ created, ttlSource: run.ttlSource ?? 'adapter-default', ...join });
          }
          advance({ type: 'replacement-shown' });
          break;
        }
        case 'make-default': {
          const newId = state.newTokenId!;
          const failure = await makeDefault(adapter, newId, { record: (entry) => audit.record(entry), replaces: oldId });
          if (failure !== null) throw failure;
          reporter.madeDefault(newId);
          advance({ type: 'made-default' });
          break;
        }
        case 'preview-old-impact': {
          try {
            preview = await previewImpact(adapter, oldId, clock);
          } catch (error) {
            if (!(isTokenTuiError(error) && error.kind === 'not-found')) throw error;
            advance({ type: 'old-gone' });
            break;
          }
          reporter.preview(preview);
          advance({ type: 'impact-previewed' });
          break;
        }
        case 'confirm': {
          const impact = summarizeImpact(preview!);
          if (!confirmationSatisfied(preview!, { kind: 'flag', confirm: run.confirm }, oldId)) {
            const why = run.confirm === undefined ? 'no --confirm given' : '--confirm did not match the old token id';
            audit.record({ action: 'rotate', tokenId: oldId, replacedBy: state.newTokenId!, impact, outcome: 'refused', error: `${why}; replacement ${state.newTokenId} kept` });
            advance({ type: 'stopped' });
            // Never echo --confirm: someone may have pasted the whole token into it.
            const message = notRevokedMessage(state, run.resumed, run.confirm === undefined ? '' : ' (--confirm does not match the old token id)');
            io.stderr.write(`tokentui: ${message}\n`);
            reporter.finish('refused', state, message);
            return end(ExitCode.confirmationRequired);
          }
          // A preview that pins no revision stops here, before the confirmation is journaled.
          preconditionOf(preview!, adapter);
          advance({ type: 'confirmed' });
          break;
        }
        case 'revoke-old': {
          const outcome = await revokeAsPreviewed(adapter, {
            preview: preview!,
            action: 'rotate',
            replacedBy: state.newTokenId!,
            confirmation: 'flag',
            record: (entry) => audit.record(entry),
          });
          if (outcome.kind === 'failed') throw outcome.error;
          if (outcome.kind === 'conflict') {
            advance({ type: 'stopped' });
            const message = `replacement ${state.newTokenId} kept; token ${oldId} changed since the preview (re-created or modified); nothing was revoked — run \`${rotateCommand(oldId)}\` to see the new preview (the same replacement is kept)`;
            io.stderr.write(`tokentui: ${message}\n`);
            reporter.finish('conflict', state, message);
            return end(ExitCode.confirmationRequired);
          }
          const { gone, report } = outcome;
          if (gone.gone !== true) warn(io.stderr, gone.detail);
          for (const line of report?.warnings ?? []) warn(io.stderr, line);
          if (gone.gone === false) exitCode = ExitCode.backend;
          reporter.revoked(oldId, verificationJson(gone), report);
          advance({ type: 'old-revoked' });
          break;
        }
        case 'summary': {
          const revoked = state.completedSteps.includes('revoke-old');
          advance({ type: 'summary-shown' });
          reporter.finish(revoked ? 'rotated' : 'old-already-gone', state);
          return end(exitCode);
        }
      }
    }
  } catch (error) {
    reporter.finish('failed', state, toTokenTuiError(error, adapter.id).message);
    if (state.status === 'in-progress' && state.newTokenId !== undefined) {
      warn(io.stderr, unfinishedMessage(state));
    }
    throw error;
  }
}
