// Seeds bootstrap-token Secrets into the real control plane (scripts/k8s/with-cluster.sh)
// through the admin API, for screenshots and benchmarks. Secrets are random and never
// returned or printed: callers only learn ids. Plain erasable TypeScript (imported by .mjs).
import { randomBytes } from 'node:crypto';
import { adminFetch } from '../../test/support/real-cluster.ts';

export interface SeedToken {
  /** Six characters [a-z0-9]; anything else makes an invalid record on purpose. */
  readonly id: string;
  readonly description: string;
  /** null = never expires. Negative = already expired. */
  readonly ttlSeconds: number | null;
  readonly usages: readonly ('authentication' | 'signing')[];
  /** Extra groups (system:bootstrappers:...). */
  readonly groups: readonly string[];
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
const SECRETS_PATH = '/api/v1/namespaces/kube-system/secrets';
const TOKEN_SELECTOR = `fieldSelector=${encodeURIComponent('type=bootstrap.kubernetes.io/token')}`;

export function randomTokenPart(length: number): string {
  return [...randomBytes(length)].map((byte) => ALPHABET[byte % ALPHABET.length]).join('');
}

function rfc3339(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
}

function secretBody(token: SeedToken, nowMs: number): object {
  const data: Record<string, string> = {
    'token-id': token.id,
    'token-secret': randomTokenPart(16),
    description: token.description,
    'usage-bootstrap-authentication': String(token.usages.includes('authentication')),
    'usage-bootstrap-signing': String(token.usages.includes('signing')),
  };
  if (token.ttlSeconds !== null) data.expiration = rfc3339(nowMs + token.ttlSeconds * 1000);
  if (token.groups.length > 0) data['auth-extra-groups'] = token.groups.join(',');
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    type: 'bootstrap.kubernetes.io/token',
    metadata: { name: `bootstrap-token-${token.id.toLowerCase()}`, namespace: 'kube-system' },
    stringData: data,
  };
}

async function createOne(token: SeedToken, nowMs: number): Promise<void> {
  const response = await adminFetch(SECRETS_PATH, { method: 'POST', body: JSON.stringify(secretBody(token, nowMs)) });
  const text = await response.text();
  if (response.status !== 201) throw new Error(`seeding ${token.id} failed: HTTP ${response.status} ${text.slice(0, 200)}`);
}

/** Creates the tokens, `concurrency` requests at a time. */
export async function seedTokens(tokens: readonly SeedToken[], concurrency = 16): Promise<void> {
  const nowMs = Date.now();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < tokens.length) {
      const token = tokens[next];
      next += 1;
      if (token !== undefined) await createOne(token, nowMs);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, tokens.length) }, worker));
}

/** Deletes every bootstrap-token Secret (one deletecollection request). */
export async function deleteAllTokens(): Promise<void> {
  const response = await adminFetch(`${SECRETS_PATH}?${TOKEN_SELECTOR}`, { method: 'DELETE' });
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`deleting the tokens failed: HTTP ${response.status}`);
}

export async function countTokens(): Promise<number> {
  const response = await adminFetch(`${SECRETS_PATH}?${TOKEN_SELECTOR}`);
  const body = (await response.json()) as { items?: unknown[] };
  return body.items?.length ?? 0;
}

const DEFAULT_GROUP = 'system:bootstrappers:kubeadm:default-node-token';
const POOLS = ['eu-west-1a', 'eu-west-1b', 'us-east-2', 'ap-northeast-1', 'edge-lab'];

function uniqueIds(count: number): string[] {
  const ids = new Set<string>();
  while (ids.size < count) ids.add(randomTokenPart(6));
  return [...ids];
}

/**
 * `count` tokens for benchmarks. The `ticking` soonest ones expire within the hour (their TTL
 * shows mm:ss and changes every second); the rest spread over 1 h to 7 days. Sorted by expiry,
 * as the TUI sorts by default, a screenful therefore ticks on every row: the worst case.
 */
export function benchTokens(count: number, ticking = 60): SeedToken[] {
  return uniqueIds(count).map((id, index) => ({
    id,
    description: `bench token ${index} · pool ${POOLS[index % POOLS.length]}`,
    ttlSeconds: index < ticking ? 600 + index * 40 : 3900 + ((index * 7919) % (7 * 86_400)),
    usages: index % 10 === 0 ? ['authentication'] : ['authentication', 'signing'],
    groups: index % 3 === 0 ? [DEFAULT_GROUP, `system:bootstrappers:pool-${POOLS[index % POOLS.length]}`] : [DEFAULT_GROUP],
  }));
}

/** A screenful showing every TTL state the list can show, for the screenshots. */
export function showcaseTokens(): SeedToken[] {
  const base = (description: string, ttlSeconds: number | null, extra: Partial<SeedToken> = {}): SeedToken => ({
    id: randomTokenPart(6),
    description,
    ttlSeconds,
    usages: ['authentication', 'signing'],
    groups: [DEFAULT_GROUP],
    ...extra,
  });
  const pool = (name: string): string[] => [DEFAULT_GROUP, `system:bootstrappers:pool-${name}`];
  return [
    base('worker pool eu-west-1a, autoscaler', 2 * 3600 + 17 * 60, { groups: pool('eu-west-1a') }),
    base('worker pool eu-west-1b, autoscaler', 5 * 3600 + 3 * 60, { groups: pool('eu-west-1b') }),
    base('GPU nodes (rack 7)', 23 * 3600 + 59 * 60, { groups: pool('gpu') }),
    base('CI runners — ephemeral', 47 * 60 + 12),
    base('edge site Tōkyō 東京 office', 18 * 60 + 40, { groups: pool('edge-lab') }),
    base('break-glass: node recovery', 4 * 60 + 30),
    base('staging rebuild', 6 * 86_400 + 3600 * 4, { usages: ['authentication'] }),
    base('long-lived signing-only token for cluster-info', null, { usages: ['signing'], groups: [] }),
    base('bare-metal rack 12 PXE join', 11 * 3600, { groups: pool('bare-metal') }),
    base('hand-edited Secret with a bad token-id', 3600 * 3, { id: 'BAD-ID' }),
    ...Array.from({ length: 14 }, (_, index) =>
      base(`node batch ${index + 1} (${POOLS[index % POOLS.length]})`, 3600 * (8 + index * 5) + index * 611, {
        groups: index % 2 === 0 ? pool(POOLS[index % POOLS.length] ?? 'misc') : [DEFAULT_GROUP],
      }),
    ),
  ];
}

/**
 * Leaves exactly `count` benchmark tokens in the cluster: kept when a previous benchmark of the
 * same run seeded them, otherwise every bootstrap token is deleted and a fresh set seeded.
 * Only for the throwaway cluster of scripts/k8s/with-cluster.sh.
 */
export async function ensureBenchTokens(count: number): Promise<{ seededMs: number; reused: boolean }> {
  if ((await countTokens()) === count) return { seededMs: 0, reused: true };
  const started = Date.now();
  await deleteAllTokens();
  await seedTokens(benchTokens(count));
  return { seededMs: Date.now() - started, reused: false };
}
