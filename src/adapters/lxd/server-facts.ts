// What GET /1.0 says about the server, and the capabilities that follow. LXD sets token expiry
// per server, not per token: join tokens live `cluster.join_token_expiry` (default 3H), trust
// tokens `core.remote_token_expiry` (default: no expiry). So the TTL a create may ask for is
// exactly the server's join token lifetime, declared as the contract's server TTL setting; changing
// it (setServerTtl) is a server-wide action the front ends confirm on its own.
import type { AdapterCapabilities, TtlBounds } from '../contract.ts';
import { TokenTuiError } from '../../core/errors.ts';
import type { ServerTtlSetting } from '../../core/ttl-input.ts';
import { lifetimeSeconds } from './expiry.ts';
import { LXD_CREATE_FIELDS } from './create-fields.ts';
import { LXD_SOURCE } from './scope.ts';
import type { LxdServerInfo } from './wire.ts';

export const JOIN_TOKEN_EXPIRY_KEY = 'cluster.join_token_expiry';
export const TRUST_TOKEN_EXPIRY_KEY = 'core.remote_token_expiry';
const DEFAULT_JOIN_TOKEN_EXPIRY = '3H';
const DEFAULT_MAX_VOTERS = 3;

export type LxdDaemon = 'lxd' | 'incus';

export interface LxdServerFacts {
  readonly daemon: LxdDaemon;
  readonly version: string;
  readonly clustered: boolean;
  /** This member's name ('none' when not clustered). */
  readonly serverName: string;
  /** The expression in force (the default when unset). */
  readonly joinTokenExpiry: string;
  /** '' = trust tokens never expire. */
  readonly trustTokenExpiry: string;
  readonly maxVoters: number;
}

export function serverFacts(info: LxdServerInfo, server: string): LxdServerFacts {
  if (info.auth !== 'trusted') {
    throw new TokenTuiError('unauthorized', `${server} does not trust this client (auth: ${info.auth || 'none'})`, {
      source: LXD_SOURCE,
      hint: 'enroll this client with a trust token first: on a trusted client, `lxc config trust add --name NAME`, then here `lxc remote add REMOTE TOKEN`',
    });
  }
  const config = info.config ?? {};
  const environment = info.environment ?? {};
  const maxVoters = Number(config['cluster.max_voters']);
  return {
    daemon: environment.server === 'incus' ? 'incus' : 'lxd',
    version: environment.server_version ?? 'unknown',
    clustered: environment.server_clustered === true,
    serverName: environment.server_name ?? 'none',
    joinTokenExpiry: config[JOIN_TOKEN_EXPIRY_KEY] || DEFAULT_JOIN_TOKEN_EXPIRY,
    trustTokenExpiry: config[TRUST_TOKEN_EXPIRY_KEY] ?? '',
    maxVoters: Number.isInteger(maxVoters) && maxVoters > 0 ? maxVoters : DEFAULT_MAX_VOTERS,
  };
}

/** The TTL bounds of a token kind whose lifetime the server fixes at `seconds` (null: none). */
export function fixedTtl(seconds: number | null): TtlBounds {
  return seconds === null
    ? { defaultSeconds: null, minSeconds: 0, maxSeconds: null, allowNever: true }
    : { defaultSeconds: seconds, minSeconds: seconds, maxSeconds: seconds, allowNever: false };
}

export function joinTokenSeconds(facts: LxdServerFacts, nowMs: number): number | null {
  return lifetimeSeconds(facts.joinTokenExpiry, nowMs);
}

export function trustTokenSeconds(facts: LxdServerFacts, nowMs: number): number | null {
  return lifetimeSeconds(facts.trustTokenExpiry, nowMs);
}

/** cluster.join_token_expiry as the contract's server TTL setting; confirmed with this member's name. */
export function joinTokenSetting(facts: LxdServerFacts): ServerTtlSetting {
  const trust = facts.trustTokenExpiry === '' ? 'never expire' : `live ${facts.trustTokenExpiry}`;
  return {
    name: JOIN_TOKEN_EXPIRY_KEY,
    value: facts.joinTokenExpiry,
    covers: `every join token created from now (trust tokens ${trust}: ${TRUST_TOKEN_EXPIRY_KEY})`,
    changeable: true,
    confirmation: facts.serverName,
  };
}

/** Join tokens are the default kind, so the advertised TTL is theirs (trust: see create.ts). */
export function lxdCapabilities(facts: LxdServerFacts, nowMs: number): AdapterCapabilities {
  return {
    create: true,
    revoke: true,
    // A new token for the same name, then the old one revoked: the shared rotation plan.
    rotate: 'emulated',
    impactPreview: true,
    watch: true,
    makeDefault: false,
    joinCommand: true,
    // A join is a preseed with the token and the new member's address; nothing to show without the token.
    joinCommandShape: false,
    serverTokenRotation: false,
    usages: [],
    defaultUsages: [],
    groups: false,
    defaultGroups: [],
    // The kind (join, trust) and a trust token's projects; LXD tokens have no use limit to set.
    createFields: LXD_CREATE_FIELDS,
    // A token is a pending operation: LXD keeps only what it minted it with (the member or client
    // name, a trust token's projects) and has no annotation or description to hold which token a
    // rotation's replacement replaces. Only tokentui's own rotation journal and audit can say it.
    recordsReplaces: false,
    ttl: { ...fixedTtl(joinTokenSeconds(facts, nowMs)), serverSetting: joinTokenSetting(facts) },
    fieldNames: {
      description: 'name',
      descriptionHelp: "The new cluster member's name (a trust token: the client's name). LXD keeps no other description.",
      scope: 'kind',
    },
  };
}
