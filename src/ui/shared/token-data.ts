// The backend's tokens as last reported, plus how fresh that knowledge is. Fed by watch
// events (or polling, which speaks the same events); `at` is our clock when it arrived.
import type { ConnectionState, WatchEvent } from '../../adapters/contract.ts';
import type { Token } from '../../core/token.ts';

export interface TokenEntry {
  readonly token: Token;
  /** When (our clock) the backend last reported this token: the clock-skew evidence. */
  readonly reportedAt: number;
}

export interface DataState {
  readonly entries: ReadonlyMap<string, TokenEntry>;
  readonly connection: ConnectionState;
  /** False until the first snapshot: "no tokens" and "not loaded yet" must look different. */
  readonly loaded: boolean;
  /** Last moment the data was known to match the backend (data age = now - syncedAt). */
  readonly syncedAt: number | null;
  /** The latest connection problem, already redacted by TokenTuiError. */
  readonly error: string | null;
}

export const initialDataState: DataState = {
  entries: new Map(),
  connection: 'connecting',
  loaded: false,
  syncedAt: null,
  error: null,
};

export function applyFeedEvent(data: DataState, event: WatchEvent, at: number): DataState {
  switch (event.type) {
    case 'snapshot': {
      // A snapshot replaces everything: this is how a reconnect resyncs the list.
      const entries = new Map<string, TokenEntry>();
      for (const token of event.tokens) entries.set(token.id, { token, reportedAt: at });
      return { ...data, entries, loaded: true, syncedAt: at };
    }
    case 'upsert': {
      const entries = new Map(data.entries);
      entries.set(event.token.id, { token: event.token, reportedAt: at });
      return { ...data, entries, syncedAt: at };
    }
    case 'delete': {
      if (!data.entries.has(event.id)) return data;
      const entries = new Map(data.entries);
      entries.delete(event.id);
      return { ...data, entries, syncedAt: at };
    }
    case 'state': {
      if (event.state === 'live') return { ...data, connection: 'live', syncedAt: at, error: null };
      // Leaving 'live': until now the data was current, so its age starts counting here.
      const syncedAt = data.connection === 'live' ? at : data.syncedAt;
      const error = event.error?.message ?? data.error;
      return { ...data, connection: event.state, syncedAt, error };
    }
  }
}
