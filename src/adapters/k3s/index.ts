// The k3s adapter: the same bootstrap-token Secrets as kubeadm (its code, reused: k3s copies
// kubeadm's token code verbatim) with k3s defaults, tokens shown in the
// secure K10<ca-hash>:: format, k3s join commands, a k3s-specific revoke impact, and server-token
// rotation through the k3s supervisor. Only the differences live in this folder.
import type { AdapterCapabilities, AdapterDeps, TokenAdapter } from '../contract.ts';
import { formatK3sToken, K3S_TOKEN_PREFIX } from '../../core/k3s-token.ts';
import type { CreatedToken, CreateTokenRequest } from '../../core/token.ts';
import { createKubeClient, type KubeClient } from '../../kube/client.ts';
import { kubeTarget, type KubeConnection } from '../../kube/connection.ts';
import { kubeadmCapabilities } from '../kubeadm/index.ts';
import { DEFAULT_USAGES, KUBEADM_SOURCE } from '../kubeadm/secret-mapping.ts';
import { createTokensApi, type GeneratedCredentials } from '../kubeadm/tokens-api.ts';
import { watchTokens, type BackoffSleep } from '../kubeadm/watch.ts';
import { computeK3sBootstrapImpact } from './bootstrap-impact.ts';
import { K3S_SOURCE } from './cacerts.ts';
import { agentFacingServer, formatK3sJoinCommand, formatK3sJoinCommands } from './join-command.ts';
import { resolveJoinCaHash, type JoinCaHash } from './join-ca-hash.ts';
import {
  planServerTokenRotation,
  revealNewServerToken,
  rotateServerToken,
  type RotationContext,
  type ServerTokenRotationPlan,
  type ServerTokenRotationResult,
} from './server-token-rotation.ts';
import { relabelled } from './relabel.ts';
import { readServerTokenFile } from './server-token-file.ts';
import type { ServerTokenRotationPlan as ServerTokenPlan, ServerTokenRotation, ServerTokenRotationInput } from '../server-token.ts';

export const K3S_DEFAULT_GROUPS = ['system:bootstrappers:k3s:default-node-token'] as const;

export interface K3sSettings {
  readonly adapter: 'k3s';
  readonly kube: KubeConnection;
  /** The supervisor URL; k3s serves it on the apiserver's port, so it defaults to `kube.server`. */
  readonly supervisor?: string;
}

export type K3sDeps = AdapterDeps & {
  /** A ready transport (tests, or the one adapter detection opened); otherwise one is created from `settings.kube`. */
  readonly kubeClient?: KubeClient;
  /** close() closes a given `kubeClient` too (default: only one it created). */
  readonly ownsKubeClient?: boolean;
  readonly generateCredentials?: () => GeneratedCredentials;
  readonly generateServerToken?: () => string;
  readonly backoffSleep?: BackoffSleep;
  readonly random?: () => number;
};

/** The contract's server-token capability with k3s's own plan and result (nodes, snapshots). */
export interface K3sServerTokenRotation extends ServerTokenRotation {
  plan(input: ServerTokenRotationInput): Promise<ServerTokenRotationPlan>;
  rotate(plan: ServerTokenPlan, typedConfirmation: string): Promise<ServerTokenRotationResult>;
}

export interface K3sAdapter extends TokenAdapter {
  readonly id: 'k3s';
  /** The CA hash K10 tokens carry, where it came from, and why when it is a fallback. */
  joinCaHash(): Promise<JoinCaHash>;
  readonly serverToken: K3sServerTokenRotation;
}

// The same Secrets as kubeadm (k3s copies kubeadm's code); only the default group differs:
// k3s token create defaults to 24h, both usages, and --ttl 0 never expires. k3s agents join by
// K10 token and server URL, not by kubeadm's discovery hash, so details show no join shape; the
// server token (shared by every server and, by default, every agent) can be rotated.
export const k3sCapabilities: AdapterCapabilities = {
  ...kubeadmCapabilities,
  defaultGroups: [...K3S_DEFAULT_GROUPS],
  joinCommandShape: false,
  serverTokenRotation: true,
};

/** kubeadm's shared code labels its own errors "kubeadm"; on this adapter they are k3s's. */
const asK3s = <T>(work: Promise<T>): Promise<T> => relabelled(work, KUBEADM_SOURCE, K3S_SOURCE);

/** The contract's server-token capability over k3s's supervisor API (server-token-rotation.ts). */
function serverTokenRotation(rotation: RotationContext): K3sServerTokenRotation {
  return {
    readTokenFile: () => readServerTokenFile(),
    plan: (input) => planServerTokenRotation(rotation, input),
    // Only plans made here carry their secrets (a WeakMap): any other object is refused there.
    rotate: (plan, typed) => rotateServerToken(rotation, plan as ServerTokenRotationPlan, typed),
    reveal: (plan) => revealNewServerToken(plan as ServerTokenRotationPlan),
  };
}

export function createK3sAdapter(settings: K3sSettings, deps: K3sDeps): K3sAdapter {
  const ownsClient = deps.kubeClient === undefined || deps.ownsKubeClient === true;
  const client = deps.kubeClient ?? createKubeClient(settings.kube, { source: K3S_SOURCE, maxResponseBytes: deps.limits?.maxResponseBytes });
  const tokens = createTokensApi(client, { clock: deps.clock, generateCredentials: deps.generateCredentials });
  const supervisorUrl = (settings.supervisor ?? settings.kube.server).replace(/\/+$/, '');
  const rotation: RotationContext = { client, supervisorUrl, tls: settings.kube, clock: deps.clock, generateServerToken: deps.generateServerToken };
  const joinCaHash = () => resolveJoinCaHash(supervisorUrl, settings.kube, deps.clock.now());

  async function create(request: CreateTokenRequest): Promise<CreatedToken> {
    // The CA hash first: if it cannot be had, no token is left behind unseen.
    const ca = await joinCaHash();
    const withDefaults = { ...request, usages: request.usages ?? DEFAULT_USAGES, groups: request.groups ?? K3S_DEFAULT_GROUPS };
    const created = await asK3s(tokens.create(withDefaults));
    const token = { ...created.token, extras: { ...created.token.extras, caHashSource: ca.source } };
    return { token, secret: formatK3sToken(ca.hash, created.secret) };
  }

  async function joinCommand(created: CreatedToken): Promise<string> {
    const [server, ca] = await Promise.all([agentFacingServer(client, supervisorUrl), joinCaHash()]);
    const notes = [server.note, ca.note].filter((note): note is string => note !== null);
    const token = created.secret.startsWith(K3S_TOKEN_PREFIX) ? created.secret : formatK3sToken(ca.hash, created.secret);
    return formatK3sJoinCommand(formatK3sJoinCommands(server.url, token), notes);
  }

  return {
    id: 'k3s',
    capabilities: k3sCapabilities,
    target: kubeTarget(settings.kube),
    list: async (signal) => (await asK3s(tokens.list(signal))).tokens,
    get: (id, signal) => asK3s(tokens.get(id, signal)),
    checkSecret: (id, secret, signal) => asK3s(tokens.checkSecret(id, secret, signal)),
    create,
    // No cluster-info signature to wait for: k3s agents never use kube-public/cluster-info.
    revoke: (id, expected) => asK3s(tokens.revoke(id, expected)),
    impact: (id) => asK3s(computeK3sBootstrapImpact(client, id, deps.clock)),
    joinCommand,
    watch: (listener, signal) =>
      watchTokens(client, tokens, listener, signal, { clock: deps.clock, sleep: deps.backoffSleep, random: deps.random }),
    joinCaHash,
    serverToken: serverTokenRotation(rotation),
    close: async () => {
      if (ownsClient) await client.close();
    },
  };
}
