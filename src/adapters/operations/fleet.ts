// One piece of work in every context of a fleet at once (`list -A`, `find`, `revoke --everywhere`,
// the TUI's fleet mode): each context opens its own adapter, concurrently, and has its own
// deadline, so a context that hangs, refuses or is forbidden costs its own line and never delays
// or spoils the answers of the others. The work itself is the ordinary per-adapter operation.
import type { TokenAdapter } from '../contract.ts';
import { isTokenTuiError } from '../../core/errors.ts';

export const DEFAULT_CONTEXT_TIMEOUT_MS = 5_000;

export interface FleetMember {
  /** The context's name as the user knows it (saved or discovered). */
  readonly context: string;
  /** The context's read-only flag (a saved context's, or the global --readonly). */
  readonly readonly: boolean;
  /** Creates the context's adapter (may send a request, e.g. detection). */
  open(): Promise<TokenAdapter>;
}

/** Why a context did not answer, in words an operator scans for: unreachable, forbidden, ... */
export type FleetFailureKind = 'unreachable' | 'timeout' | 'forbidden' | 'unauthorized' | 'not-found' | 'invalid' | 'error';

export type FleetAnswer<T> =
  | { readonly context: string; readonly ok: true; readonly value: T; readonly adapterId: string }
  | { readonly context: string; readonly ok: false; readonly kind: FleetFailureKind; readonly reason: string };

export interface FleetOptions {
  /** Per context, from the start of its open to the end of its work. */
  readonly timeoutMs?: number;
}

function failureKind(error: unknown): FleetFailureKind {
  if (!isTokenTuiError(error)) return 'error';
  switch (error.kind) {
    case 'transport':
      return 'unreachable';
    case 'timeout':
      return 'timeout';
    case 'forbidden':
      return 'forbidden';
    case 'unauthorized':
      return 'unauthorized';
    case 'not-found':
      return 'not-found';
    case 'usage':
    case 'validation':
      return 'invalid';
    default:
      return 'error';
  }
}

/** `unreachable: cannot reach https://… (connection refused)`: the kind first, then the adapter's own words. */
export function failureReason(error: unknown): { kind: FleetFailureKind; reason: string } {
  const kind = failureKind(error);
  const message = error instanceof Error ? error.message : String(error);
  return { kind, reason: `${kind}: ${message}` };
}

class ContextDeadline extends Error {}

export type FleetWork<T> = (adapter: TokenAdapter, member: FleetMember, signal: AbortSignal) => Promise<T>;

async function oneContext<T>(member: FleetMember, work: FleetWork<T>, timeoutMs: number, keepOpen = false): Promise<FleetAnswer<T>> {
  const abort = new AbortController();
  let adapter: TokenAdapter | undefined;
  let closed = false;
  const close = () => {
    if (closed || adapter === undefined) return;
    closed = true;
    void adapter.close?.().catch(() => undefined);
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      // Aborts the request in flight, and closing frees what the adapter holds (a hung socket),
      // so neither the other contexts nor the process wait for this one.
      abort.abort(new ContextDeadline());
      close();
      reject(new ContextDeadline());
    }, timeoutMs);
  });
  const attempt = (async () => {
    adapter = await member.open();
    if (abort.signal.aborted) throw new ContextDeadline();
    return { value: await work(adapter, member, abort.signal), adapterId: adapter.id };
  })();
  // A late failure after the deadline has nobody to report to.
  attempt.catch(() => undefined);
  let kept = false;
  try {
    const { value, adapterId } = await Promise.race([attempt, deadline]);
    kept = keepOpen;
    return { context: member.context, ok: true, value, adapterId };
  } catch (error) {
    if (error instanceof ContextDeadline || abort.signal.aborted) {
      return { context: member.context, ok: false, kind: 'timeout', reason: `unreachable: no answer within ${formatSeconds(timeoutMs)}` };
    }
    return { context: member.context, ok: false, ...failureReason(error) };
  } finally {
    clearTimeout(timer);
    if (!kept) {
      // An adapter that opens after the deadline is closed as soon as it exists.
      void attempt.finally(close).catch(() => undefined);
      close();
    }
  }
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

/**
 * Runs `work` in every member's context concurrently; one answer per member, in the members'
 * order. Adapters are closed when their work ends (or, after a deadline, as soon as they open).
 */
export function acrossContexts<T>(
  members: readonly FleetMember[],
  work: FleetWork<T>,
  options: FleetOptions = {},
): Promise<FleetAnswer<T>[]> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_CONTEXT_TIMEOUT_MS;
  return Promise.all(members.map((member) => oneContext(member, work, timeoutMs)));
}

/** What a context answered, and its adapter, still open: the caller closes it. */
export interface OpenAnswer<T> {
  readonly value: T;
  readonly adapter: TokenAdapter;
}

/**
 * As acrossContexts, for work that goes on after its first answer (`list -A -w`): the deadline
 * bounds the open and that answer, and each context that answered keeps its adapter open.
 */
export function openAcrossContexts<T>(members: readonly FleetMember[], first: FleetWork<T>, options: FleetOptions = {}): Promise<FleetAnswer<OpenAnswer<T>>[]> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_CONTEXT_TIMEOUT_MS;
  const work: FleetWork<OpenAnswer<T>> = async (adapter, member, signal) => ({ value: await first(adapter, member, signal), adapter });
  return Promise.all(members.map((member) => oneContext(member, work, timeoutMs, true)));
}
