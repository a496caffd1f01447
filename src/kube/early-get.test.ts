// withEarlyGet against a scripted client whose every request waits until the test answers it, so
// the order of sends and answers is the test's to choose.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TokenTuiError } from '../core/errors.ts';
import type { KubeClient, KubeRequestOptions } from './client.ts';
import { withEarlyGet } from './early-get.ts';

const PATH = '/api/v1/namespaces/kube-system/secrets';
const QUERY = { fieldSelector: 'type=bootstrap.kubernetes.io/token', labelSelector: 'app=x' };

interface SentRequest {
  readonly method: string;
  readonly path: string;
  readonly options: KubeRequestOptions | undefined;
  answer(value: unknown): void;
  fail(error: unknown): void;
}

/** Records every request and leaves it pending until the test calls answer() or fail() on it. */
function scriptedClient(): KubeClient & { readonly sent: SentRequest[]; closed: number } {
  const sent: SentRequest[] = [];
  const client = {
    sent,
    closed: 0,
    connection: { server: 'https://127.0.0.1:6443' } as KubeClient['connection'],
    request<T>(method: string, path: string, options?: KubeRequestOptions): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        sent.push({ method, path, options, answer: (value) => resolve(value as T), fail: reject });
      });
    },
    stream: () => {
      throw new Error('not used');
    },
    close: async () => void (client.closed += 1),
  };
  return client;
}

/** Lets every settled promise run its reactions (and Node report unhandled rejections). */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('withEarlyGet', () => {
  it('sends the GET when wrapping, before anyone asks', () => {
    const client = scriptedClient();
    withEarlyGet(client, PATH, QUERY);
    expect(client.sent).toEqual([expect.objectContaining({ method: 'GET', path: PATH, options: expect.objectContaining({ searchParams: QUERY }) })]);
  });

  it('gives the first matching GET the early answer without sending it again', async () => {
    const client = scriptedClient();
    const wrapped = withEarlyGet(client, PATH, QUERY);
    const asked = wrapped.request('GET', PATH, { searchParams: QUERY });
    client.sent[0]!.answer({ items: ['early'] });
    await expect(asked).resolves.toEqual({ items: ['early'] });
    expect(client.sent).toHaveLength(1);
  });

  it('also when the answer came before the question', async () => {
    const client = scriptedClient();
    const wrapped = withEarlyGet(client, PATH, QUERY);
    client.sent[0]!.answer({ items: ['early'] });
    await settle();
    await expect(wrapped.request('GET', PATH, { searchParams: QUERY })).resolves.toEqual({ items: ['early'] });
    expect(client.sent).toHaveLength(1);
  });

  it('matches whatever the order of the query parameters', async () => {
    const client = scriptedClient();
    const wrapped = withEarlyGet(client, PATH, { b: '2', a: '1' });
    client.sent[0]!.answer('early');
    await expect(wrapped.request('GET', PATH, { searchParams: { a: '1', b: '2' } })).resolves.toBe('early');
    expect(client.sent).toHaveLength(1);
  });

  it('sends a second identical GET anew: the early answer is used once', async () => {
    const client = scriptedClient();
    const wrapped = withEarlyGet(client, PATH, QUERY);
    client.sent[0]!.answer('early');
    await expect(wrapped.request('GET', PATH, { searchParams: QUERY })).resolves.toBe('early');
    const second = wrapped.request('GET', PATH, { searchParams: QUERY });
    expect(client.sent).toHaveLength(2);
    expect(client.sent[1]).toMatchObject({ method: 'GET', path: PATH, options: { searchParams: QUERY } });
    client.sent[1]!.answer('fresh');
    await expect(second).resolves.toBe('fresh');
  });

  it('passes other methods, paths and queries through, and keeps the early answer for the match', async () => {
    const client = scriptedClient();
    const wrapped = withEarlyGet(client, PATH, QUERY);
    const others = [
      wrapped.request('POST', PATH, { searchParams: QUERY, json: { kind: 'Secret' } }),
      wrapped.request('GET', `${PATH}/bootstrap-token-abcdef`),
      wrapped.request('GET', PATH, { searchParams: { ...QUERY, limit: '500' } }),
      wrapped.request('GET', PATH, { searchParams: { fieldSelector: QUERY.fieldSelector } }),
      wrapped.request('GET', PATH),
    ];
    expect(client.sent.slice(1).map(({ method, path, options }) => [method, path, options])).toEqual([
      ['POST', PATH, { searchParams: QUERY, json: { kind: 'Secret' } }],
      ['GET', `${PATH}/bootstrap-token-abcdef`, undefined],
      ['GET', PATH, { searchParams: { ...QUERY, limit: '500' } }],
      ['GET', PATH, { searchParams: { fieldSelector: QUERY.fieldSelector } }],
      ['GET', PATH, undefined],
    ]);
    client.sent.forEach((request, index) => request.answer(index === 0 ? 'early' : `own ${index}`));
    await expect(Promise.all(others)).resolves.toEqual(['own 1', 'own 2', 'own 3', 'own 4', 'own 5']);
    await expect(wrapped.request('GET', PATH, { searchParams: QUERY })).resolves.toBe('early');
    expect(client.sent).toHaveLength(6);
  });

  it("hands the items read before the question to the caller's onItem, then the rest as they come", async () => {
    const client = scriptedClient();
    const wrapped = withEarlyGet(client, PATH, QUERY);
    const sendItem = client.sent[0]!.options!.onItem!;
    sendItem({ n: 1 });
    sendItem({ n: 2 });
    const seen: unknown[] = [];
    const asked = wrapped.request('GET', PATH, { searchParams: QUERY, onItem: (item) => seen.push(item) });
    expect(seen).toEqual([{ n: 1 }, { n: 2 }]);
    sendItem({ n: 3 });
    client.sent[0]!.answer({ items: [], metadata: { resourceVersion: '9' } });
    await expect(asked).resolves.toEqual({ items: [], metadata: { resourceVersion: '9' } });
    expect(seen).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
  });

  it('puts the items it read back into the answer for a caller without onItem', async () => {
    const client = scriptedClient();
    const wrapped = withEarlyGet(client, PATH, QUERY);
    const asked = wrapped.request('GET', PATH, { searchParams: QUERY });
    client.sent[0]!.options!.onItem!({ n: 1 });
    client.sent[0]!.options!.onItem!({ n: 2 });
    client.sent[0]!.answer({ kind: 'SecretList', items: [] });
    await expect(asked).resolves.toEqual({ kind: 'SecretList', items: [{ n: 1 }, { n: 2 }] });
  });

  it("fails the caller when its onItem refuses an item that was held for it", async () => {
    const client = scriptedClient();
    const wrapped = withEarlyGet(client, PATH, QUERY);
    client.sent[0]!.options!.onItem!('not an object');
    const refused = new Error('items[0] is not an object');
    const asked = wrapped.request('GET', PATH, {
      searchParams: QUERY,
      onItem: () => {
        throw refused;
      },
    });
    await expect(asked).rejects.toBe(refused);
  });

  it('passes connection and close through to the wrapped client', async () => {
    const client = scriptedClient();
    const wrapped = withEarlyGet(client, PATH, QUERY);
    expect(wrapped.connection).toBe(client.connection);
    await wrapped.close();
    expect(client.closed).toBe(1);
  });
});

describe('withEarlyGet failures and aborts', () => {
  const unhandled: unknown[] = [];
  const record = (reason: unknown) => void unhandled.push(reason);
  beforeEach(() => {
    unhandled.length = 0;
    process.on('unhandledRejection', record);
  });
  afterEach(() => void process.off('unhandledRejection', record));

  it('hands an early failure to the first matching caller, then sends the next GET anew', async () => {
    const client = scriptedClient();
    const wrapped = withEarlyGet(client, PATH, QUERY);
    const forbidden = new TokenTuiError('forbidden', 'secrets is forbidden', { httpStatus: 403 });
    client.sent[0]!.fail(forbidden);
    await settle();
    await expect(wrapped.request('GET', PATH, { searchParams: QUERY })).rejects.toBe(forbidden);
    const retried = wrapped.request('GET', PATH, { searchParams: QUERY });
    client.sent[1]!.answer('fresh');
    await expect(retried).resolves.toBe('fresh');
    expect(unhandled).toEqual([]);
  });

  it('leaves no unhandled rejection when nobody asks for a failed early GET', async () => {
    const client = scriptedClient();
    withEarlyGet(client, PATH, QUERY);
    client.sent[0]!.fail(new TokenTuiError('transport', 'connection refused'));
    await settle();
    expect(unhandled).toEqual([]);
  });

  it("rejects with the caller's abort reason while the early answer is still pending", async () => {
    const client = scriptedClient();
    const wrapped = withEarlyGet(client, PATH, QUERY);
    const controller = new AbortController();
    const asked = wrapped.request('GET', PATH, { searchParams: QUERY, signal: controller.signal });
    const reason = new Error('the user pressed q');
    controller.abort(reason);
    await expect(asked).rejects.toBe(reason);
    // The answer that arrives later changes nothing, and nothing was sent for the aborted caller.
    client.sent[0]!.fail(new TokenTuiError('transport', 'connection reset'));
    await settle();
    expect(client.sent).toHaveLength(1);
    expect(unhandled).toEqual([]);
  });

  it('answers a caller whose signal never aborts, as without a signal', async () => {
    const client = scriptedClient();
    const wrapped = withEarlyGet(client, PATH, QUERY);
    const controller = new AbortController();
    const asked = wrapped.request('GET', PATH, { searchParams: QUERY, signal: controller.signal });
    client.sent[0]!.answer('early');
    await expect(asked).resolves.toBe('early');
    controller.abort(new Error('too late to matter'));
    await settle();
    expect(unhandled).toEqual([]);
  });

  // The real client's request is an async function: it rejects, never throws, and so must this.
  it('rejects (rather than throws) for a signal that aborted before the call', async () => {
    const client = scriptedClient();
    const wrapped = withEarlyGet(client, PATH, QUERY);
    const reason = new Error('already cancelled');
    let asked: Promise<unknown> | undefined;
    expect(() => {
      asked = wrapped.request('GET', PATH, { searchParams: QUERY, signal: AbortSignal.abort(reason) });
    }).not.toThrow();
    await expect(asked).rejects.toBe(reason);
    expect(client.sent).toHaveLength(1);
  });
});
