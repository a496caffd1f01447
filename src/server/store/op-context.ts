// What a store operation runs with: its transaction, the server's clock and mode, and (in a
// write) `emit` for the events its change publishes, which are appended to the event log in
// the same transaction.
import type { ApiError } from '../api-error.ts';
import type { StoredEventType } from './event-log.ts';
import type { RecordContext } from './records.ts';
import type { SqlTx } from './sql.ts';

export interface ReadOp extends RecordContext {
  readonly tx: SqlTx;
}

export interface WriteOp extends ReadOp {
  emit(type: StoredEventType, data: unknown): void;
}

/** A refusal that is audited: the audit row commits, then the error is answered. */
export interface Refusal {
  readonly refused: ApiError;
  readonly reason: string;
}

export function isRefusal<T extends object>(value: T | Refusal): value is Refusal {
  return 'refused' in value;
}
