import { execFileSync } from 'node:child_process';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { JOIN_OPERATION, TRUST_OPERATION } from '../../../test/support/lxd-fixtures.ts';
import { toLxdToken } from './mapping.ts';
import { buildLxdJoinCommand, JOIN_ADDRESS_EXPRESSION, remoteNameFor } from './join-command.ts';
import { encodeLxdToken } from './token-string.ts';

const joinCreated = { token: toLxdToken(JOIN_OPERATION), secret: encodeLxdToken(JOIN_OPERATION, 'join') };
const trustCreated = { token: toLxdToken(TRUST_OPERATION), secret: encodeLxdToken(TRUST_OPERATION, 'trust') };

describe('LXD join and enroll commands', () => {
  it('joins with an lxd init preseed whose YAML the shell really produces', () => {
    const command = buildLxdJoinCommand(joinCreated, 'lxd', 'lxc:prod');
    expect(command.endsWith(' | lxd init --preseed')).toBe(true);
    // Run the printf half with a fixed address in place of the machine's own.
    const printf = command.replace(' | lxd init --preseed', '').replace(JOIN_ADDRESS_EXPRESSION, '192.0.2.7');
    const preseed = load(execFileSync('bash', ['-c', printf], { encoding: 'utf8' }));
    expect(preseed).toEqual({ cluster: { enabled: true, server_address: '192.0.2.7:18443', cluster_token: joinCreated.secret } });
  });

  it('uses incus admin init and incus remote add on Incus', () => {
    expect(buildLxdJoinCommand(joinCreated, 'incus', 'x')).toMatch(/\| incus admin init --preseed$/);
    expect(buildLxdJoinCommand(trustCreated, 'incus', 'incus:lab')).toBe(`incus remote add lab '${trustCreated.secret}'`);
  });

  it('enrolls a client with lxc remote add, named after the context', () => {
    expect(buildLxdJoinCommand(trustCreated, 'lxd', 'lxc:prod-east')).toBe(`lxc remote add prod-east '${trustCreated.secret}'`);
    expect(remoteNameFor('my cluster/1')).toBe('my-cluster-1');
    expect(remoteNameFor('lxc:')).toBe('cluster');
  });

  it('refuses a secret that is no LXD token text', () => {
    expect(() => buildLxdJoinCommand({ ...joinCreated, secret: "x'; rm -rf /" }, 'lxd', 'c')).toThrow(/not an LXD token/);
  });
});
