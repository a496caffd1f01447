// `tokentui list -w`: after the list, one line per change until Ctrl-C (exit 0) or
// --watch-timeout. Changes come from the adapter's watch stream (kubeadm, k3s: the API server's
// watch) or, for a backend without one, from a list every POLL_INTERVAL_MS. Tables get an EVENT
// column (`listed` for what was there); -o json prints JSON Lines, one event object per line.
import type { TokenAdapter, WatchEvent } from '../../adapters/contract.ts';
import { parseDuration } from '../../core/duration.ts';
import { toTokenTuiError, usageError } from '../../core/errors.ts';
import { formatRfc3339 } from '../../core/rfc3339.ts';
import type { Token } from '../../core/token.ts';
import { TokenChangeTracker, type TokenChange } from '../../core/token-changes.ts';
import { warn } from '../exit.ts';
import { terminalSafeJson } from '../../core/terminal-text.ts';
import { formatTable, printable, yamlWriter } from '../output.ts';
import { tokenView } from '../render/token-view.ts';
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

/** Prints one event in the chosen format (js-yaml and the template are prepared up front). */
async function eventPrinter(context: CommandContext): Promise<(event: EventName, token: Token) => void> {
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
  const shown: (readonly string[])[] = [];
  let headerPrinted = invocation.options.noHeaders === true;
  return (event, token) => {
    const nowMs = clock.now();
    const view = tokenView([token], nowMs);
    if (output === 'table' || output === 'wide') {
      const columns = output === 'wide' ? [...view.columns, ...view.wideColumns] : view.columns;
      const headers = ['EVENT', ...columns.map((column) => column.header)];
      shown.push([event, ...columns.map((column) => column.cell(token))]);
      // Laid out with every row shown so far, so a column stays under its header where it can.
      const lines = formatTable(headers, shown).split('\n');
      if (!headerPrinted) io.stdout.write(`${lines[0]}\n`);
      headerPrinted = true;
      io.stdout.write(`${lines.at(-2) ?? ''}\n`);
      return;
    }
    if (output === 'name') {
      io.stdout.write(`${event} ${printable(`token/${token.id}`)}\n`);
      return;
    }
    const record = { event, at: formatRfc3339(nowMs), token: view.toJson(token) };
    if (render !== undefined) io.stdout.write(render(record));
    else if (yaml !== undefined) {
      io.stdout.write('---\n');
      yaml(record);
    } else io.stdout.write(`${terminalSafeJson(record)}\n`);
  };
}

/** Prints the list with its events, then changes until stopped; resolves to the exit code. */
export async function watchTokens(context: CommandContext, adapter: TokenAdapter, initial: readonly Token[]): Promise<number> {
  const { invocation, io, clock } = context;
  const timeoutMs = watchTimeoutMs(invocation.options.watchTimeout);
  const print = await eventPrinter(context);
  for (const token of initial) print('listed', token);
  const tracker = new TokenChangeTracker(initial, clock.now());
  const show = (changes: readonly TokenChange[]) => {
    for (const change of changes) print(change.kind, change.token);
  };
  const stop = new AbortController();
  const timers: ReturnType<typeof setTimeout>[] = [setInterval(() => show(tracker.expireDue(clock.now())), EXPIRY_CHECK_MS)];
  if (timeoutMs !== undefined) timers.push(setTimeout(() => stop.abort(), timeoutMs));
  const stopped = new Promise<void>((resolve) => stop.signal.addEventListener('abort', () => resolve(), { once: true }));
  const unsubscribe = io.onStopSignal?.(async () => {
    stop.abort();
    return 0;
  });
  let lastState = '';
  const onEvent = (event: WatchEvent) => {
    const nowMs = clock.now();
    if (event.type === 'snapshot') show(tracker.snapshot(event.tokens, nowMs));
    else if (event.type === 'upsert') show(tracker.upsert(event.token, nowMs));
    else if (event.type === 'delete') show(tracker.remove(event.id, nowMs));
    else if (event.error !== undefined && event.state !== lastState) warn(io.stderr, `watch ${event.state}: ${event.error.message}`);
    if (event.type === 'state') lastState = event.state;
  };
  if (adapter.watch !== undefined) adapter.watch(onEvent, stop.signal);
  else timers.push(setInterval(() => void pollOnce(adapter, stop.signal, onEvent), POLL_INTERVAL_MS));
  try {
    await stopped;
  } finally {
    for (const timer of timers) clearTimeout(timer);
    unsubscribe?.();
  }
  return 0;
}

async function pollOnce(adapter: TokenAdapter, signal: AbortSignal, onEvent: (event: WatchEvent) => void): Promise<void> {
  try {
    onEvent({ type: 'snapshot', tokens: await adapter.list(signal) });
  } catch (error) {
    if (!signal.aborted) onEvent({ type: 'state', state: 'stale', error: toTokenTuiError(error, adapter.id) });
  }
}
