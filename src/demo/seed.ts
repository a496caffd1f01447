// Realistic data for the embedded demo: tokens that expire in under a minute, in minutes,
// hours and weeks, never; an expired one; a used-up single-use one; a default token; machines
// with and without their own credential; a pending enrollment. Written straight into the
// database (through the server's own store functions) before the server starts, so the past
// can be seeded with the right timestamps.
import type { Clock } from '../core/clock.ts';
import { openStore } from '../server/store/open-store.ts';

const MINUTE = 60;
const HOUR = 3600;
const DAY = 86_400;

interface TokenPlan {
  readonly key: string;
  readonly description: string;
  readonly scope: string;
  readonly actor: string;
  /** Seconds before now that it was minted. */
  readonly ageSeconds: number;
  readonly ttlSeconds: number | null;
  readonly maxUses: number | null;
}

const TOKENS: readonly TokenPlan[] = [
  { key: 'fleet', description: 'fleet default', scope: 'workers', actor: 'ops-alice', ageSeconds: 30 * DAY, ttlSeconds: null, maxUses: null },
  { key: 'ci', description: 'ci runner pool', scope: 'ci', actor: 'ops-bob', ageSeconds: 15 * MINUTE - 45, ttlSeconds: 15 * MINUTE, maxUses: null },
  { key: 'lab', description: 'lab bench re-flash', scope: 'lab', actor: 'ops-bob', ageSeconds: 10 * MINUTE, ttlSeconds: HOUR, maxUses: 3 },
  { key: 'rack', description: 'rack 12 re-image', scope: 'workers', actor: 'ops-alice', ageSeconds: HOUR, ttlSeconds: 4 * HOUR, maxUses: 5 },
  { key: 'staging', description: 'staging nodes', scope: 'staging', actor: 'ops-bob', ageSeconds: 2 * HOUR, ttlSeconds: 8 * HOUR, maxUses: null },
  { key: 'wave', description: 'edge rollout wave 2', scope: 'edge', actor: 'ops-alice', ageSeconds: DAY, ttlSeconds: 15 * DAY, maxUses: 20 },
  { key: 'glass', description: 'break-glass control plane', scope: 'control-plane', actor: 'ops-alice', ageSeconds: 90 * DAY, ttlSeconds: null, maxUses: 1 },
  { key: 'old', description: 'old bootstrap (expired)', scope: 'workers', actor: 'ops-bob', ageSeconds: 3 * DAY, ttlSeconds: DAY, maxUses: null },
  { key: 'gpu', description: 'one-shot gpu-03', scope: 'gpu', actor: 'ops-alice', ageSeconds: 5 * HOUR, ttlSeconds: DAY, maxUses: 1 },
];

interface EnrollmentPlan {
  readonly token: string;
  readonly machine: string;
  readonly ageSeconds: number;
  readonly canHoldCredential?: boolean;
  readonly pending?: boolean;
}

const ENROLLMENTS: readonly EnrollmentPlan[] = [
  { token: 'fleet', machine: 'worker-01', ageSeconds: 29 * DAY },
  { token: 'fleet', machine: 'worker-02', ageSeconds: 29 * DAY },
  { token: 'fleet', machine: 'worker-03', ageSeconds: 20 * DAY },
  { token: 'fleet', machine: 'edge-legacy-01', ageSeconds: 18 * DAY, canHoldCredential: false },
  { token: 'fleet', machine: 'edge-legacy-02', ageSeconds: 12 * DAY, canHoldCredential: false },
  { token: 'old', machine: 'kiosk-lobby', ageSeconds: 2 * DAY + HOUR, canHoldCredential: false },
  { token: 'rack', machine: 'rack12-node-01', ageSeconds: 50 * MINUTE },
  { token: 'rack', machine: 'rack12-node-02', ageSeconds: 40 * MINUTE },
  { token: 'gpu', machine: 'gpu-03', ageSeconds: 4 * HOUR },
  { token: 'wave', machine: 'edge-w2-01', ageSeconds: 20 * HOUR },
  { token: 'wave', machine: 'edge-w2-02', ageSeconds: 3 * MINUTE, pending: true },
];

export interface DemoSeed {
  /** Secrets kept in memory only, for the enrollment feed; never written anywhere. */
  readonly secrets: Readonly<Record<string, string>>;
}

export async function seedDemoDatabase(dbPath: string, clock: Clock): Promise<DemoSeed> {
  // One store whose clock runs `secondsAgo` behind: each step sets how long ago it happened.
  let secondsAgo = 0;
  const store = await openStore({ kind: 'sqlite', path: dbPath }, { clock: { now: () => clock.now() - secondsAgo * 1000 }, mode: 'unique' });
  const at = (ageSeconds: number) => {
    secondsAgo = ageSeconds;
    return store;
  };
  try {
    const secrets: Record<string, string> = {};
    const ids: Record<string, string> = {};
    for (const plan of TOKENS) {
      const { token, secret } = await at(plan.ageSeconds).mintToken({ ...plan, client: null });
      secrets[plan.key] = secret;
      ids[plan.key] = token.id;
    }
    await at(29 * DAY + HOUR).makeDefault(ids['fleet'] ?? '', { actor: 'ops-alice', client: null });
    for (const plan of ENROLLMENTS) {
      await at(plan.ageSeconds).redeem({
        token: secrets[plan.token] ?? '',
        machine: plan.machine,
        canHoldCredential: plan.canHoldCredential ?? true,
        pending: plan.pending ?? false,
        client: '10.0.7.21',
      });
    }
    return { secrets };
  } finally {
    await store.close();
  }
}
