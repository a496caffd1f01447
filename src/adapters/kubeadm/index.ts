// The kubeadm adapter: Kubernetes bootstrap tokens (Secrets in kube-system) through the
// Kubernetes API, authenticated from the user's kubeconfig.
import type { AdapterCapabilities, AdapterDeps, TokenAdapter } from '../contract.ts';
import { createKubeClient, type KubeClient } from '../../kube/client.ts';
import { kubeTarget, type KubeConnection } from '../../kube/connection.ts';
import { computeKubeadmImpact } from './impact.ts';
import { buildJoinCommand, maskedJoinCommand } from './join-command.ts';
import { waitForSignatureRemoval } from './verify-revoked.ts';
import { DEFAULT_GROUPS, DEFAULT_USAGES, KUBEADM_SOURCE } from './secret-mapping.ts';
import { createTokensApi, type GeneratedCredentials } from './tokens-api.ts';
import { watchTokens, type BackoffSleep } from './watch.ts';

export interface KubeadmSettings {
  readonly adapter: 'kubeadm';
  readonly kube: KubeConnection;
}

export type KubeadmDeps = AdapterDeps & {
  /** A ready transport (tests); otherwise one is created from `settings.kube` and closed by close(). */
  readonly kubeClient?: KubeClient;
  readonly generateCredentials?: () => GeneratedCredentials;
  readonly backoffSleep?: BackoffSleep;
  readonly random?: () => number;
  /** Wait between cluster-info re-checks after a revoke (tests advance a ManualClock). */
  readonly verifySleep?: (ms: number) => Promise<void>;
};

export const kubeadmCapabilities: AdapterCapabilities = {
  create: true,
  revoke: true,
  // Rotation is create-then-revoke, done once for every adapter by the rotate plan.
  rotate: 'emulated',
  impactPreview: true,
  watch: true,
  makeDefault: false,
  joinCommand: true,
  joinCommandShape: true,
  serverTokenRotation: false,
  secretCheck: true,
  usages: [...DEFAULT_USAGES],
  defaultUsages: [...DEFAULT_USAGES],
  groups: true,
  defaultGroups: [...DEFAULT_GROUPS],
  createFields: [],
  recordsReplaces: true,
  // kubeadm's defaults: 24h, and `--ttl 0` (here: null) for a token that never expires.
  ttl: { defaultSeconds: 86_400, minSeconds: 1, maxSeconds: null, allowNever: true },
};

export function createKubeadmAdapter(settings: KubeadmSettings, deps: KubeadmDeps): TokenAdapter {
  const ownsClient = deps.kubeClient === undefined;
  const client = deps.kubeClient ?? createKubeClient(settings.kube, { source: KUBEADM_SOURCE, maxResponseBytes: deps.limits?.maxResponseBytes });
  const tokens = createTokensApi(client, { clock: deps.clock, generateCredentials: deps.generateCredentials });

  return {
    id: 'kubeadm',
    capabilities: kubeadmCapabilities,
    target: kubeTarget(settings.kube),
    list: async (signal) => (await tokens.list(signal)).tokens,
    get: (id, signal) => tokens.get(id, signal),
    checkSecret: (id, secret, signal) => tokens.checkSecret(id, secret, signal),
    create: (request) => tokens.create(request),
    revoke: async (id, expected) => {
      await tokens.revoke(id, expected);
      // bootstrapsigner drops the token's cluster-info signature asynchronously; say whether it did.
      const removal = await waitForSignatureRemoval(client, id, deps.clock, { sleep: deps.verifySleep });
      const key = `jws-kubeconfig-${id}`;
      return removal.removed
        ? { warnings: [], verified: [`cluster-info signature ${key} removed`] }
        : { warnings: [`cluster-info signature ${key} not confirmed removed: ${removal.reason}`], verified: [] };
    },
    impact: (id) => computeKubeadmImpact(client, id, deps.clock),
    joinCommand: (created) => buildJoinCommand(client, created.secret),
    joinCommandShape: (id) => maskedJoinCommand(settings.kube.server, id),
    watch: (listener, signal) =>
      watchTokens(client, tokens, listener, signal, { clock: deps.clock, sleep: deps.backoffSleep, random: deps.random }),
    close: async () => {
      if (ownsClient) await client.close();
    },
  };
}
