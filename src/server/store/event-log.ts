// The event log in the database: every change a client can follow (GET /api/v1/events) is a
// row written in the same transaction as the change, so an event exists exactly when its
// change committed, and its sequence number means the same on every replica.
//
// Numbers are taken from the one-row event_counter at the end of the write transaction. That
// row stays locked until commit, so transactions that publish events commit in the order of
// their numbers: a reader that has seen event N has also seen every event below N. (A plain
// sequence would hand out numbers in one order and commit them in another.)
import type { WireEventType } from '../../rest-contract/wire.ts';
import type { SqlTx } from './sql.ts';

/** Event types in the log; `resync` is never stored (the hub sends it to a dropped subscriber). */
export type StoredEventType = WireEventType;

export interface PendingEvent {
  readonly type: StoredEventType;
  readonly data: unknown;
}

export interface StoredEvent {
  readonly seq: number;
  readonly type: StoredEventType;
  /** The JSON data line, as stored. */
  readonly data: string;
}

/** Events kept for resuming streams (Last-Event-ID); older ones are pruned. */
export const RETAINED_EVENTS = 10_000;
const PRUNE_EVERY = 500;

export async function appendEvents(tx: SqlTx, atMs: number, events: readonly PendingEvent[]): Promise<void> {
  const counter = await tx.get<{ seq: number }>('UPDATE event_counter SET seq = seq + ? WHERE id = 1 RETURNING seq', events.length);
  if (counter === undefined) throw new Error('event_counter row is missing');
  const first = counter.seq - events.length + 1;
  // One statement for all of a change's events (a redemption publishes three): one round trip.
  const rows = events.map(() => '(?, ?, ?, ?)').join(', ');
  await tx.run(
    `INSERT INTO events (seq, at, type, data) VALUES ${rows}`,
    ...events.flatMap((event, index) => [first + index, atMs, event.type, JSON.stringify(event.data)]),
  );
  if (Math.floor((first - 1) / PRUNE_EVERY) !== Math.floor(counter.seq / PRUNE_EVERY)) {
    await tx.run('DELETE FROM events WHERE seq <= ?', counter.seq - RETAINED_EVENTS);
  }
}

export async function lastEventSeq(tx: SqlTx): Promise<number> {
  return (await tx.get<{ seq: number }>('SELECT seq FROM event_counter WHERE id = 1'))?.seq ?? 0;
}

/** Up to `limit` events after `seq`, oldest first. */
export function eventsAfter(tx: SqlTx, seq: number, limit: number): Promise<StoredEvent[]> {
  return tx.all<StoredEvent>('SELECT seq, type, data FROM events WHERE seq > ? ORDER BY seq LIMIT ?', seq, limit);
}

/** The oldest event still kept (null when none is). */
export async function oldestEventSeq(tx: SqlTx): Promise<number | null> {
  return (await tx.get<{ seq: number | null }>('SELECT MIN(seq) AS seq FROM events'))?.seq ?? null;
}
