// Tokens: mint, read, impact, make-default and the preview-gated revocation.
import { BOOTSTRAP_TOKEN_ID_PATTERN } from '../core/bootstrap-token.ts';
import type { WireCreatedToken, WireImpact, WireToken } from '../rest-contract/wire.ts';
import { ApiError, echo, notFound } from './api-error.ts';
import { recordAudit } from './audit-log.ts';
import { inTransaction } from './database.ts';
import {
  bumpTokenVersion,
  dependsOnToken,
  isoTime,
  readDefaultTokenId,
  tokenEtag,
  tokenStatusAt,
  toWireMachine,
  toWireToken,
  writeDefaultTokenId,
  type MachineRow,
  type StoreContext,
  type TokenRow,
} from './records.ts';
import { hashSecret, mintTokenSecret } from './secrets.ts';

export interface MintInput {
  readonly ttlSeconds: number | null;
  readonly maxUses: number | null;
  readonly description: string;
  readonly scope: string;
  readonly actor: string;
  readonly client: string | null;
  /** Creation time override, for seeding data in the past (demo); default now. */
  readonly createdAt?: number;
}

export interface OperatorContext {
  readonly actor: string;
  readonly client: string | null;
}

// 36^6 ids: a collision is rare but not impossible in a large table, so retry a few times.
const MINT_ATTEMPTS = 8;

export function listTokens(context: StoreContext): WireToken[] {
  const defaultId = readDefaultTokenId(context.sql);
  const rows = context.sql('SELECT * FROM tokens WHERE revoked_at IS NULL ORDER BY created_at, id').all() as unknown as TokenRow[];
  return rows.map((row) => toWireToken(row, context, defaultId));
}

export function findLiveToken(context: StoreContext, id: string): TokenRow | undefined {
  return context.sql('SELECT * FROM tokens WHERE id = ? AND revoked_at IS NULL').get(id) as TokenRow | undefined;
}

export function getToken(context: StoreContext, id: string): WireToken {
  const row = findLiveToken(context, id);
  if (!row) throw notFound(`token ${echo(id)}`);
  return toWireToken(row, context, readDefaultTokenId(context.sql));
}

export function mintToken(context: StoreContext, input: MintInput): WireCreatedToken {
  const createdAt = input.createdAt ?? context.clock.now();
  const expiresAt = input.ttlSeconds === null ? null : createdAt + input.ttlSeconds * 1000;
  return inTransaction(context.db, () => {
    for (let attempt = 0; attempt < MINT_ATTEMPTS; attempt++) {
      const { id, secret } = mintTokenSecret();
      const inserted = context.sql(
        `INSERT INTO tokens (id, secret_hash, description, scope, created_at, created_by, expires_at, max_uses)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING`,
      ).run(id, hashSecret(secret), input.description, input.scope, createdAt, input.actor, expiresAt, input.maxUses);
      if (inserted.changes === 0) continue;
      recordAudit(context.sql, context.clock.now(), {
        action: 'token.mint',
        outcome: 'success',
        actor: input.actor,
        tokenId: id,
        client: input.client,
      });
      const row = findLiveToken(context, id) as TokenRow;
      return { token: toWireToken(row, context, readDefaultTokenId(context.sql)), secret };
    }
    throw new ApiError(503, 'unavailable', 'could not allocate a free token id; try again');
  });
}

export function computeImpact(context: StoreContext, id: string): WireImpact {
  const row = findLiveToken(context, id);
  if (!row) throw notFound(`token ${echo(id)}`);
  const machines = context.sql('SELECT * FROM machines WHERE join_token_id = ? ORDER BY name').all(id) as unknown as MachineRow[];
  const toWire = (machine: MachineRow) => toWireMachine(machine, context.mode);
  return {
    tokenId: id,
    mode: context.mode,
    isDefault: readDefaultTokenId(context.sql) === id,
    affectedMachines: machines.filter((m) => m.state === 'joined' && dependsOnToken(m, context.mode)).map(toWire),
    pendingEnrollments: machines.filter((m) => m.state === 'enrolling').map(toWire),
    unaffectedMachines: machines.filter((m) => !dependsOnToken(m, context.mode)).map(toWire),
    etag: tokenEtag(id, row.version, context.mode),
    computedAt: isoTime(context.clock.now()),
  };
}

/** The entity tags of an If-Match header (strong comparison: weak tags never match). */
function parseIfMatch(header: string): string[] {
  return header
    .split(',')
    .map((tag) => tag.trim())
    .filter((tag) => tag.startsWith('"'));
}

type RevokeOutcome = 'revoked' | 'not-found' | 'precondition-failed';

export function revokeToken(context: StoreContext, id: string, ifMatch: string | undefined, operator: OperatorContext): void {
  const audit = (outcome: 'success' | 'refused', reason: string | null) =>
    recordAudit(context.sql, context.clock.now(), {
      action: 'token.revoke',
      outcome,
      reason,
      // The path may hold anything (even a pasted secret): only an id-shaped value is recorded.
      tokenId: BOOTSTRAP_TOKEN_ID_PATTERN.test(id) ? id : null,
      ...operator,
    });
  if (ifMatch === undefined || ifMatch.trim() === '' || ifMatch.trim() === '*') {
    inTransaction(context.db, () => audit('refused', 'precondition-required'));
    throw new ApiError(
      428,
      'precondition_required',
      `revoking token ${echo(id)} needs If-Match with the ETag of its impact preview (GET /api/v1/tokens/{id}/impact)`,
    );
  }
  const outcome = inTransaction(context.db, (): RevokeOutcome => {
    const row = findLiveToken(context, id);
    if (!row) {
      audit('refused', 'not-found');
      return 'not-found';
    }
    if (!parseIfMatch(ifMatch).includes(tokenEtag(id, row.version, context.mode))) {
      audit('refused', 'precondition-failed');
      return 'precondition-failed';
    }
    context.sql('UPDATE tokens SET revoked_at = ?, revoked_by = ?, version = version + 1 WHERE id = ?').run(
      context.clock.now(),
      operator.actor,
      id,
    );
    if (readDefaultTokenId(context.sql) === id) writeDefaultTokenId(context.sql, null);
    audit('success', null);
    return 'revoked';
  });
  if (outcome === 'not-found') throw notFound(`token ${echo(id)}`);
  if (outcome === 'precondition-failed') {
    throw new ApiError(
      412,
      'precondition_failed',
      `token ${echo(id)} or a machine depending on it changed since the impact preview; preview it again`,
    );
  }
}

export interface MakeDefaultResult {
  readonly token: WireToken;
  /** The token that was the default until now (null = none, or it already was this one). */
  readonly previousDefault: WireToken | null;
}

export function makeDefaultToken(context: StoreContext, id: string, operator: OperatorContext): MakeDefaultResult {
  return inTransaction(context.db, () => {
    const row = findLiveToken(context, id);
    if (!row) throw notFound(`token ${echo(id)}`);
    const status = tokenStatusAt(row, context.clock.now());
    if (status !== 'active') {
      throw new ApiError(409, 'conflict', `token ${echo(id)} is ${status}: only an active token can be the default`, { status });
    }
    const previousId = readDefaultTokenId(context.sql);
    if (previousId !== id) {
      writeDefaultTokenId(context.sql, id);
      bumpTokenVersion(context.sql, id);
      if (previousId !== null) bumpTokenVersion(context.sql, previousId);
    }
    recordAudit(context.sql, context.clock.now(), { action: 'token.make-default', outcome: 'success', tokenId: id, ...operator });
    const previous = previousId === null || previousId === id ? undefined : findLiveToken(context, previousId);
    return {
      token: toWireToken(findLiveToken(context, id) as TokenRow, context, id),
      previousDefault: previous ? toWireToken(previous, context, id) : null,
    };
  });
}
