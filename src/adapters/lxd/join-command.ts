// What the new machine runs with a fresh token. LXD has no one-line join command: a member joins
// through `lxd init` (interactive) or a preseed, which needs the token and the new member's own
// address; the preseed below takes the machine's first address and the cluster's port (members
// share it). A trust token is used by `lxc remote add REMOTE TOKEN` on the client.
// Both were run against a real daemon (test/real/lxd-join.test.ts).
import { TokenTuiError } from '../../core/errors.ts';
import type { CreatedToken } from '../../core/token.ts';
import { LXD_SOURCE } from './scope.ts';
import type { LxdDaemon } from './server-facts.ts';
import { decodeLxdToken } from './token-string.ts';

/** The shell expression for the joining machine's address (its first one). */
export const JOIN_ADDRESS_EXPRESSION = "$(hostname -I | cut -d' ' -f1)";

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

function portOf(address: string | undefined): string {
  const match = /:(\d+)$/.exec(address ?? '');
  return match?.[1] ?? '8443';
}

/** A remote name lxc accepts, from the context name (`lxc:prod` -> `prod`). */
export function remoteNameFor(context: string): string {
  const bare = context.replace(/^(lxc|incus|lxd):/, '').replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '');
  return bare === '' ? 'cluster' : bare;
}

export function buildLxdJoinCommand(created: CreatedToken, daemon: LxdDaemon, context: string): string {
  const decoded = decodeLxdToken(created.secret);
  if (decoded === null || !BASE64.test(created.secret)) {
    throw new TokenTuiError('server', 'the created token is not an LXD token text; cannot build its command', { source: LXD_SOURCE });
  }
  const client = daemon === 'incus' ? 'incus' : 'lxc';
  if (decoded.kind === 'trust') return `${client} remote add ${remoteNameFor(context)} '${created.secret}'`;
  const init = daemon === 'incus' ? 'incus admin init' : 'lxd init';
  const preseed = String.raw`cluster:\n  enabled: true\n  server_address: "%s"\n  cluster_token: "%s"\n`;
  const address = `"${JOIN_ADDRESS_EXPRESSION}:${portOf(decoded.addresses[0])}"`;
  return `printf '${preseed}' ${address} '${created.secret}' | ${init} --preseed`;
}
