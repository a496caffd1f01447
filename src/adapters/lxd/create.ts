// Creating a join token (`lxc cluster add NAME`) or a trust token (`lxc config trust add --name
// NAME`), checked first for what LXD 5.0 itself accepts but cannot work: LXD mints a join token
// for an existing member's name, an empty name, or a restricted trust token for projects that do
// not exist, and the join or `remote add` then fails on the other machine. tokentui refuses those.
//
// TTL: the server fixes every token's lifetime (server-facts.ts). A join token's requested TTL
// must be the server's join token lifetime. A trust token lives `core.remote_token_expiry` (no
// expiry when unset); the request may name that lifetime, or the advertised default (the join
// lifetime, the only value a generic create form offers), and the created token's expiry says
// what the server applied.
import type { Clock } from '../../core/clock.ts';
import { TokenTuiError } from '../../core/errors.ts';
import type { CreatedToken, CreateTokenRequest } from '../../core/token.ts';
import { formatTtlInput } from '../../core/ttl-input.ts';
import type { LxdApi } from './api.ts';
import { toLxdToken, tokenFacts } from './mapping.ts';
import { LXD_SOURCE, scopeFromFields, type LxdTokenScope } from './scope.ts';
import { JOIN_TOKEN_EXPIRY_KEY, joinTokenSeconds, TRUST_TOKEN_EXPIRY_KEY, trustTokenSeconds, type LxdServerFacts } from './server-facts.ts';
import { encodeLxdToken } from './token-string.ts';

export interface LxdCreateContext {
  readonly api: LxdApi;
  /** A fresh read of the server (its expiry settings may have changed since start-up). */
  readonly readFacts: () => Promise<LxdServerFacts>;
  readonly clock: Clock;
  /** capabilities.ttl.defaultSeconds as the caller saw it. */
  readonly advertisedTtlSeconds: number | null;
}

function invalid(field: string, message: string, hint?: string): TokenTuiError {
  return new TokenTuiError('validation', message, { source: LXD_SOURCE, field, ...(hint === undefined ? {} : { hint }) });
}

function checkUnsupportedFields(request: CreateTokenRequest): void {
  if ((request.usages?.length ?? 0) > 0) throw invalid('usages', 'LXD tokens have no usages; choose the kind with --kind join|trust');
  if ((request.groups?.length ?? 0) > 0) throw invalid('groups', 'LXD tokens have no groups; choose the kind with --kind join|trust');
  // capabilities.recordsReplaces is false: refused rather than dropped, so no caller believes it was kept.
  if (request.replaces !== undefined) throw invalid('replaces', 'LXD cannot record which token a new one replaces (a token is an operation, with nothing to annotate)');
}

/** The member (join) or client (trust) name: the description. */
function checkName(name: string, scope: LxdTokenScope): void {
  const what = scope.kind === 'join' ? 'member' : 'client';
  const hint = `the description is the new ${what}'s name, e.g. --description ${scope.kind === 'join' ? 'lxd-node-4' : 'ci-runner'}`;
  if (name.trim() === '') throw invalid('description', `an LXD ${scope.kind} token needs the ${what} name as its description`, hint);
  if (name !== name.trim()) throw invalid('description', `the ${what} name "${name}" starts or ends with white space`, hint);
  if (/\p{Cc}/u.test(name)) throw invalid('description', `the ${what} name contains control characters`, hint);
  // Member names become URL path segments (/1.0/cluster/members/NAME).
  if (scope.kind === 'join' && name.includes('/')) throw invalid('description', `the member name "${name}" contains "/"`, hint);
}

function ttlText(seconds: number | null): string {
  return seconds === null ? 'never expire' : `live ${formatTtlInput(seconds)}`;
}

function checkTtl(request: CreateTokenRequest, scope: LxdTokenScope, facts: LxdServerFacts, context: LxdCreateContext): void {
  const now = context.clock.now();
  const join = joinTokenSeconds(facts, now);
  const requested = request.ttlSeconds;
  if (scope.kind === 'join') {
    if (requested === join || requested === context.advertisedTtlSeconds) return;
    throw invalid('ttl', `join tokens on this server ${ttlText(join)} (${JOIN_TOKEN_EXPIRY_KEY} = ${facts.joinTokenExpiry}); LXD cannot give one token another TTL`, `create it with --ttl ${formatTtlInput(join)}, or change ${JOIN_TOKEN_EXPIRY_KEY} on the server first (a separate, confirmed change)`);
  }
  const trust = trustTokenSeconds(facts, now);
  if (requested === trust || requested === join || requested === context.advertisedTtlSeconds) return;
  const setting = facts.trustTokenExpiry === '' ? 'unset' : facts.trustTokenExpiry;
  throw invalid('ttl', `trust tokens on this server ${ttlText(trust)} (${TRUST_TOKEN_EXPIRY_KEY} ${setting}); LXD cannot give one token another TTL`, `create it with --ttl ${formatTtlInput(trust)}`);
}

async function checkAgainstServer(name: string, scope: LxdTokenScope, facts: LxdServerFacts, api: LxdApi): Promise<void> {
  if (scope.kind === 'join') {
    if (!facts.clustered) {
      throw invalid('kind', `${api.server} is not clustered, so it has no join tokens`, 'enable clustering first (lxc cluster enable NAME), or create a trust token (--kind trust)');
    }
    const members = await api.clusterMembers();
    if (members.some((member) => member.server_name === name)) {
      throw new TokenTuiError('already-exists', `the cluster already has a member named "${name}"; a join token for that name could never be used`, {
        source: LXD_SOURCE,
        field: 'description',
        hint: 'pick a new member name, or remove the old member first (lxc cluster remove NAME)',
      });
    }
    return;
  }
  if (scope.restricted) {
    const known = new Set(await api.projectNames());
    const missing = scope.projects.filter((project) => !known.has(project));
    if (missing.length > 0) {
      throw invalid('projects', `no project named ${missing.map((project) => `"${project}"`).join(', ')} on ${api.server}`, `projects here: ${[...known].join(', ')}`);
    }
  }
}

export async function createLxdToken(context: LxdCreateContext, request: CreateTokenRequest): Promise<CreatedToken> {
  checkUnsupportedFields(request);
  const scope = scopeFromFields(request.fields);
  const name = request.description;
  checkName(name, scope);
  const facts = await context.readFacts();
  checkTtl(request, scope, facts, context);
  await checkAgainstServer(name, scope, facts, context.api);

  const operation =
    scope.kind === 'join'
      ? await context.api.createJoinToken({ server_name: name })
      : await context.api.createTrustToken({
          name,
          type: 'client',
          token: true,
          restricted: scope.restricted,
          projects: scope.restricted ? scope.projects : [],
        });
  if (tokenFacts(operation).kind !== scope.kind) {
    throw new TokenTuiError('server', `the server answered the ${scope.kind} token request with another kind of operation (${operation.id})`, { source: LXD_SOURCE });
  }
  return { token: toLxdToken(operation), secret: encodeLxdToken(operation, scope.kind) };
}
