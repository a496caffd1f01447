import { describe, expect, it } from 'vitest';
import { leakedTokenLabel, parseLeakedToken } from './leaked-token.ts';

const HASH = 'a'.repeat(64);

describe('parseLeakedToken', () => {
  it('reads a kubeadm id.secret, an id alone and a token inside a pasted join command', () => {
    expect(parseLeakedToken(' abcdef.0123456789abcdef\n')).toEqual({ ok: true, token: { kind: 'bootstrap', id: 'abcdef', secret: '0123456789abcdef', format: 'id.secret', caHash: '' } });
    expect(parseLeakedToken('abcdef')).toEqual({ ok: true, token: { kind: 'id', id: 'abcdef' } });
    const joined = parseLeakedToken('kubeadm join 10.0.0.1:6443 --token zyxwvu.0123456789abcdef --discovery-token-ca-cert-hash sha256:' + HASH);
    expect(joined.ok && joined.token.kind === 'bootstrap' && joined.token.id).toBe('zyxwvu');
  });

  it('reads k3s K10 tokens: a bootstrap credential, and a server password', () => {
    expect(parseLeakedToken(`K10${HASH}::abcdef.0123456789abcdef`)).toEqual({ ok: true, token: { kind: 'bootstrap', id: 'abcdef', secret: '0123456789abcdef', format: 'K10', caHash: HASH } });
    const server = parseLeakedToken(`curl -sfL https://get.k3s.io | K3S_TOKEN=K10${HASH}::server:s3cr3tpassw0rd sh -`);
    expect(server).toEqual({ ok: true, token: { kind: 'k3s-password', username: 'server', password: 's3cr3tpassw0rd', caHash: HASH } });
    expect(server.ok && leakedTokenLabel(server.token)).toBe('a k3s server token');
  });

  it('refuses what is no token without quoting it', () => {
    const result = parseLeakedToken('hunter2-not-a-token');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).not.toContain('hunter2');
    expect(parseLeakedToken('   ').ok).toBe(false);
    expect(parseLeakedToken(`K10${'a'.repeat(10)}::abcdef.0123456789abcdef`).ok).toBe(false);
  });
});
