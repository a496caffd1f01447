// The create wizard's one I/O step, outside React so it can be tested alone: create the token,
// build its join command, and write the audit record (never the secret). Used by the create
// screen and, with a journal write right after the create, by the rotate screen.
import type { CreatedToken, CreateTokenRequest } from '../../core/token.ts';
import { TokenTuiError, toTokenTuiError, type ErrorKind } from '../../core/errors.ts';
import type { TokenAdapter } from '../../adapters/contract.ts';
import { recordMutation, type MutationAuditDeps } from '../audit-port.ts';
import type { CreateOutcome } from '../state/mutation-events.ts';

export interface CreateRunnerDeps extends MutationAuditDeps {
  readonly adapter: TokenAdapter;
}

// Failures after which the request may still have been carried out: a token may exist.
const UNCERTAIN_KINDS: readonly ErrorKind[] = ['transport', 'timeout', 'server'];

export async function joinCommandFor(adapter: TokenAdapter, created: CreatedToken): Promise<{ joinCommand: string | null; joinCommandError: string | null }> {
  if (!adapter.capabilities.joinCommand || adapter.joinCommand === undefined) return { joinCommand: null, joinCommandError: null };
  try {
    return { joinCommand: await adapter.joinCommand(created), joinCommandError: null };
  } catch (error) {
    return { joinCommand: null, joinCommandError: toTokenTuiError(error, adapter.id).message };
  }
}

/**
 * Creates `request` once. `onCreated` runs the moment the backend answers, before anything else
 * (the rotation journals the new id there); it returns a problem to show, or null.
 */
export async function createToken(
  deps: CreateRunnerDeps,
  request: CreateTokenRequest,
  onCreated: (created: CreatedToken) => string | null = () => null,
): Promise<CreateOutcome> {
  const { adapter } = deps;
  let created: CreatedToken;
  try {
    if (adapter.create === undefined) throw new TokenTuiError('unsupported', 'this backend cannot create tokens', { source: adapter.id });
    created = await adapter.create(request);
  } catch (error) {
    const failure = toTokenTuiError(error, adapter.id);
    const problem = recordMutation(deps, { action: 'create', tokenId: '', outcome: 'failure', error: failure.message });
    const backendFailure = { kind: failure.kind, message: failure.message, hint: failure.hint, field: failure.field };
    return { kind: 'failed', error: backendFailure, uncertain: UNCERTAIN_KINDS.includes(failure.kind), problems: problem === null ? [] : [problem] };
  }
  const journaled = onCreated(created);
  const audited = recordMutation(deps, { action: 'create', tokenId: created.token.id, confirmation: 'yes', outcome: 'success' });
  const join = await joinCommandFor(adapter, created);
  const problems = [journaled, audited].filter((problem): problem is string => problem !== null);
  return { kind: 'created', created, ...join, problems };
}
