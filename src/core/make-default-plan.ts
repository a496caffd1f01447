// Making a token the backend's default, previewed before it happens: what changes for machines
// that use the default (which token they join with from now on, its scope, how many of them it
// can still let in, how long), what stays (the old default is not revoked), and whether the
// token can be the default at all. Pure: the operations layer reads the tokens, both front ends
// print these sentences.
import { formatShortHumanDuration } from './duration.ts';
import { tokenStatus, type Token } from './token.ts';

export interface MakeDefaultPreview {
  readonly tokenId: string;
  readonly target: Token;
  /** The default before the change; null = there is none. */
  readonly previous: Token | null;
  /** Already the default: there is nothing to do. */
  readonly alreadyDefault: boolean;
  /** Why it cannot be the default now; null = it can. */
  readonly blocked: string | null;
  /** What changes for machines that use the default, one sentence each. */
  readonly changes: readonly string[];
  /** Worth a second look, never blocking: a default about to expire or run out of uses. */
  readonly warnings: readonly string[];
  /** Epoch ms the preview was computed at. */
  readonly computedAt: number;
}

const HOUR_MS = 3_600_000;

function named(token: Token): string {
  return token.description === '' ? token.id : `${token.id} ("${token.description}")`;
}

function usesSentence(target: Token): string | null {
  if (target.usesRemaining === undefined) return null;
  if (target.usesRemaining === null) return 'the default lets any number of machines join (no use limit)';
  const left = target.usesRemaining;
  return `the default lets ${left} more machine${left === 1 ? '' : 's'} join, then it is used up and new machines that use the default cannot join until another token is made default`;
}

function expirySentence(target: Token, now: number): string {
  if (target.expiresAt === null) return 'the default never expires';
  const left = formatShortHumanDuration(Math.max(0, target.expiresAt - now) / 1000);
  return `the default expires in ${left} (${new Date(target.expiresAt).toISOString().replace(/\.\d{3}Z$/, 'Z')}); after that new machines that use the default cannot join until another token is made default`;
}

function blockedReason(target: Token, now: number): string | null {
  switch (tokenStatus(target, now)) {
    case 'expired':
      return `token ${target.id} is expired: only an active token can be the default`;
    case 'used-up':
      return `token ${target.id} is used up (no uses left): only an active token can be the default`;
    case 'invalid':
      return `token ${target.id} is not a valid token (${target.invalidReason ?? 'invalid'}): it cannot be the default`;
    case 'active':
      return null;
  }
}

/** The preview of making `target` the default, given every token the backend lists. */
export function planMakeDefault(target: Token, tokens: readonly Token[], now: number): MakeDefaultPreview {
  const previous = tokens.find((token) => token.isDefault === true && token.id !== target.id) ?? null;
  const alreadyDefault = target.isDefault === true;
  const base = { tokenId: target.id, target, previous, alreadyDefault, computedAt: now };
  if (alreadyDefault) return { ...base, blocked: null, changes: [], warnings: [] };
  const blocked = blockedReason(target, now);
  const changes: string[] = [
    previous === null
      ? `there is no default token now; new machines that use the default join with ${named(target)} from now on`
      : `new machines that use the default join with ${named(target)} instead of ${named(previous)}`,
  ];
  if (previous !== null) changes.push(`${previous.id} is not revoked: machines that joined with it keep working, and its secret still lets machines join`);
  if (target.scope !== undefined && previous?.scope !== undefined && target.scope !== previous.scope) {
    changes.push(`machines that use the default join with scope "${target.scope}" instead of "${previous.scope}"`);
  }
  const uses = usesSentence(target);
  if (uses !== null) changes.push(uses);
  changes.push(expirySentence(target, now));
  const warnings: string[] = [];
  if (target.expiresAt !== null && target.expiresAt - now < HOUR_MS && blocked === null) warnings.push(`${target.id} expires in under an hour`);
  if (typeof target.usesRemaining === 'number' && target.usesRemaining > 0 && target.usesRemaining <= 1) warnings.push(`${target.id} can let only one more machine join`);
  return { ...base, blocked, changes, warnings };
}
