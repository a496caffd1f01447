// TokenStore over either SQL database: each method runs its operation in one transaction, and
// a write's events are appended to the event log in that same transaction.
import type { Clock } from '../../core/clock.ts';
import type { ServerMode } from '../../rest-contract/wire.ts';
import { readAuditPage } from './audit.ts';
import { completeEnrollment, listMachines, redeemToken } from './enrollment.ts';
import { appendEvents, eventsAfter, lastEventSeq, oldestEventSeq, type PendingEvent } from './event-log.ts';
import { isRefusal, type ReadOp, type Refusal, type WriteOp } from './op-context.ts';
import { StoreUnavailableError, type MigrationResult, type SqlDatabase } from './sql.ts';
import type { TokenStore } from './token-store.ts';
import { checkTokenSecret, computeImpact, getToken, listTokens, makeDefaultToken, mintToken, revokeRefusal, revokeToken } from './tokens.ts';

export interface StoreOptions {
  readonly clock: Clock;
  readonly mode: ServerMode;
}

export function createSqlStore(database: SqlDatabase, migration: MigrationResult, options: StoreOptions): TokenStore {
  const { clock, mode } = options;
  const appendedListeners = new Set<() => void>();
  const announceAppended = () => appendedListeners.forEach((listener) => listener());

  const read = <T>(work: (op: ReadOp) => Promise<T>) => database.read((tx) => work({ tx, clock, mode }));
  async function write<T>(work: (op: WriteOp) => Promise<T>): Promise<T> {
    let appended = false;
    const result = await database.write(async (tx) => {
      const events: PendingEvent[] = [];
      const value = await work({ tx, clock, mode, emit: (type, data) => events.push({ type, data }) });
      appended = events.length > 0;
      if (appended) {
        await appendEvents(tx, clock.now(), events);
        await database.announceEvents(tx);
      }
      return value;
    });
    if (appended) announceAppended();
    return result;
  }
  /** An audited refusal has committed its audit row; now it is answered. */
  function unlessRefused<T extends object>(outcome: T | Refusal): T {
    if (isRefusal(outcome)) throw outcome.refused;
    return outcome;
  }

  return {
    dialect: database.dialect,
    location: database.location,
    mode,
    schema: { version: migration.version, applied: migration.applied },
    events: {
      lastSeq: () => read((op) => lastEventSeq(op.tx)),
      after: (seq, limit) => read((op) => eventsAfter(op.tx, seq, limit)),
      oldestSeq: () => read((op) => oldestEventSeq(op.tx)),
      onAppended: (listener) => {
        appendedListeners.add(listener);
        const stopForeign = database.onForeignEvents(listener);
        return () => {
          appendedListeners.delete(listener);
          stopForeign();
        };
      },
    },
    listTokens: () => read(listTokens),
    getToken: (id) => read((op) => getToken(op, id)),
    mintToken: (input) => write((op) => mintToken(op, input)),
    computeImpact: (id) => read((op) => computeImpact(op, id)),
    checkTokenSecret: (id, hash) => read((op) => checkTokenSecret(op, id, hash)),
    revokeToken: async (id, ifMatch, operator) => {
      const outcome = await write((op) => revokeToken(op, id, ifMatch, operator));
      if (outcome !== 'revoked') throw revokeRefusal(id, outcome);
    },
    makeDefault: (id, operator) => write((op) => makeDefaultToken(op, id, operator)),
    redeem: async (input) => unlessRefused(await write((op) => redeemToken(op, input))),
    completeEnrollment: async (input) => unlessRefused(await write((op) => completeEnrollment(op, input))),
    listMachines: () => read(listMachines),
    auditPage: (before, limit) => read((op) => readAuditPage(op.tx, before, limit)),
    probeWrite: async () => {
      const probe = () => database.write((tx) => tx.run("UPDATE settings SET value = ? WHERE key = 'ready_probe'", String(clock.now())));
      try {
        await probe();
      } catch (error) {
        // Once more on a fresh connection where that can help (SQLite reopens its file) before saying no.
        if (!(error instanceof StoreUnavailableError) || !(await database.recover())) throw error;
        await probe();
      }
    },
    close: () => database.close(),
  };
}
