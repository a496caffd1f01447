// Changing a server-wide token lifetime (capabilities.ttl.serverSetting, e.g. LXD's
// cluster.join_token_expiry) as both front ends do it. Never part of a create: the change governs
// every token created afterwards, on every client, so it is its own action. A plan says what
// changes (the setting, its value now and after, which tokens it governs; existing tokens keep
// their expiry); the operator types the server's name (the plan's confirmation), so the change
// lands on the server meant; every attempt past the plan, refusals included, is one audit record.
import type { AuditConfirmation, AuditImpactSummary, MutationAuditEntry } from '../../core/audit.ts';
import { TokenTuiError, toTokenTuiError } from '../../core/errors.ts';
import { formatTtlInput, type ServerTtlSetting } from '../../core/ttl-input.ts';
import type { TokenAdapter } from '../contract.ts';
import { UNSUPPORTED } from './availability.ts';
import { supports } from './capabilities.ts';

export interface ServerTtlPlan {
  readonly server: string;
  /** The setting as it is now. */
  readonly before: ServerTtlSetting;
  readonly seconds: number;
  /** What the operator must type (the server's name). */
  readonly confirmation: string;
}

export type ServerTtlOutcome =
  | { readonly kind: 'changed'; readonly before: ServerTtlSetting; readonly after: ServerTtlSetting }
  /** The typed text was not the confirmation: nothing was sent. */
  | { readonly kind: 'refused'; readonly expected: string }
  | { readonly kind: 'failed'; readonly error: TokenTuiError };

/** The setting the adapter declares, or why there is none to change. */
export function serverTtlSetting(adapter: TokenAdapter): ServerTtlSetting {
  const setting = adapter.capabilities.ttl.serverSetting;
  if (setting === undefined || !supports(adapter, 'setServerTtl')) throw new TokenTuiError('unsupported', UNSUPPORTED.serverTtl, { source: adapter.id });
  return setting;
}

/** The change of `before` on `server` to `seconds`, checked before anyone is asked to confirm it (pure: the TUI's reducer plans with it). */
export function planFromSetting(before: ServerTtlSetting, server: string, seconds: number | null, source: string): ServerTtlPlan {
  if (seconds === null || !Number.isInteger(seconds) || seconds <= 0) {
    throw new TokenTuiError('validation', `${before.name} needs a lifetime of at least one second, not ${seconds === null ? 'never' : `${seconds}s`}`, {
      source,
      field: 'ttl',
      hint: 'e.g. 45m, 3h, 1d',
    });
  }
  return { server, before, seconds, confirmation: before.confirmation };
}

/** The change to `seconds` of the setting the adapter declares. */
export function planServerTtl(adapter: TokenAdapter, seconds: number | null): ServerTtlPlan {
  return planFromSetting(serverTtlSetting(adapter), adapter.target.server, seconds, adapter.id);
}

/** One line for the plan and the audit record: "cluster.join_token_expiry 3H -> 45m: every join token created from now". */
export function describeServerTtlChange(plan: ServerTtlPlan): string {
  return `${plan.before.name} ${plan.before.value} -> ${formatTtlInput(plan.seconds)}: ${plan.before.covers}; existing tokens keep their expiry`;
}

function auditImpact(plan: ServerTtlPlan): AuditImpactSummary {
  // Nothing that exists changes; every token created afterwards does.
  return { severity: 'low', items: 0, summary: describeServerTtlChange(plan) };
}

export interface ChangeServerTtlOptions {
  /** What the operator typed (the TUI's prompt, or --confirm); undefined = nothing. */
  readonly typed: string | undefined;
  /** How they typed it: 'typed-id' (the TUI) or 'flag' (--confirm). */
  readonly confirmation: Extract<AuditConfirmation, 'typed-id' | 'flag'>;
  readonly record: (entry: MutationAuditEntry) => void;
}

export async function changeServerTtl(adapter: TokenAdapter, plan: ServerTtlPlan, options: ChangeServerTtlOptions): Promise<ServerTtlOutcome> {
  const entry = { action: 'server-ttl', tokenId: plan.before.name, impact: auditImpact(plan) } as const;
  if (options.typed !== plan.confirmation) {
    options.record({ ...entry, confirmation: 'none', outcome: 'refused' });
    return { kind: 'refused', expected: plan.confirmation };
  }
  try {
    if (!supports(adapter, 'setServerTtl')) throw new TokenTuiError('unsupported', UNSUPPORTED.serverTtl, { source: adapter.id });
    await adapter.setServerTtl(plan.seconds);
  } catch (error) {
    const failure = toTokenTuiError(error, adapter.id);
    options.record({ ...entry, confirmation: options.confirmation, outcome: 'failure', error: failure.message });
    return { kind: 'failed', error: failure };
  }
  options.record({ ...entry, confirmation: options.confirmation, outcome: 'success' });
  return { kind: 'changed', before: plan.before, after: adapter.capabilities.ttl.serverSetting ?? plan.before };
}
