// What revoking an LXD token breaks, from the API: the member or client that has not used it yet
// and then cannot, whether a member (or trusted client) of that name already exists, and, for a
// join token, the cluster's members and database voters. LXD records nothing about a join or a
// `remote add` until it succeeds, so whether one is under way right now is always unknown.
import type { Clock } from '../../core/clock.ts';
import { errorMessage } from '../../core/errors.ts';
import { revisionToFingerprint } from '../../core/fingerprint.ts';
import type { ImpactItem, ImpactPreview } from '../../core/impact.ts';
import type { Token } from '../../core/token.ts';
import type { LxdApi } from './api.ts';
import { toLxdToken, tokenFacts } from './mapping.ts';
import type { LxdServerFacts } from './server-facts.ts';
import type { LxdCertificate, LxdClusterMember, LxdOperation } from './wire.ts';

export interface LxdImpactContext {
  readonly api: LxdApi;
  readonly clock: Clock;
  readonly readFacts: () => Promise<LxdServerFacts>;
  /** The live token operation (get.ts: not-found when absent). */
  readonly getTokenOperation: (id: string) => Promise<LxdOperation>;
}

/** Reads that may fail without failing the preview: the failure becomes an unknown. */
async function attempt<T>(what: string, read: () => Promise<T>, unknowns: string[]): Promise<T | null> {
  try {
    return await read();
  } catch (error) {
    unknowns.push(`${what}: ${errorMessage(error)}`);
    return null;
  }
}

function isVoter(member: LxdClusterMember): boolean {
  return (member.roles ?? []).includes('database');
}

function otherTokensFor(token: Token, live: readonly LxdOperation[] | null): string[] {
  return (live ?? []).map(toLxdToken).filter((other) => other.id !== token.id && other.scope === token.scope && other.description === token.description).map((other) => other.id);
}

async function joinImpact(token: Token, context: LxdImpactContext, unknowns: string[]): Promise<ImpactItem[]> {
  const name = token.description;
  const [members, live, facts] = await Promise.all([
    attempt('cluster members could not be read', () => context.api.clusterMembers(), unknowns),
    attempt('other tokens could not be read', () => context.api.listTokenOperations(), unknowns),
    attempt('the server settings could not be read', () => context.readFacts(), unknowns),
  ]);
  const existing = members?.find((member) => member.server_name === name);
  if (existing !== undefined) {
    return [{ kind: 'joined-keeps-working', subject: name, detail: `member ${name} is already in the cluster (${existing.status ?? 'status unknown'}) and keeps working; this token could not have added it again` }];
  }
  const others = otherTokensFor(token, live);
  const fallback = others.length > 0 ? `; another join token for ${name} stays valid (${others.join(', ')})` : '';
  const items: ImpactItem[] = [{ kind: 'join-in-progress', subject: name, detail: `member ${name} has not joined yet: a join with this token will fail${fallback}` }];
  if (members !== null) {
    const voters = members.filter(isVoter).length;
    const max = facts?.maxVoters ?? 3;
    const census = `the cluster has ${members.length} member${members.length === 1 ? '' : 's'}, ${voters} of them database voters (cluster.max_voters ${max})`;
    // Context, not a consequence: the cluster stays exactly as it is; it only does not grow.
    items.push(voters < max
      ? { kind: 'informational', subject: 'cluster', detail: `${census}: ${name} would have become one; without it the database keeps ${voters} voter${voters === 1 ? '' : 's'}` }
      : { kind: 'informational', subject: 'cluster', detail: `${census}; its quorum does not depend on ${name}` });
  }
  unknowns.push(`whether a machine is joining as ${name} right now: LXD records nothing about a join until it succeeds`);
  return items;
}

function describeCertificate(certificate: LxdCertificate): string {
  const scope = certificate.restricted === true ? `restricted to ${(certificate.projects ?? []).join(', ') || 'no projects'}` : 'unrestricted';
  return `fingerprint ${certificate.fingerprint.slice(0, 12)}, ${scope}`;
}

async function trustImpact(token: Token, context: LxdImpactContext, unknowns: string[]): Promise<ImpactItem[]> {
  const name = token.description;
  const certificates = await attempt('trusted clients could not be read', () => context.api.certificates(), unknowns);
  const items: ImpactItem[] = [{ kind: 'join-in-progress', subject: name, detail: `client ${name} has not added this server yet: \`remote add\` with this token will fail` }];
  for (const certificate of certificates?.filter((candidate) => candidate.name === name) ?? []) {
    items.push({ kind: 'joined-keeps-working', subject: name, detail: `a client named ${name} is already trusted (${describeCertificate(certificate)}) and keeps working` });
  }
  unknowns.push(`whether client ${name} is adding this server right now: LXD records nothing until it succeeds`);
  return items;
}

export async function computeLxdImpact(id: string, context: LxdImpactContext): Promise<ImpactPreview> {
  const operation = await context.getTokenOperation(id);
  const token = toLxdToken(operation);
  const fingerprint = revisionToFingerprint(token.revision!);
  const kind = tokenFacts(operation).kind;
  const now = context.clock.now();
  if (kind === null) {
    return { state: 'unknown', tokenId: id, reason: token.invalidReason ?? 'unknown token kind', fingerprint, computedAt: now };
  }
  if (token.expiresAt !== null && token.expiresAt <= now) {
    // Spent by time: nobody can use it, so revoking it changes nothing for anyone.
    return { state: 'known', tokenId: id, items: [], unknowns: [], fingerprint, computedAt: now };
  }
  const unknowns: string[] = [];
  const items = kind === 'join' ? await joinImpact(token, context, unknowns) : await trustImpact(token, context, unknowns);
  return { state: 'known', tokenId: id, items, unknowns, fingerprint, computedAt: context.clock.now() };
}
