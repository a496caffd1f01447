// Creating a token, making one the default, and a created token's join command, as both front
// ends do them: one journal record per attempt (never the secret), failures classified the same
// way, and a join command that could not be built reported beside the token, never instead of it.
import type { AuditConfirmation, MutationAuditEntry } from '../../core/audit.ts';
import { requestFieldsProblem } from '../../core/create-fields.ts';
import { createdTokenProblem, isTokenIdShaped, joinCommandProblem } from '../../core/credential-shape.ts';
import { TokenTuiError, toTokenTuiError, type ErrorKind } from '../../core/errors.ts';
import type { CreatedToken, CreateTokenRequest } from '../../core/token.ts';
import type { TokenAdapter } from '../contract.ts';
import { UNSUPPORTED } from './availability.ts';
import { supports } from './capabilities.ts';

export type CreateOutcome =
  | { readonly kind: 'created'; readonly created: CreatedToken }
  /** `uncertain`: the request may have reached the backend (timeout, transport): a token may exist. */
  | { readonly kind: 'failed'; readonly error: TokenTuiError; readonly uncertain: boolean };

// Failures after which the request may still have been carried out.
const UNCERTAIN_KINDS: readonly ErrorKind[] = ['transport', 'timeout', 'server'];

function unsupported(adapter: TokenAdapter, operation: 'create' | 'make-default'): TokenTuiError {
  return new TokenTuiError('unsupported', operation === 'create' ? UNSUPPORTED.create : UNSUPPORTED.makeDefault, { source: adapter.id });
}

// A field the backend did not declare is refused before the request, never silently dropped
// (a replacement that quietly lost its use limit is the bug this guards against); so is
// `replaces` where the backend cannot keep it (capabilities.recordsReplaces).
function checkDeclaredFields(adapter: TokenAdapter, request: CreateTokenRequest): void {
  const problem = requestFieldsProblem(adapter.capabilities.createFields, request.fields ?? {});
  if (problem !== null) throw new TokenTuiError('validation', problem.message, { source: adapter.id, field: problem.field });
  if (request.replaces !== undefined && adapter.capabilities.recordsReplaces !== true) {
    throw new TokenTuiError('validation', `the ${adapter.id} backend cannot record which token a new one replaces`, { source: adapter.id, field: 'replaces' });
  }
}

export interface CreateOptions {
  readonly record: (entry: MutationAuditEntry) => void;
  /** How the operator confirmed the create, when the front end asked (the TUI's review step). */
  readonly confirmation?: AuditConfirmation;
  /** Runs the moment the backend answers, before the journal record (a rotation journals the new id there). */
  readonly onCreated?: (created: CreatedToken) => void;
  /** A rotation's replacement: the old token's id, for the journal (whether or not the backend records it). */
  readonly replaces?: string;
}

const link = (replaces: string | undefined) => (replaces === undefined ? {} : { replaces });

/** The backend named as the source of what it returned: `the rest backend at http://…`. */
function backendName(adapter: TokenAdapter): string {
  return `the ${adapter.id} backend at ${adapter.target.server}`;
}

/**
 * A created token whose secret or id is not a credential is never shown, copied or put into a
 * join command: the backend said it created something, but what it returned could drive the
 * terminal or a shell. Nothing of it is passed on.
 */
function refuseMalformed(adapter: TokenAdapter, created: CreatedToken): TokenTuiError | null {
  const problem = createdTokenProblem(created.token.id, created.secret);
  if (problem === null) return null;
  const which = isTokenIdShaped(created.token.id) ? `token ${created.token.id}` : 'a token';
  return new TokenTuiError('server', `${backendName(adapter)} says it created ${which}, but ${problem}; it is not shown, copied or put in a join command`, {
    source: adapter.id,
    hint: `the server may be compromised or not what this context should reach; list its tokens and revoke ${which === 'a token' ? 'what you did not expect' : created.token.id}`,
  });
}

export async function createToken(adapter: TokenAdapter, request: CreateTokenRequest, options: CreateOptions): Promise<CreateOutcome> {
  let created: CreatedToken;
  try {
    if (!supports(adapter, 'create')) throw unsupported(adapter, 'create');
    checkDeclaredFields(adapter, request);
    created = await adapter.create(request);
    const refused = refuseMalformed(adapter, created);
    if (refused !== null) throw refused;
  } catch (error) {
    const failure = toTokenTuiError(error, adapter.id);
    options.record({ action: 'create', tokenId: '', ...link(options.replaces), outcome: 'failure', error: failure.message });
    return { kind: 'failed', error: failure, uncertain: UNCERTAIN_KINDS.includes(failure.kind) };
  }
  options.onCreated?.(created);
  const confirmation = options.confirmation === undefined ? {} : { confirmation: options.confirmation };
  options.record({ action: 'create', tokenId: created.token.id, ...link(options.replaces), ...confirmation, outcome: 'success' });
  return { kind: 'created', created };
}

/** Makes `tokenId` the backend's default token; one journal record. Resolves to the failure, or null. */
export async function makeDefault(adapter: TokenAdapter, tokenId: string, options: Pick<CreateOptions, 'record' | 'confirmation' | 'replaces'>): Promise<TokenTuiError | null> {
  const confirmation = options.confirmation === undefined ? {} : { confirmation: options.confirmation };
  try {
    if (!supports(adapter, 'makeDefault')) throw unsupported(adapter, 'make-default');
    await adapter.makeDefault(tokenId);
  } catch (error) {
    const failure = toTokenTuiError(error, adapter.id);
    options.record({ action: 'make-default', tokenId, ...link(options.replaces), ...confirmation, outcome: 'failure', error: failure.message });
    return failure;
  }
  options.record({ action: 'make-default', tokenId, ...link(options.replaces), ...confirmation, outcome: 'success' });
  return null;
}

export type JoinCommand =
  | { readonly kind: 'ready'; readonly command: string }
  /** The backend has no join command. */
  | { readonly kind: 'none' }
  /** It has one, but it could not be built now; the token exists regardless. */
  | { readonly kind: 'failed'; readonly error: TokenTuiError };

export async function joinCommandFor(adapter: TokenAdapter, created: CreatedToken): Promise<JoinCommand> {
  if (!supports(adapter, 'joinCommand')) return { kind: 'none' };
  try {
    const command = await adapter.joinCommand(created);
    const problem = joinCommandProblem(command);
    if (problem !== null) throw new TokenTuiError('server', `the join command built from what ${backendName(adapter)} returned is not shown: ${problem}`, { source: adapter.id });
    return { kind: 'ready', command };
  } catch (error) {
    return { kind: 'failed', error: toTokenTuiError(error, adapter.id) };
  }
}

/** The result screen's and the rotate report's view of it: the command, or why there is none. */
export function joinCommandFields(join: JoinCommand): { readonly joinCommand: string | null; readonly joinCommandError: string | null } {
  switch (join.kind) {
    case 'ready':
      return { joinCommand: join.command, joinCommandError: null };
    case 'none':
      return { joinCommand: null, joinCommandError: null };
    case 'failed':
      return { joinCommand: null, joinCommandError: join.error.message };
  }
}
