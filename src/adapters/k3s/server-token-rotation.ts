// Server-token rotation, k3s's native rotate: plan -> typed
// confirmation (the caller asks; the plan says what must be typed) -> PUT /v1-k3s/token.
// Everything that can be refused is refused before any request: an old token that is not a
// server token, a bootstrap-shaped new token (k3s#12982). The plan is plain data that can be
// journaled; the passwords and the pinned CA stay in a WeakMap beside it, never in the plan.
import type { Clock } from '../../core/clock.ts';
import { TokenTuiError } from '../../core/errors.ts';
import {
  formatK3sToken,
  generateServerToken,
  k3sCaHash,
  normalizeServerToken,
  snapshotTokenHash,
  SERVER_TOKEN_USERNAME,
  validateNewServerToken,
} from '../../core/k3s-token.ts';
import type { KubeClient } from '../../kube/client.ts';
import { downloadCaCerts, K3S_SOURCE, type SupervisorTls } from './cacerts.ts';
import { rotationChecklist, type RotationChecklistItem } from './rotation-checklist.ts';
import { computeServerTokenRotationImpact, type ServerTokenRotationImpact } from './rotation-impact.ts';
import type { EtcdSnapshot } from './snapshots.ts';
import { putServerToken } from './supervisor-token-api.ts';
import type { ServerTokenRotationInput, ServerTokenRotationPlan as RotationPlan, ServerTokenRotationResult as RotationResult } from '../server-token.ts';

/** The contract's plan, with what only k3s needs: the pin and the k3s impact and checklist. */
export interface ServerTokenRotationPlan extends RotationPlan {
  readonly kind: 'k3s-server-token-rotation';
  /** The CA hash the PUT's TLS is pinned to. */
  readonly caHash: string;
  readonly newTokenGenerated: boolean;
  readonly impact: ServerTokenRotationImpact;
  /** What must happen after the rotation, to be kept until ticked off. */
  readonly checklist: readonly RotationChecklistItem[];
}

export interface ServerTokenRotationResult extends RotationResult {
  readonly snapshotsNeedingOldToken: readonly EtcdSnapshot[];
  readonly checklist: readonly RotationChecklistItem[];
}

export interface RotationContext {
  readonly client: KubeClient;
  readonly supervisorUrl: string;
  readonly tls: SupervisorTls;
  readonly clock: Clock;
  readonly generateServerToken?: () => string;
}

interface PlanSecrets {
  readonly oldPassword: string;
  readonly newPassword: string;
  readonly caBundle: Uint8Array;
  executed: boolean;
}

const planSecrets = new WeakMap<ServerTokenRotationPlan, PlanSecrets>();

function refuse(field: string, message: string, hint: string): TokenTuiError {
  return new TokenTuiError('validation', `${message}; nothing was sent`, { source: K3S_SOURCE, field, hint });
}

/**
 * The old token: K10<hash>::server:<password> (the token file), K10::server:<password>, or the bare
 * password; the new password: 32 random hex characters are generated when absent.
 */
function passwords(input: ServerTokenRotationInput, generate: () => string): { oldPassword: string; oldCaHash: string; newPassword: string } {
  const old = normalizeServerToken(input.oldToken);
  if (!old.ok) throw refuse('oldToken', `old server token: ${old.error}`, 'the server token is in /var/lib/rancher/k3s/server/token on a server node');
  const newPassword = input.newToken ?? generate();
  const problem = validateNewServerToken(newPassword);
  if (problem !== null) throw refuse('newToken', problem, 'leave the new token empty to have 32 random hex characters generated');
  if (newPassword === old.password) throw refuse('newToken', 'the new server token equals the old one', 'choose a different token, or let one be generated');
  return { oldPassword: old.password, oldCaHash: old.caHash, newPassword };
}

/** The `/cacerts` bundle and its hash, accepted only when something trustworthy vouches for it. */
async function pinnedCa(context: RotationContext, oldCaHash: string) {
  const download = await downloadCaCerts(context.supervisorUrl, context.tls);
  if (!download.served) {
    throw new TokenTuiError('unsupported', `${context.supervisorUrl} is not a k3s supervisor (${download.reason}); nothing was sent`, {
      source: K3S_SOURCE,
      hint: 'point tokentui at a k3s server (its API port, 6443 by default)',
    });
  }
  const caHash = k3sCaHash(download.bytes, context.clock.now()).hash;
  if (oldCaHash !== '' && oldCaHash !== caHash) {
    throw new TokenTuiError('validation', `the CA served by ${context.supervisorUrl} does not match the old token's K10 hash; nothing was sent`, {
      source: K3S_SOURCE,
      field: 'oldToken',
      hint: 'the token belongs to another cluster, or the connection is intercepted',
    });
  }
  if (oldCaHash === '' && download.trust !== 'kubeconfig') {
    throw new TokenTuiError('validation', `the CA of ${context.supervisorUrl} cannot be verified and the old token carries no K10 hash to pin it; nothing was sent`, {
      source: K3S_SOURCE,
      field: 'oldToken',
      hint: 'give the old token in its full form, K10<hash>::server:<password>, as /var/lib/rancher/k3s/server/token holds it',
    });
  }
  return { caHash, caBundle: download.bytes, pinnedBy: oldCaHash === '' ? ('kubeconfig-ca' as const) : ('old-token-hash' as const) };
}

export async function planServerTokenRotation(context: RotationContext, input: ServerTokenRotationInput): Promise<ServerTokenRotationPlan> {
  const { oldPassword, oldCaHash, newPassword } = passwords(input, context.generateServerToken ?? generateServerToken);
  const { caHash, caBundle, pinnedBy } = await pinnedCa(context, oldCaHash);
  const impact = await computeServerTokenRotationImpact(context.client, oldPassword);
  const plan: ServerTokenRotationPlan = Object.freeze({
    kind: 'k3s-server-token-rotation',
    supervisor: context.supervisorUrl,
    caHash,
    pinnedBy,
    newTokenGenerated: input.newToken === undefined,
    oldTokenHash: impact.oldTokenHash,
    newTokenHash: snapshotTokenHash(newPassword),
    impact,
    confirmationText: new URL(context.supervisorUrl).host,
    checklist: rotationChecklist(impact),
    computedAt: context.clock.now(),
  });
  planSecrets.set(plan, { oldPassword, newPassword, caBundle, executed: false });
  return plan;
}

function secretsOf(plan: ServerTokenRotationPlan): PlanSecrets {
  const secrets = planSecrets.get(plan);
  if (secrets === undefined) {
    throw new TokenTuiError('validation', 'this rotation plan was not made by planServerTokenRotation in this process; nothing was sent', { source: K3S_SOURCE });
  }
  return secrets;
}

/** The new token in the form the server's token file will hold: show it once, then forget it. */
export function revealNewServerToken(plan: ServerTokenRotationPlan): string {
  return formatK3sToken(plan.caHash, `${SERVER_TOKEN_USERNAME}:${secretsOf(plan).newPassword}`);
}

/** Sends the PUT only when `typedConfirmation` is exactly the plan's confirmation text, and only once. */
export async function rotateServerToken(context: RotationContext, plan: ServerTokenRotationPlan, typedConfirmation: string): Promise<ServerTokenRotationResult> {
  const secrets = secretsOf(plan);
  if (typedConfirmation !== plan.confirmationText) {
    throw new TokenTuiError('confirmation-required', `the typed confirmation does not match ${plan.confirmationText}; nothing was sent`, {
      source: K3S_SOURCE,
      hint: `type ${plan.confirmationText} exactly to rotate the server token`,
    });
  }
  if (secrets.executed) throw new TokenTuiError('conflict', 'this rotation plan was already executed; nothing was sent', { source: K3S_SOURCE, hint: 'plan a new rotation' });
  secrets.executed = true;
  await putServerToken({ url: plan.supervisor, caBundle: secrets.caBundle, tlsServerName: context.tls.tlsServerName }, secrets.oldPassword, secrets.newPassword);
  return {
    supervisor: plan.supervisor,
    rotatedAt: context.clock.now(),
    oldTokenHash: plan.oldTokenHash,
    newTokenHash: plan.newTokenHash,
    snapshotsNeedingOldToken: plan.impact.snapshots.needOldToken,
    checklist: plan.checklist,
  };
}
