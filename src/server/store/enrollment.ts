// Redemption (POST /api/v1/bootstrap), completion of a pending enrollment, and machines.
// Exactly-once: the presented token's row is read with a row lock in the write transaction
// (SELECT … FOR UPDATE on PostgreSQL; SQLite's BEGIN IMMEDIATE holds the write lock), so of N
// concurrent redemptions of a single-use token, on any number of replicas, one sees it unused
// and counts the use; the others wait for that commit and then see it consumed.
import { splitBootstrapToken } from '../../core/bootstrap-token.ts';
import type { WireBootstrapResult, WireMachine, WireMachineEventData } from '../../rest-contract/wire.ts';
import { ApiError } from '../api-error.ts';
import { hashSecret, mintMachineCredential, randomId, secretMatches } from '../secrets.ts';
import { recordAudit } from './audit.ts';
import type { ReadOp, Refusal, WriteOp } from './op-context.ts';
import { bumpTokenVersion, tokenStatusAt, toWireMachine, wireTokenOrNull, type MachineRow, type TokenRow } from './records.ts';
import { publishToken } from './tokens.ts';

export interface RedeemInput {
  readonly token: string;
  readonly machine: string;
  readonly canHoldCredential: boolean;
  readonly pending: boolean;
  readonly client: string | null;
}

export interface CompleteInput {
  readonly token: string;
  readonly machine: string;
  readonly client: string | null;
}

const INVALID_TOKEN_MESSAGE = 'join token is not valid (unknown, revoked or wrong secret)';

function refuse(status: number, code: string, message: string, reason: string): Refusal {
  return { refused: new ApiError(status, code, message), reason };
}

/** Finds (and locks) the presented token; the secret is compared before anything about the token is revealed. */
async function verifyPresentedToken(op: WriteOp, presented: string): Promise<TokenRow | Refusal> {
  const parts = splitBootstrapToken(presented);
  if (!parts) return refuse(401, 'unauthorized', INVALID_TOKEN_MESSAGE, 'malformed-token');
  const row = await op.tx.get<TokenRow>(`SELECT * FROM tokens WHERE id = ?${op.tx.lockSuffix}`, parts.id);
  if (!row) return refuse(401, 'unauthorized', INVALID_TOKEN_MESSAGE, 'unknown-token');
  if (!secretMatches(presented, row.secret_hash)) return refuse(401, 'unauthorized', INVALID_TOKEN_MESSAGE, 'wrong-secret');
  if (row.revoked_at !== null) return refuse(401, 'unauthorized', INVALID_TOKEN_MESSAGE, 'revoked');
  return row;
}

function enrollmentAudit(op: WriteOp, action: 'bootstrap.redeem' | 'bootstrap.complete', input: CompleteInput) {
  return (outcome: 'success' | 'refused', reason: string | null) =>
    recordAudit(op.tx, op.clock.now(), {
      action,
      outcome,
      reason,
      actor: `machine:${input.machine}`,
      tokenId: splitBootstrapToken(input.token)?.id ?? null,
      machine: input.machine,
      client: input.client,
    });
}

async function publishEnrollment(op: WriteOp, machine: WireMachine, tokenId: string, previousTokenId: string | null): Promise<void> {
  const data: WireMachineEventData = { machineId: machine.id, tokenId, machine };
  op.emit('machine.enrolled', data);
  publishToken(op, 'token.updated', await wireTokenOrNull(op.tx, op, tokenId));
  publishToken(op, 'token.updated', await wireTokenOrNull(op.tx, op, previousTokenId));
}

/** The machine's row, locked; created (unlocked rows cannot be locked) when it has none yet. */
async function lockMachine(op: WriteOp, name: string, create: () => Promise<number>): Promise<MachineRow | null> {
  const existing = await op.tx.get<MachineRow>(`SELECT * FROM machines WHERE name = ?${op.tx.lockSuffix}`, name);
  if (existing) return existing;
  // Another replica may insert the same name meanwhile: then ours does nothing and we update theirs.
  if ((await create()) === 1) return null;
  return (await op.tx.get<MachineRow>(`SELECT * FROM machines WHERE name = ?${op.tx.lockSuffix}`, name)) ?? null;
}

export async function redeemToken(op: WriteOp, input: RedeemInput): Promise<WireBootstrapResult | Refusal> {
  const now = op.clock.now();
  const audit = enrollmentAudit(op, 'bootstrap.redeem', input);
  let verdict = await verifyPresentedToken(op, input.token);
  if (!('refused' in verdict)) {
    const status = tokenStatusAt(verdict, now);
    if (status === 'expired') verdict = refuse(401, 'unauthorized', 'join token has expired', 'expired');
    else if (status === 'consumed') verdict = refuse(410, 'gone', 'join token has already been used up', 'consumed');
  }
  if ('refused' in verdict) {
    await audit('refused', verdict.reason);
    return verdict;
  }
  const token = verdict;
  const credential = op.mode === 'unique' && input.canHoldCredential ? mintMachineCredential() : null;
  const credentialHash = credential === null ? null : hashSecret(credential);
  const state = input.pending ? 'enrolling' : 'joined';
  const joinedAt = input.pending ? null : now;
  const existing = await lockMachine(op, input.machine, () =>
    op.tx.run(
      `INSERT INTO machines (id, name, join_token_id, credential_hash, state, enrolled_at, joined_at)
       VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (name) DO NOTHING`,
      randomId('m-'),
      input.machine,
      token.id,
      credentialHash,
      state,
      now,
      joinedAt,
    ),
  );
  if (existing) {
    await op.tx.run(
      'UPDATE machines SET join_token_id = ?, credential_hash = ?, state = ?, enrolled_at = ?, joined_at = ? WHERE id = ?',
      token.id,
      credentialHash,
      state,
      now,
      joinedAt,
      existing.id,
    );
    if (existing.join_token_id !== token.id) await bumpTokenVersion(op.tx, existing.join_token_id);
  }
  await op.tx.run('UPDATE tokens SET uses = uses + 1, version = version + 1 WHERE id = ?', token.id);
  await audit('success', null);
  const machine = toWireMachine((await op.tx.get<MachineRow>('SELECT * FROM machines WHERE name = ?', input.machine)) as MachineRow, op.mode);
  await publishEnrollment(op, machine, token.id, existing && existing.join_token_id !== token.id ? existing.join_token_id : null);
  return { machine, credential };
}

/** Finishes a pending enrollment; it needs the (unrevoked) join token, expired or not. */
export async function completeEnrollment(op: WriteOp, input: CompleteInput): Promise<WireBootstrapResult | Refusal> {
  const audit = enrollmentAudit(op, 'bootstrap.complete', input);
  let verdict: TokenRow | Refusal = await verifyPresentedToken(op, input.token);
  const machine = await op.tx.get<MachineRow>(`SELECT * FROM machines WHERE name = ? AND state = 'enrolling'${op.tx.lockSuffix}`, input.machine);
  if (!('refused' in verdict) && machine?.join_token_id !== verdict.id) {
    verdict = refuse(404, 'not_found', `no pending enrollment of machine ${input.machine} with this token`, 'no-pending-enrollment');
  }
  if ('refused' in verdict || machine === undefined) {
    const refusal = 'refused' in verdict ? verdict : refuse(404, 'not_found', 'no pending enrollment', 'no-pending-enrollment');
    await audit('refused', refusal.reason);
    return refusal;
  }
  await op.tx.run("UPDATE machines SET state = 'joined', joined_at = ? WHERE id = ?", op.clock.now(), machine.id);
  await bumpTokenVersion(op.tx, verdict.id);
  await audit('success', null);
  const updated = toWireMachine((await op.tx.get<MachineRow>('SELECT * FROM machines WHERE id = ?', machine.id)) as MachineRow, op.mode);
  await publishEnrollment(op, updated, verdict.id, null);
  return { machine: updated, credential: null };
}

export async function listMachines(op: ReadOp): Promise<WireMachine[]> {
  const rows = await op.tx.all<MachineRow>('SELECT * FROM machines ORDER BY name');
  return rows.map((row) => toWireMachine(row, op.mode));
}

