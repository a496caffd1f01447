// `tokentui list`: kubeadm's table, or one JSON/YAML array for scripts. Never a secret:
// the Token model has none, and the TOKEN column shows the id only.
import { formatShortHumanDuration } from '../../core/duration.ts';
import { ExitCode } from '../../core/errors.ts';
import { phaseMark } from '../../core/phase-marks.ts';
import { formatRfc3339 } from '../../core/rfc3339.ts';
import { isUsedUp, remainingMs, tokenStatus } from '../../core/token.ts';
import type { Token, TokenStatus } from '../../core/token.ts';
import { warn } from '../exit.ts';
import { keepYoungGenerationSmall } from '../one-shot-heap.ts';
import { formatTable, writeJsonArray, writeYaml } from '../output.ts';
import type { CommandRun } from './command-run.ts';

export type ListedExtra = string | number | boolean | null;

export interface ListedToken {
  readonly id: string;
  readonly description: string;
  /** RFC 3339 without fractional seconds, as kubeadm prints it; null = never expires. */
  readonly expiresAt: string | null;
  /** Whole seconds left (0 once expired); null = never expires. */
  readonly ttlSeconds: number | null;
  readonly status: TokenStatus;
  readonly usages: readonly string[];
  readonly groups: readonly string[];
  readonly isDefault?: boolean;
  readonly usesRemaining?: number | null;
  readonly scope?: string;
  readonly invalidReason?: string;
  readonly [extra: string]: ListedExtra | readonly string[] | undefined;
}

export const TABLE_HEADERS = ['TOKEN', 'TTL', 'EXPIRES', 'USAGES', 'DESCRIPTION', 'EXTRA GROUPS'] as const;
/** Tokens with a scope instead of usages and groups (a REST service): its own columns, the description last. */
export const SCOPED_TABLE_HEADERS = ['TOKEN', 'TTL', 'EXPIRES', 'SCOPE', 'USES LEFT', 'DEFAULT', 'DESCRIPTION'] as const;

export { formatRfc3339 };

function expiresText(token: Token): string | null {
  return token.expiresAt === null || !Number.isFinite(token.expiresAt) ? null : formatRfc3339(token.expiresAt);
}

export function toListedToken(token: Token, nowMs: number): ListedToken {
  const remaining = remainingMs(token, nowMs);
  const listed: Record<string, ListedExtra | readonly string[]> = {
    id: token.id,
    description: token.description,
    expiresAt: expiresText(token),
    ttlSeconds: remaining === null ? null : Math.max(0, Math.floor(remaining / 1000)),
    status: tokenStatus(token, nowMs),
    usages: token.usages,
    groups: token.groups,
  };
  if (token.isDefault !== undefined) listed.isDefault = token.isDefault;
  if (token.usesRemaining !== undefined) listed.usesRemaining = token.usesRemaining;
  if (token.scope !== undefined) listed.scope = token.scope;
  if (token.replaces !== undefined) listed.replaces = token.replaces;
  if (token.invalidReason !== null) listed.invalidReason = token.invalidReason;
  // Adapter extras sit beside the standard fields but can never replace one.
  if (token.extras !== undefined) {
    for (const [key, value] of Object.entries(token.extras)) {
      if (!Object.hasOwn(listed, key)) listed[key] = value;
    }
  }
  return listed as ListedToken;
}

function orNone(text: string): string {
  return text === '' ? '<none>' : text;
}

export function tokenTableRow(token: Token, nowMs: number): readonly string[] {
  const expires = expiresText(token);
  const ttl =
    token.invalidReason !== null
      ? '<invalid>'
      : token.expiresAt === null
        ? '<forever>'
        : formatShortHumanDuration((token.expiresAt - nowMs) / 1000);
  return [
    token.id,
    ttl,
    expires ?? '<never>',
    orNone(token.usages.join(',')),
    orNone(token.invalidReason ?? token.description),
    orNone(token.groups.join(',')),
  ];
}

/** `3/5` (left of the limit), `unlimited`, or `-` where the backend counts no uses. */
function usesLeftText(token: Token): string {
  if (token.usesRemaining === undefined) return '-';
  if (token.usesRemaining === null) return 'unlimited';
  const limit = token.fields?.['maxUses'];
  return typeof limit === 'number' ? `${token.usesRemaining}/${limit}` : String(token.usesRemaining);
}

export function scopedTableRow(token: Token, nowMs: number): readonly string[] {
  const [id = '', kubeadmTtl = '', expires = ''] = tokenTableRow(token, nowMs);
  const ttl = token.invalidReason === null && isUsedUp(token) ? '<used-up>' : kubeadmTtl;
  return [id, ttl, expires, orNone(token.scope ?? ''), usesLeftText(token), token.isDefault === true ? 'yes' : '-', orNone(token.invalidReason ?? token.description)];
}

export function formatTokenTable(tokens: readonly Token[], nowMs: number): string {
  const scoped = tokens.length > 0 && tokens.every((token) => token.scope !== undefined);
  if (scoped) return formatTable(SCOPED_TABLE_HEADERS, tokens.map((token) => scopedTableRow(token, nowMs)));
  return formatTable(TABLE_HEADERS, tokens.map((token) => tokenTableRow(token, nowMs)));
}

export const runList: CommandRun = async ({ invocation, io, clock, openAdapter }) => {
  const adapter = await openAdapter({ listSoon: true });
  try {
    // After the adapter is open: everything the list needs is loaded (one-shot-heap.ts says why).
    const restoreYoungGeneration = keepYoungGenerationSmall();
    let tokens: readonly Token[];
    try {
      tokens = await adapter.list();
    } finally {
      restoreYoungGeneration();
    }
    phaseMark('listed');
    const nowMs = clock.now();
    for (const token of tokens) {
      if (token.invalidReason !== null) warn(io.stderr, `token "${token.id}" is not usable: ${token.invalidReason}`);
    }
    if (invocation.output === 'table') io.stdout.write(formatTokenTable(tokens, nowMs));
    else if (invocation.output === 'yaml') await writeYaml(io.stdout, tokens.map((token) => toListedToken(token, nowMs)));
    else writeJsonArray(io.stdout, tokens, (token) => toListedToken(token, nowMs));
    return ExitCode.ok;
  } finally {
    await adapter.close?.();
  }
};
