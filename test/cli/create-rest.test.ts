// `tokentui create` with the REST create fields (--scope, --max-uses, --single-use) against the
// reference server over loopback: what the server stores (read back through its API), and every
// refusal (exit 2) proven by the server's own request log to have sent nothing.
import { describe, expect, it } from 'vitest';
import type { WireToken, WireTokenList } from '../../src/rest-contract/wire.ts';
import { useReferenceServer } from './reference-server-fixture.ts';
import { useFakeCluster } from './fake-cluster-fixture.ts';
import { runTokentui } from './harness.ts';

const fixture = useReferenceServer();
const { serverLog, cli } = fixture;
const posts = () => serverLog.filter((line) => line.startsWith('POST '));

async function stored(id: string): Promise<WireToken | undefined> {
  const response = await fetch(`${fixture.server.url}/api/v1/tokens`, { headers: { authorization: `Bearer ${fixture.server.apiKey}` } });
  return ((await response.json()) as WireTokenList).items.find((token) => token.id === id);
}

describe('create with the REST create fields', () => {
  it('--scope and --max-uses reach the server; -o json reports them', async () => {
    const created = await cli('create', '--description', 'rack 12', '--scope', 'workers', '--max-uses', '5', '-o', 'json');
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    const json = JSON.parse(created.stdout) as { id: string; fields: unknown };
    expect(json.fields).toEqual({ scope: 'workers', maxUses: 5 });
    expect(await stored(json.id)).toMatchObject({ description: 'rack 12', scope: 'workers', maxUses: 5, usesRemaining: 5 });
  });

  it('--single-use is max uses 1, and agrees with --max-uses 1', async () => {
    for (const flags of [['--single-use'], ['--single-use', '--max-uses', '1']]) {
      const created = await cli('create', ...flags, '-o', 'json');
      expect(created.code).toBe(0);
      expect(await stored((JSON.parse(created.stdout) as { id: string }).id)).toMatchObject({ maxUses: 1 });
    }
  });

  it.each([
    [['--max-uses', '0'], /^tokentui: --max-uses: max uses must be a whole number from 1 to 1000000\n/],
    [['--max-uses', 'five'], /^tokentui: --max-uses: max uses: "five" is not a whole number/],
    [['--single-use', '--max-uses', '3'], /^tokentui: --max-uses contradicts another flag for max uses|^tokentui: --single-use contradicts another flag for max uses/],
    [['--scope', 'a\u001bb'], /^tokentui: --scope: scope is one line of text/],
    [['--usages', 'signing'], /^tokentui: --usages: tokens of the rest adapter have no usages/],
  ])('%j is refused (exit 2) before anything is sent', async (flags, message) => {
    const refused = await cli('create', ...flags);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(message);
    expect(posts()).toEqual([]);
  });
});

describe('create-field flags on a backend without those fields', () => {
  const cluster = useFakeCluster();
  it('--scope on kubeadm: exit 2 naming the flag and the adapters that take it; nothing sent', async () => {
    const refused = await runTokentui(['create', '--scope', 'workers'], { env: cluster.env() });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^tokentui: --scope: tokens of the kubeadm adapter have no such field \(rest only\)\n/);
    expect(cluster.apiserver.requests.filter((request) => request.method === 'POST')).toEqual([]);
  });
});
