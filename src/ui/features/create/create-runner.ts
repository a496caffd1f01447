// The create wizard's one I/O step, outside React so it can be tested alone: the operations
// layer's create (journaled, never the secret) and the created token's join command, as the
// outcome the wizard takes. Used by the create screen and, with a journal write right after the
// create, by the rotate screen.
import type { TokenAdapter } from '../../../adapters/contract.ts';
import { createToken as createAudited, joinCommandFields, joinCommandFor } from '../../../adapters/operations/create.ts';
import type { CreatedToken, CreateTokenRequest } from '../../../core/token.ts';
import { recordMutation, type MutationAuditDeps } from '../../shared/audit-port.ts';
import type { CreateOutcome } from './create-screen.ts';

export interface CreateRunnerDeps extends MutationAuditDeps {
  readonly adapter: TokenAdapter;
}

/**
 * Creates `request` once. `onCreated` runs the moment the backend answers, before anything else
 * (the rotation journals the new id there); it returns a problem to show, or null. `replaces`: a
 * rotation's old token, for the audit record.
 */
export async function createToken(
  deps: CreateRunnerDeps,
  request: CreateTokenRequest,
  replaces?: string,
  onCreated: (created: CreatedToken) => string | null = () => null,
): Promise<CreateOutcome> {
  const problems: string[] = [];
  const noteProblem = (problem: string | null): void => {
    if (problem !== null) problems.push(problem);
  };
  const outcome = await createAudited(deps.adapter, request, {
    confirmation: 'yes',
    record: (entry) => noteProblem(recordMutation(deps, entry)),
    onCreated: (created) => noteProblem(onCreated(created)),
    ...(replaces === undefined ? {} : { replaces }),
  });
  if (outcome.kind === 'failed') {
    const { kind, message, hint, field } = outcome.error;
    return { kind: 'failed', error: { kind, message, hint, field }, uncertain: outcome.uncertain, problems };
  }
  const join = joinCommandFields(await joinCommandFor(deps.adapter, outcome.created));
  return { kind: 'created', created: outcome.created, ...join, problems };
}
