// The watch loop against a scripted transport: every list answer and every watch stream is
// chosen by the test, so relists, backoff and state changes are exact and instant.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../../core/clock.ts';
import { TokenTuiError } from '../../core/errors.ts';
import type { KubeClient, KubeRequestOptions } from '../../kube/client.ts';
import type { WatchEvent } from '../contract.ts';
import { createTokensApi } from './tokens-api.ts';
import { backoffDelayMs, watchTokens } from './watch.ts';

type ListAnswer = { resourceVersion: string; names: string[] } | Error;
/** A watch stream: an error when opening, or events followed by a clean end, an error, or a hang. */
type StreamScript = Error | { events: unknown[]; then: 'end' | 'hang' | Error };

function secret(name: string, resourceVersion = '1') {
  const data = { 'token-id': Buffer.from(name).toString('base64'), 'token-secret': Buffer.from('0123456789abcdef').toString('base64') };
  return { metadata: { name: `bootstrap-token-${name}`, uid: `uid-${name}`, resourceVersion }, type: 'bootstrap.kubernetes.io/token', data };
}

class ScriptedKube implements KubeClient {
  readonly connection = { server: 'https://scripted:6443' } as KubeClient['connection'];
  readonly lists: ListAnswer[] = [];
  readonly streams: StreamScript[] = [];
  readonly watchVersions: string[] = [];
  listCalls = 0;

  readonly listQueries: Readonly<Record<string, string>>[] = [];

  async request<T>(_method: string, _path: string, options?: KubeRequestOptions): Promise<T> {
    this.listCalls += 1;
    this.listQueries.push(options?.searchParams ?? {});
    const answer = this.lists.shift() ?? { resourceVersion: '1', names: [] };
    if (answer instanceof Error) throw answer;
    return { metadata: { resourceVersion: answer.resourceVersion }, items: answer.names.map((name) => secret(name)) } as T;
  }

  stream(_path: string, options?: KubeRequestOptions): AsyncIterable<unknown> {
    this.watchVersions.push(options?.searchParams?.['resourceVersion'] ?? '');
    const script = this.streams.shift() ?? { events: [], then: 'hang' };
    const signal = options?.signal;
    return (async function* () {
      if (script instanceof Error) throw script;
      yield* script.events;
      if (script.then instanceof Error) throw script.then;
      if (script.then === 'hang') {
        await new Promise((_resolve, reject) => signal?.addEventListener('abort', () => reject(new Error('aborted')), { once: true }));
      }
    })();
  }

  async close(): Promise<void> {}
}

const controllers: AbortController[] = [];
const FAST = { interval: 2 };
afterEach(() => {
  for (const controller of controllers.splice(0)) controller.abort();
});

function startWatch(kube: ScriptedKube, clock = new ManualClock(0)) {
  const events: WatchEvent[] = [];
  const sleeps: number[] = [];
  const controller = new AbortController();
  controllers.push(controller);
  const sleep = async (ms: number) => {
    sleeps.push(ms);
    clock.advance(ms);
  };
  const api = createTokensApi(kube, { clock });
  watchTokens(kube, api, (event) => events.push(event), controller.signal, { clock, sleep, random: () => 0.5 });
  const summary = () =>
    events.map((event) => {
      if (event.type === 'snapshot') return `snapshot:${event.tokens.map((token) => token.id).join(',')}`;
      if (event.type === 'upsert') return `upsert:${event.token.id}`;
      if (event.type === 'delete') return `delete:${event.id}`;
      return `state:${event.state}`;
    });
  return { events, sleeps, controller, summary };
}

const gone = () => new TokenTuiError('conflict', 'too old resource version', { httpStatus: 410 });
const refused = () => new TokenTuiError('transport', 'connect ECONNREFUSED 127.0.0.1:6443');
const event = (type: string, name: string, resourceVersion: string) => ({ type, object: secret(name, resourceVersion) });

describe('watchTokens', () => {
  it('lists, goes live, then turns watch events into upserts and deletes', async () => {
    const kube = new ScriptedKube();
    kube.lists.push({ resourceVersion: '10', names: ['aaaaaa'] });
    kube.streams.push({ events: [event('ADDED', 'bbbbbb', '11'), event('MODIFIED', 'aaaaaa', '12'), event('DELETED', 'aaaaaa', '13')], then: 'hang' });
    const watch = startWatch(kube);
    await vi.waitFor(() => expect(watch.summary()).toHaveLength(6), FAST);
    expect(watch.summary()).toEqual(['state:connecting', 'snapshot:aaaaaa', 'state:live', 'upsert:bbbbbb', 'upsert:aaaaaa', 'delete:aaaaaa']);
    expect(kube.watchVersions).toEqual(['10']);
    expect(JSON.stringify(watch.events)).not.toContain('0123456789abcdef');
  });

  it('reads its first list from the watch cache (resourceVersion=0) and every relist from etcd', async () => {
    const kube = new ScriptedKube();
    kube.lists.push({ resourceVersion: '10', names: ['aaaaaa'] }, { resourceVersion: '20', names: ['aaaaaa'] });
    kube.streams.push(gone());
    const { summary } = startWatch(kube);
    await vi.waitFor(() => expect(kube.listCalls).toBe(2));
    expect(kube.listQueries.map((query) => query['resourceVersion'])).toEqual(['0', undefined]);
    // One answer for up to 15,000 tokens either way, read as it arrives.
    expect(kube.listQueries.map((query) => query['limit'])).toEqual(['15000', '15000']);
    await vi.waitFor(() => expect(summary().filter((line) => line.startsWith('snapshot'))).toHaveLength(2));
  });

  it('re-watches from the last event or bookmark version when the server ends the stream', async () => {
    const kube = new ScriptedKube();
    kube.lists.push({ resourceVersion: '10', names: [] });
    kube.streams.push({ events: [event('ADDED', 'bbbbbb', '11'), { type: 'BOOKMARK', object: { metadata: { resourceVersion: '15' } } }], then: 'end' });
    const watch = startWatch(kube);
    await vi.waitFor(() => expect(kube.watchVersions).toEqual(['10', '15']), FAST);
    expect(kube.listCalls).toBe(1);
    expect(watch.summary()).toEqual(['state:connecting', 'snapshot:', 'state:live', 'upsert:bbbbbb']);
  });

  it('relists at once when the watch answers 410 Gone', async () => {
    const kube = new ScriptedKube();
    kube.lists.push({ resourceVersion: '10', names: ['aaaaaa'] }, { resourceVersion: '50', names: ['cccccc'] });
    kube.streams.push({ events: [event('ADDED', 'bbbbbb', '11')], then: 'end' }, gone());
    const watch = startWatch(kube);
    await vi.waitFor(() => expect(kube.watchVersions).toEqual(['10', '11', '50']), FAST);
    expect(watch.summary()).toEqual(['state:connecting', 'snapshot:aaaaaa', 'state:live', 'upsert:bbbbbb', 'snapshot:cccccc']);
    expect(watch.sleeps).toEqual([]);
  });

  it('relists when the stream carries an ERROR event', async () => {
    const kube = new ScriptedKube();
    kube.lists.push({ resourceVersion: '10', names: [] }, { resourceVersion: '60', names: ['dddddd'] });
    const expired = { type: 'ERROR', object: { kind: 'Status', code: 410, reason: 'Expired', message: 'too old resource version: 10 (55)' } };
    kube.streams.push({ events: [event('ADDED', 'bbbbbb', '11'), expired], then: 'end' });
    const watch = startWatch(kube);
    await vi.waitFor(() => expect(kube.watchVersions).toEqual(['10', '60']), FAST);
    expect(watch.summary()).toEqual(['state:connecting', 'snapshot:', 'state:live', 'upsert:bbbbbb', 'snapshot:dddddd']);
  });

  it('backs off exponentially, goes stale after three failures, and recovers to live', async () => {
    const kube = new ScriptedKube();
    kube.lists.push({ resourceVersion: '10', names: [] }, refused(), refused(), refused(), { resourceVersion: '20', names: ['eeeeee'] });
    kube.streams.push({ events: [], then: refused() });
    const watch = startWatch(kube);
    await vi.waitFor(() => expect(watch.summary().at(-1)).toBe('state:live'), FAST);
    await vi.waitFor(() => expect(kube.watchVersions).toEqual(['10', '20']), FAST);
    expect(watch.summary()).toEqual([
      'state:connecting', 'snapshot:', 'state:live',
      'state:reconnecting', 'state:reconnecting', 'state:stale', 'state:stale',
      'snapshot:eeeeee', 'state:live',
    ]);
    expect(watch.sleeps).toEqual([500, 1000, 2000, 4000]);
    const reported = watch.events.filter((item) => item.type === 'state' && item.error).map((item) => (item as { error: TokenTuiError }).error);
    expect(reported.every((error) => error instanceof TokenTuiError && error.message.includes('ECONNREFUSED'))).toBe(true);
  });

  it('calls the data stale after 10 s without contact, even before three failures', async () => {
    const clock = new ManualClock(0);
    const kube = new ScriptedKube();
    const slowFailure = new TokenTuiError('timeout', 'request timed out');
    kube.request = async <T,>(): Promise<T> => {
      kube.listCalls += 1;
      if (kube.listCalls === 1) throw refused();
      if (kube.listCalls === 2) {
        clock.advance(10_000); // the second attempt times out after 10 s
        throw slowFailure;
      }
      return new Promise<T>(() => {}); // then the server stays silent
    };
    const watch = startWatch(kube, clock);
    await vi.waitFor(() => expect(watch.summary()).toContain('state:stale'), FAST);
    expect(watch.summary().slice(0, 3)).toEqual(['state:connecting', 'state:reconnecting', 'state:stale']);
  });

  it('backs off when the watch keeps ending at once with nothing in it', async () => {
    const kube = new ScriptedKube();
    kube.streams.push({ events: [], then: 'end' }, { events: [], then: 'end' });
    const watch = startWatch(kube);
    await vi.waitFor(() => expect(kube.listCalls).toBe(3), FAST);
    expect(watch.sleeps).toEqual([500, 1000]);
    expect(watch.summary()).toEqual(['state:connecting', 'snapshot:', 'state:live', 'state:reconnecting', 'snapshot:', 'state:live', 'state:reconnecting', 'snapshot:', 'state:live']);
  });

  it('stops on abort: no further events, no further requests', async () => {
    const kube = new ScriptedKube();
    kube.lists.push({ resourceVersion: '10', names: [] });
    const watch = startWatch(kube);
    await vi.waitFor(() => expect(kube.watchVersions).toEqual(['10']), FAST);
    watch.controller.abort();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const seen = watch.events.length;
    expect(kube.listCalls).toBe(1);
    expect(kube.watchVersions).toEqual(['10']);
    expect(watch.events.length).toBe(seen);
    expect(watch.summary().at(-1)).toBe('state:live');
  });
});

describe('backoffDelayMs', () => {
  it('doubles from 500 ms to a 10 s cap with +-25 % jitter', () => {
    expect([1, 2, 3, 4, 5, 6, 9].map((failures) => backoffDelayMs(failures, () => 0.5))).toEqual([500, 1000, 2000, 4000, 8000, 10_000, 10_000]);
    expect(backoffDelayMs(1, () => 0)).toBe(375);
    expect(backoffDelayMs(20, () => 0.999_999)).toBe(12_500);
  });
});
