// The rotate screen's own I/O steps, outside React: the replacement's create with its two journal
// writes (before it: must succeed or nothing is sent; right after it: the new id, so an
// interruption never leads to a second replacement), and making the replacement the default.
// The old token's preview and revoke run through the revoke screen's runner.
import { makeDefault } from '../../../adapters/operations/create.ts';
import { toTokenTuiError } from '../../../core/errors.ts';
import { nextStep, type RotationState } from '../../../core/rotation-plan.ts';
import { recordMutation } from '../../shared/audit-port.ts';
import { createToken, type CreateRunnerDeps } from '../create/create-runner.ts';
import type { RotationJournalPort } from './rotation-port.ts';
import type { CreateOutcome } from '../create/create-screen.ts';

export interface RotateRunnerDeps extends CreateRunnerDeps {
  readonly rotations: RotationJournalPort;
}

export interface ReplacementAnswer {
  readonly outcome: CreateOutcome;
  /** The rotation after 'replacement-created' (journaled), when the create succeeded. */
  readonly rotation: RotationState | null;
  readonly journalRefused: boolean;
}

function journalError(error: unknown): string {
  return toTokenTuiError(error, 'rotation journal').message;
}

export async function createReplacement(deps: RotateRunnerDeps, rotation: RotationState): Promise<ReplacementAnswer> {
  try {
    deps.rotations.save(rotation);
  } catch (error) {
    const message = `${journalError(error)}; nothing was created, because a rotation that cannot be resumed is not started`;
    return { outcome: { kind: 'failed', error: { kind: 'server', message }, uncertain: false, problems: [] }, rotation: null, journalRefused: true };
  }
  let advanced: RotationState | null = null;
  const outcome = await createToken(deps, rotation.replacement, rotation.oldTokenId, (created) => {
    advanced = nextStep(rotation, { type: 'replacement-created', newTokenId: created.token.id, at: deps.clock.now() });
    try {
      deps.rotations.save(advanced);
      return null;
    } catch (error) {
      return `${journalError(error)}; if this rotation is interrupted it cannot be resumed`;
    }
  });
  return { outcome, rotation: advanced, journalRefused: false };
}

export async function makeReplacementDefault(deps: CreateRunnerDeps, tokenId: string, replaces: string): Promise<{ error: string | null; problems: string[] }> {
  const problems: string[] = [];
  const failure = await makeDefault(deps.adapter, tokenId, {
    replaces,
    record: (entry) => {
      const problem = recordMutation(deps, entry);
      if (problem !== null) problems.push(problem);
    },
  });
  return { error: failure === null ? null : failure.message, problems };
}
