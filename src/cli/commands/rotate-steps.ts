// The rotation plan (core/rotation-plan.ts) executed on the command line, from whatever step the
// state is at, each step journaled before the next begins. The old token is revoked only with
// `--confirm` equal to its id, and only in the state its preview was computed from.
//
// Journal writes: the first one (before anything is created) must succeed, or nothing is done.
// After the replacement exists, a failed write is reported and the rotation goes on: the
// secret must still be shown, and stopping half-way would leave more to clean up than going on.
import type { RevokeReport as AdapterRevokeReport, TokenAdapter } from '../../adapters/contract.ts';
import { summarizeImpact } from '../../core/audit.ts';
import type { Clock } from '../../core/clock.ts';
import { ExitCode, isTokenTuiError, toTokenTuiError } from '../../core/errors.ts';
import type { ImpactPreview } from '../../core/impact.ts';
import { confirmationSatisfied } from '../../core/revoke-policy.ts';
import { nextStep, SECRET_NEVER_SHOWN_NOTE, type ReplacementTtlSource, type RotationEvent, type RotationState } from '../../core/rotation-plan.ts';
import type { CreatedToken, TokenRevision } from '../../core/token.ts';
import type { RotationJournal } from '../../state/rotation-journal.ts';
import type { MutationAudit } from '../audit-context.ts';
import { warn } from '../exit.ts';
import type { CliIo } from '../io.ts';
import { previewImpact } from './impact.ts';
import { changedSinceMessage, expectedRevision, verifyTokenGone } from './revoke.ts';
import type { RotateReporter } from './rotate-report.ts';

export interface RotationRun {
  readonly adapter: TokenAdapter;
  readonly journal: RotationJournal;
  readonly audit: MutationAudit;
  readonly reporter: RotateReporter;
  readonly io: Pick<CliIo, 'stderr' | 'env'>;
  readonly clock: Clock;
  readonly ttlSource: ReplacementTtlSource;
  /** `--confirm`: must equal the old token's id for the revoke. */
  readonly confirm: string | undefined;
}

type Event = RotationEvent extends infer E ? (E extends RotationEvent ? Omit<E, 'at'> : never) : never;

export function unfinishedMessage(state: RotationState): string {
  return `the rotation of ${state.oldTokenId} is unfinished at step "${state.step}": replacement ${state.newTokenId} exists and ${state.oldTokenId} is not revoked; run \`tokentui rotate ${state.oldTokenId}\` to see how to resume or abandon it`;
}

export function notRevokedMessage(state: RotationState): string {
  return `replacement ${state.newTokenId} created; old token ${state.oldTokenId} NOT revoked: pass --confirm ${state.oldTokenId}`;
}

async function joinCommandOf(adapter: TokenAdapter, created: CreatedToken): Promise<{ joinCommand: string | null; joinCommandError: string | null }> {
  if (!adapter.capabilities.joinCommand || adapter.joinCommand === undefined) return { joinCommand: null, joinCommandError: null };
  try {
    return { joinCommand: await adapter.joinCommand(created), joinCommandError: null };
  } catch (error) {
    return { joinCommand: null, joinCommandError: toTokenTuiError(error, adapter.id).message };
  }
}

/** Runs the rotation to its end (or to a refusal); resolves to the exit code, throws on failure. */
export async function runRotationSteps(run: RotationRun, initial: RotationState): Promise<number> {
  const { adapter, journal, audit, reporter, io, clock } = run;
  let state = initial;
  let unjournaled = false;
  let created: CreatedToken | undefined;
  let preview: ImpactPreview | undefined;
  let expected: TokenRevision | undefined;
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
    if (state.status !== 'in-progress') journal.complete(state.rotationId);
    return audit.exitCode(unjournaled && code === ExitCode.ok ? ExitCode.backend : code);
  };

  try {
    journal.save(state);
    for (;;) {
      switch (state.step) {
        case 'create-replacement': {
          try {
            created = await adapter.create!(state.replacement);
          } catch (error) {
            audit.record({ action: 'create', tokenId: '', outcome: 'failure', error: toTokenTuiError(error, adapter.id).message });
            throw error;
          }
          audit.record({ action: 'create', tokenId: created.token.id, outcome: 'success' });
          advance({ type: 'replacement-created', newTokenId: created.token.id });
          break;
        }
        case 'show-replacement': {
          // Text is on stdout now; -o json writes its one object at the end, so a kill in between
          // loses the secret: the interruption message allows for that ("if it was not saved").
          if (created === undefined) warn(io.stderr, `replacement ${state.newTokenId}: ${SECRET_NEVER_SHOWN_NOTE}`);
          else {
            const join = await joinCommandOf(adapter, created);
            if (join.joinCommandError !== null) warn(io.stderr, `could not build the join command: ${join.joinCommandError}`);
            reporter.replacement({ created, ttlSource: run.ttlSource, ...join });
          }
          advance({ type: 'replacement-shown' });
          break;
        }
        case 'make-default': {
          const newId = state.newTokenId!;
          try {
            await adapter.makeDefault!(newId);
          } catch (error) {
            audit.record({ action: 'make-default', tokenId: newId, outcome: 'failure', error: toTokenTuiError(error, adapter.id).message });
            throw error;
          }
          audit.record({ action: 'make-default', tokenId: newId, outcome: 'success' });
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
            audit.record({ action: 'rotate', tokenId: oldId, impact, outcome: 'refused', error: `${why}; replacement ${state.newTokenId} kept` });
            advance({ type: 'stopped' });
            const message = notRevokedMessage(state);
            // Never echo --confirm: someone may have pasted the whole token into it.
            io.stderr.write(`tokentui: ${message}${run.confirm === undefined ? '' : ' (--confirm does not match the old token id)'}\n`);
            reporter.finish('refused', state, message);
            return end(ExitCode.confirmationRequired);
          }
          expected = expectedRevision(adapter, oldId, preview!.fingerprint);
          advance({ type: 'confirmed' });
          break;
        }
        case 'revoke-old': {
          const impact = summarizeImpact(preview!);
          let report: AdapterRevokeReport | undefined;
          try {
            report = (await adapter.revoke!(oldId, expected)) ?? undefined;
          } catch (error) {
            const failure = toTokenTuiError(error, adapter.id);
            if (failure.kind !== 'conflict') {
              audit.record({ action: 'rotate', tokenId: oldId, impact, confirmation: 'flag', outcome: 'failure', error: failure.message });
              throw failure;
            }
            audit.record({ action: 'rotate', tokenId: oldId, impact, confirmation: 'flag', outcome: 'refused', error: 'token changed since the preview' });
            advance({ type: 'stopped' });
            const message = `replacement ${state.newTokenId} created; ${changedSinceMessage(oldId)}`;
            io.stderr.write(`tokentui: ${message}\n`);
            reporter.finish('conflict', state, message);
            return end(ExitCode.confirmationRequired);
          }
          audit.record({ action: 'rotate', tokenId: oldId, impact, confirmation: 'flag', outcome: 'success' });
          const verification = await verifyTokenGone(adapter, oldId, expected!);
          if (verification.detail !== undefined) warn(io.stderr, verification.detail);
          for (const line of report?.warnings ?? []) warn(io.stderr, line);
          if (verification.tokenGone === false) exitCode = ExitCode.backend;
          reporter.revoked(oldId, verification, report);
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
