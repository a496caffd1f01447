// Redemption (POST /api/v1/bootstrap), completion of a pending enrollment, and machines.
// The check-and-consume of a token runs inside one BEGIN IMMEDIATE transaction, so of N
// concurrent redemptions of a single-use token exactly one is accepted.
import { splitBootstrapToken } from '../core/bootstrap-token.ts';
import type { WireBootstrapResult, WireMachine, WireToken } from '../rest-contract/wire.ts';
import { ApiError } from './api-error.ts';
import { recordAudit } from './audit-log.ts';
import { inTransaction } from './database.ts';
import {
  bumpTokenVersion,
  readDefaultTokenId,
  tokenStatusAt,
  toWireMachine,
  toWireToken,
  type MachineRow,
  type StoreContext,
  type TokenRow,
} from './records.ts';
import { hashSecret, mintMachineCredential, randomId, secretMatches } from './secrets.ts';

export interface RedeemInput {
  readonly token: string;
  readonly machine: string;
  readonly canHoldCredential: boolean;
  readonly pending: boolean;
  readonly client: string | null;
}

export interface EnrollmentChange {
  readonly result: WireBootstrapResult;
  /** The token after the change (uses, etag). */
  readonly token: WireToken;
  /** Another token whose dependents changed (the machine moved away from it), if any. */
  readonly previousToken: WireToken | null;
}

type Refusal = { readonly refused: ApiError; readonly reason: string };

const INVALID_TOKEN_MESSAGE = 'join token is not valid (unknown, revoked or wrong secret)';

function refuse(status: number, code: string, message: string, reason: string): Refusal {
  return { refused: new ApiError(status, code, message), reason };
}

/** Finds the presented token; the secret is compared before anything about the token is revealed. */
function verifyPresentedToken(context: StoreContext, presented: string): TokenRow | Refusal {
  const parts = splitBootstrapToken(presented);
  if (!parts) return refuse(401, 'unauthorized', INVALID_TOKEN_MESSAGE, 'malformed-token');
  const row = context.sql('SELECT * FROM tokens WHERE id = ?').get(parts.id) as TokenRow | undefined;
  if (!row) return refuse(401, 'unauthorized', INVALID_TOKEN_MESSAGE, 'unknown-token');
  if (!secretMatches(presented, row.secret_hash)) return refuse(401, 'unauthorized', INVALID_TOKEN_MESSAGE, 'wrong-secret');
  if (row.revoked_at !== null) return refuse(401, 'unauthorized', INVALID_TOKEN_MESSAGE, 'revoked');
  return row;
}

function presentedTokenId(presented: string): string | null {
  return splitBootstrapToken(presented)?.id ?? null;
}

function tokenOrNull(context: StoreContext, id: string | null): WireToken | null {
  if (id === null) return null;
  const row = context.sql('SELECT * FROM tokens WHERE id = ? AND revoked_at IS NULL').get(id) as TokenRow | undefined;
  return row ? toWireToken(row, context, readDefaultTokenId(context.sql)) : null;
}

export function redeemToken(context: StoreContext, input: RedeemInput): EnrollmentChange {
  const actor = `machine:${input.machine}`;
  const outcome = inTransaction(context.db, (): EnrollmentChange | Refusal => {
    const now = context.clock.now();
    const audit = (outcome: 'success' | 'refused', reason: string | null) =>
      recordAudit(context.sql, now, {
        action: 'bootstrap.redeem',
        outcome,
        reason,
        actor,
        tokenId: presentedTokenId(input.token),
        machine: input.machine,
        client: input.client,
      });
    let verdict = verifyPresentedToken(context, input.token);
    if (!('refused' in verdict)) {
      const status = tokenStatusAt(verdict, now);
      if (status === 'expired') verdict = refuse(401, 'unauthorized', 'join token has expired', 'expired');
      else if (status === 'consumed') verdict = refuse(410, 'gone', 'join token has already been used up', 'consumed');
    }
    if ('refused' in verdict) {
      audit('refused', verdict.reason);
      return verdict;
    }
    const token = verdict;
    const credential = context.mode === 'unique' && input.canHoldCredential ? mintMachineCredential() : null;
    const credentialHash = credential === null ? null : hashSecret(credential);
    const state = input.pending ? 'enrolling' : 'joined';
    const joinedAt = input.pending ? null : now;
    const existing = context.sql('SELECT * FROM machines WHERE name = ?').get(input.machine) as MachineRow | undefined;
    if (existing) {
      context.sql(
        'UPDATE machines SET join_token_id = ?, credential_hash = ?, state = ?, enrolled_at = ?, joined_at = ? WHERE id = ?',
      ).run(token.id, credentialHash, state, now, joinedAt, existing.id);
      if (existing.join_token_id !== token.id) bumpTokenVersion(context.sql, existing.join_token_id);
    } else {
      context.sql(
        'INSERT INTO machines (id, name, join_token_id, credential_hash, state, enrolled_at, joined_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ).run(randomId('m-'), input.machine, token.id, credentialHash, state, now, joinedAt);
    }
    context.sql('UPDATE tokens SET uses = uses + 1, version = version + 1 WHERE id = ?').run(token.id);
    audit('success', null);
    const machine = context.sql('SELECT * FROM machines WHERE name = ?').get(input.machine) as unknown as MachineRow;
    const previousId = existing && existing.join_token_id !== token.id ? existing.join_token_id : null;
    return {
      result: { machine: toWireMachine(machine, context.mode), credential },
      token: tokenOrNull(context, token.id) as WireToken,
      previousToken: tokenOrNull(context, previousId),
    };
  });
  if ('refused' in outcome) throw outcome.refused;
  return outcome;
}

export interface CompleteInput {
  readonly token: string;
  readonly machine: string;
  readonly client: string | null;
}

/** Finishes a pending enrollment; it needs the (unrevoked) join token, expired or not. */
export function completeEnrollment(context: StoreContext, input: CompleteInput): EnrollmentChange {
  const outcome = inTransaction(context.db, (): EnrollmentChange | Refusal => {
    const now = context.clock.now();
    const audit = (outcome: 'success' | 'refused', reason: string | null) =>
      recordAudit(context.sql, now, {
        action: 'bootstrap.complete',
        outcome,
        reason,
        actor: `machine:${input.machine}`,
        tokenId: presentedTokenId(input.token),
        machine: input.machine,
        client: input.client,
      });
    let verdict: TokenRow | Refusal = verifyPresentedToken(context, input.token);
    const machine = context.sql("SELECT * FROM machines WHERE name = ? AND state = 'enrolling'").get(input.machine) as
      | MachineRow
      | undefined;
    if (!('refused' in verdict) && machine?.join_token_id !== verdict.id) {
      verdict = refuse(404, 'not_found', `no pending enrollment of machine ${input.machine} with this token`, 'no-pending-enrollment');
    }
    if ('refused' in verdict || machine === undefined) {
      const refusal = 'refused' in verdict ? verdict : refuse(404, 'not_found', 'no pending enrollment', 'no-pending-enrollment');
      audit('refused', refusal.reason);
      return refusal;
    }
    context.sql("UPDATE machines SET state = 'joined', joined_at = ? WHERE id = ?").run(now, machine.id);
    bumpTokenVersion(context.sql, verdict.id);
    audit('success', null);
    const updated = context.sql('SELECT * FROM machines WHERE id = ?').get(machine.id) as unknown as MachineRow;
    return {
      result: { machine: toWireMachine(updated, context.mode), credential: null },
      token: tokenOrNull(context, verdict.id) as WireToken,
      previousToken: null,
    };
  });
  if ('refused' in outcome) throw outcome.refused;
  return outcome;
}

export function listMachines(context: StoreContext): WireMachine[] {
  const rows = context.sql('SELECT * FROM machines ORDER BY name').all() as unknown as MachineRow[];
  return rows.map((row) => toWireMachine(row, context.mode));
}
