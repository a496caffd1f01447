// The optional server-token capability of the contract (capabilities.serverTokenRotation): a
// backend whose nodes share one server token besides their join tokens (k3s) lets it be rotated
// as plan -> typed confirmation -> rotate -> the new token shown once -> a checklist of what
// must be done by hand. The front ends use only these shapes; the adapter keeps the secrets of
// a plan to itself (a plan is plain data that can be shown and journaled).
import type { ImpactItem } from '../core/impact.ts';

export type ServerTokenFileRead =
  | { readonly found: true; readonly path: string; readonly token: string }
  | { readonly found: false; readonly path: string; readonly reason: string };

/** One thing to do by hand after the rotation; `id` is stable so it can be ticked off later. */
export interface ServerTokenChecklistItem {
  readonly id: string;
  readonly subject: string;
  readonly text: string;
}

export interface ServerTokenRotationImpact {
  /** The short hash snapshots record of the token being replaced. */
  readonly oldTokenHash: string;
  /** Servers and agents that must be restarted with the new token. */
  readonly servers: readonly { readonly name: string }[];
  readonly agents: readonly { readonly name: string }[];
  readonly snapshots: {
    /** Snapshots taken under the old token: restoring them needs it. */
    readonly needOldToken: readonly unknown[];
    /** Snapshots taken under even older tokens. */
    readonly olderTokens: readonly unknown[];
  };
  /** The same facts as impact items, for generic renderers. */
  readonly items: readonly ImpactItem[];
  readonly unknowns: readonly string[];
}

export interface ServerTokenRotationPlan {
  /** Where the rotation is sent. */
  readonly supervisor: string;
  /** What made the connection's pin trustworthy: the old token's own hash, or the kubeconfig's CA. */
  readonly pinnedBy: 'old-token-hash' | 'kubeconfig-ca';
  readonly oldTokenHash: string;
  readonly newTokenHash: string;
  readonly impact: ServerTokenRotationImpact;
  /** The operator must type exactly this (the supervisor's host:port) before anything is sent. */
  readonly confirmationText: string;
  readonly checklist: readonly ServerTokenChecklistItem[];
  readonly computedAt: number;
}

export interface ServerTokenRotationResult {
  readonly supervisor: string;
  readonly rotatedAt: number;
  readonly oldTokenHash: string;
  readonly newTokenHash: string;
  readonly checklist: readonly ServerTokenChecklistItem[];
}

export interface ServerTokenRotationInput {
  /** The current server token, as the server's token file holds it (or its password alone). */
  readonly oldToken: string;
  /** The new one; the adapter generates a random one when absent (the front ends never choose it). */
  readonly newToken?: string;
}

export interface ServerTokenRotation {
  /** The server's own copy of the token, when this machine is a server and it is readable. */
  readTokenFile(): Promise<ServerTokenFileRead>;
  /** Validates the old token, pins the connection and previews the impact: sends no change. */
  plan(input: ServerTokenRotationInput): Promise<ServerTokenRotationPlan>;
  /** The rotation itself, only with the plan's confirmation text typed exactly, and only once. */
  rotate(plan: ServerTokenRotationPlan, typedConfirmation: string): Promise<ServerTokenRotationResult>;
  /** The new token, to show once. */
  reveal(plan: ServerTokenRotationPlan): string;
}
