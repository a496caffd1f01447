// `tokentui list -w`: after the list, one line per change until Ctrl-C (exit 0) or
// --watch-timeout. Changes come from the adapter's watch stream (kubeadm, k3s: the API server's
// watch) or, for a backend without one, from a list every POLL_INTERVAL_MS. Tables get an EVENT
// column (`listed` for what was there); -o json prints JSON Lines, one event object per line.
// `list -A -w` watches every context that answered the same way, each its own stream, its rows
// shown through the fleet's view (a CONTEXT column, `context` in each token object).
import type { TokenAdapter, WatchEvent } from '../../adapters/contract.ts';
import { parseDuration } from '../../core/duration.ts';
import { toTokenTuiError, usageError } from '../../core/errors.ts';
import { formatRfc3339 } from '../../core/rfc3339.ts';
import type { Token } from '../../core/token.ts';
import { TokenChangeTracker, type TokenChange } from '../../core/token-changes.ts';
import { warn } from '../exit.ts';
import { terminalSafeJson } from '../../core/terminal-text.ts';
import { printable, tableStream, yamlWriter } from '../output.ts';
import type { ItemsView } from '../render/items-view.ts';
import { tokenColumns, tokenView } from '../render/token-view.ts';
import type { CommandContext } from './command-run.ts';

const POLL_INTERVAL_MS = 2000;
const EXPIRY_CHECK_MS = 1000;
type EventName = TokenChange['kind'] | 'listed';

/** --watch-timeout as milliseconds (undefined: until Ctrl-C); checked before anything is sent. */
export function watchTimeoutMs(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const parsed = parseDuration(text);
  if (!parsed.ok || parsed.seconds === null) throw usageError(`--watch-timeout ${text}: ${parsed.ok ? 'needs a duration above 0' : parsed.error}`, 'e.g. --watch-timeout 5m');
  return parsed.seconds * 1000;
}

/** -w takes the formats that can print one change at a time. */
export function checkWatchFormat(output: string): void {
  if (output === 'custom-columns') throw usageError('-w prints one line per change: use -o table, wide, json, yaml, name or jsonpath with it');
}

/** How changed items are shown: the view of those items, at `nowMs`, with the columns the list chose. */
export type ItemDescription<T> = (items: readonly T[], nowMs: number) => ItemsView<T>;

/** Prints events in the chosen format (js-yaml and the template are prepared up front). */
async function eventPrinter<T>(context: CommandContext, describe: ItemDescription<T>): Promise<(event: EventName, items: readonly T[]) => void> {
  const { invocation, io, clock } = context;
  const { output } = invocation;
  const example = '{.event} {.token.id}{"\\n"}';
  let render: ((record: unknown) => string) | undefined;
  if (output === 'jsonpath') {
    const { parseJsonPathTemplate, runTemplate } = await import('../render/template-output.ts');
    const template = parseJsonPathTemplate(invocation.outputArgument ?? '', example);
    render = (record) => runTemplate(template, record, example);
  }
  const yaml = output === 'yaml' ? await yamlWriter(io.stdout) : undefined;
  let table: ((rows: readonly (readonly string[])[]) => string) | undefined;
  return (event, items) => {
    if (items.length === 0) return;
    const nowMs = clock.now();
    const view = describe(items, nowMs);
    if (output === 'table' || output === 'wide') {
      const columns = output === 'wide' ? [...view.columns, ...view.wideColumns] : view.columns;
      // The columns are the list's throughout (ItemDescription), so the header printed first holds.
      table ??= tableStream(['EVENT', ...columns.map((column) => column.header)], invocation.options.noHeaders === true);
      io.stdout.write(table(items.map((item) => [event, ...columns.map((column) => column.cell(item))])));
      return;
    }
    for (const item of items) {
      if (output === 'name') {
        io.stdout.write(`${event} ${printable(view.nameOf?.(item) ?? '')}\n`);
        continue;
      }
      const record = { event, at: formatRfc3339(nowMs), token: view.toJson(item) };
      if (render !== undefined) io.stdout.write(render(record));
      else if (yaml !== undefined) {
        io.stdout.write('---\n');
        yaml(record);
      } else io.stdout.write(`${terminalSafeJson(record)}\n`);
    }
  };
}

/** One stream of changes: an adapter and what it listed, each token shown as an item of T. */
export interface WatchSource<T> {
  readonly adapter: TokenAdapter;
  readonly initial: readonly Token[];
  readonly item: (token: Token) => T;
  /** Names the source in its warnings (a fleet's `context "lab"`). */
  readonly label?: string;
}

/** Prints the list with its events, then changes until stopped; resolves to the exit code. */
export async function watchTokens(context: CommandContext, adapter: TokenAdapter, initial: readonly Token[]): Promise<number> {
  const columns = tokenColumns(initial);
  await watchSources(context, initial, [{ adapter, initial, item: (token) => token }], (tokens, nowMs) => tokenView(tokens, nowMs, { columns }));
  return 0;
}

/**
 * Prints `listed` (in its order) as `listed` events, then every source's changes until Ctrl-C or
 * --watch-timeout. Each source has its own tracker, watch (or poll) and warnings; one clock
 * checks every source's expiries.
 */
export async function watchSources<T>(context: CommandContext, listed: readonly T[], sources: readonly WatchSource<T>[], describe: ItemDescription<T>): Promise<void> {
  const { invocation, io, clock } = context;
  const timeoutMs = watchTimeoutMs(invocation.options.watchTimeout);
  const print = await eventPrinter(context, describe);
  print('listed', listed);
  const watched = sources.map((source) => ({ source, tracker: new TokenChangeTracker(source.initial, clock.now()) }));
  const show = (source: WatchSource<T>, changes: readonly TokenChange[]) => {
    for (const change of changes) print(change.kind, [source.item(change.token)]);
  };
  const stop = new AbortController();
  const expireDue = () => {
    for (const { source, tracker } of watched) show(source, tracker.expireDue(clock.now()));
  };
  const timers: ReturnType<typeof setTimeout>[] = [setInterval(expireDue, EXPIRY_CHECK_MS)];
  if (timeoutMs !== undefined) timers.push(setTimeout(() => stop.abort(), timeoutMs));
  const stopped = new Promise<void>((resolve) => stop.signal.addEventListener('abort', () => resolve(), { once: true }));
  const unsubscribe = io.onStopSignal?.(async () => {
    stop.abort();
    return 0;
  });
  for (const { source, tracker } of watched) {
    let lastState = '';
    const onEvent = (event: WatchEvent) => {
      const nowMs = clock.now();
      if (event.type === 'snapshot') show(source, tracker.snapshot(event.tokens, nowMs));
      else if (event.type === 'upsert') show(source, tracker.upsert(event.token, nowMs));
      else if (event.type === 'delete') show(source, tracker.remove(event.id, nowMs));
      else if (event.error !== undefined && event.state !== lastState) warn(io.stderr, `${source.label === undefined ? '' : `${source.label}: `}watch ${event.state}: ${event.error.message}`);
      if (event.type === 'state') lastState = event.state;
    };
    const { adapter } = source;
    if (adapter.watch !== undefined) adapter.watch(onEvent, stop.signal);
    else timers.push(setInterval(() => void pollOnce(adapter, stop.signal, onEvent), POLL_INTERVAL_MS));
  }
  try {
    await stopped;
  } finally {
    for (const timer of timers) clearTimeout(timer);
    unsubscribe?.();
  }
}

async function pollOnce(adapter: TokenAdapter, signal: AbortSignal, onEvent: (event: WatchEvent) => void): Promise<void> {
  try {
    onEvent({ type: 'snapshot', tokens: await adapter.list(signal) });
  } catch (error) {
    if (!signal.aborted) onEvent({ type: 'state', state: 'stale', error: toTokenTuiError(error, adapter.id) });
  }
}
