// Issue 18 "must show", command line, on the real fleet: three real control planes (own etcd,
// apiserver, controller-manager each) and the reference REST server, all four as contexts
// (scripts/k8s/with-clusters.sh 3; npm run test:fleet).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiserver, fleetCli, fleetKubeadm, realFleet } from '../support/real-fleet.ts';

interface FleetToken {
  context: string;
  id: string;
  description: string;
}

const made = new Map<string, string>(); // context -> token id made there

async function listAll(extra: readonly string[] = []): Promise<{ code: number; stderr: string; tokens: FleetToken[]; ms: number }> {
  const started = Date.now();
  const result = await fleetCli(['list', '-A', '-o', 'json', ...extra]);
  return { code: result.code, stderr: result.stderr, tokens: JSON.parse(result.stdout || '[]') as FleetToken[], ms: Date.now() - started };
}

beforeAll(async () => {
  const fleet = realFleet();
  for (const [index, cluster] of fleet.clusters.entries()) {
    const created = await fleetKubeadm(index, ['token', 'create', '--ttl', '2h', '--description', `made in ${cluster.context}`]);
    expect(created.code, created.stderr).toBe(0);
    made.set(cluster.context, created.stdout.trim().split('.')[0]!);
  }
  const rest = await fleetCli(['create', '--context', fleet.restContext, '--ttl', '2h', '--description', 'made in rest', '-o', 'json']);
  expect(rest.code, rest.stderr).toBe(0);
  made.set(fleet.restContext, (JSON.parse(rest.stdout) as { id: string }).id);
});

afterAll(async () => {
  // Whatever a test stopped is running again for the next file.
  for (const index of realFleet().clusters.keys()) await apiserver(index, 'start');
});

describe('list -A on three real control planes and the REST server', () => {
  it('returns every token of every backend with its context (exit 0, nothing on stderr)', async () => {
    const { code, stderr, tokens } = await listAll();
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(made.size).toBe(4);
    for (const [context, id] of made) {
      const found = tokens.filter((token) => token.id === id);
      expect(found.map((token) => token.context), `${id} is listed once, in ${context}`).toEqual([context]);
    }
    expect(new Set(tokens.map((token) => token.context))).toEqual(new Set(made.keys()));
  });

  it('with one apiserver stopped, that context costs one "unreachable" line within the deadline and the others are listed (exit 1)', async () => {
    const stopped = realFleet().clusters[1]!;
    const stop = await apiserver(1, 'stop');
    expect(stop.code, stop.stderr).toBe(0);
    try {
      const { code, stderr, tokens, ms } = await listAll(['--context-timeout', '5s']);
      expect(code).toBe(1);
      const lines = stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(new RegExp(`^tokentui: context "${stopped.context}": unreachable: `));
      expect(tokens.some((token) => token.context === stopped.context)).toBe(false);
      for (const [context, id] of made) {
        if (context === stopped.context) continue;
        expect(tokens.some((token) => token.context === context && token.id === id), `${context} still listed`).toBe(true);
      }
      // Within the deadline (5 s), plus process start-up on a loaded machine.
      expect(ms).toBeLessThan(5_000 + 4_000);
    } finally {
      const start = await apiserver(1, 'start');
      expect(start.code, start.stderr).toBe(0);
    }
  });
});
