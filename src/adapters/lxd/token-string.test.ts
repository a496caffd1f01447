import { describe, expect, it } from 'vitest';
import { JOIN_OPERATION, TRUST_OPERATION } from '../../../test/support/lxd-fixtures.ts';
import { decodeLxdToken, encodeLxdToken } from './token-string.ts';

// What `lxc cluster add member2` printed for JOIN_OPERATION (Debian lxd 5.0.2).
const LXC_PRINTED_JOIN_TOKEN =
  'eyJzZXJ2ZXJfbmFtZSI6Im1lbWJlcjIiLCJmaW5nZXJwcmludCI6ImUyMGUxYzM4ZjQ4ZWJlMDVhYTYyNWNiMTg0NTY4NzQyZGQyNzUyOGYxZWQ2Njc0NjMyNDg4MWQ4ODJhZDdkNWQiLCJhZGRyZXNzZXMiOlsiMTI3LjAuMC4xOjE4NDQzIl0sInNlY3JldCI6ImViMjMyZGVjMzVhMDAwMzUwNmRmYmExNzk1ZmRiZWY0OTk4MmE5MDk4NTFlNTJiZmM3MThhNWNlZDhlZTU3MGMiLCJleHBpcmVzX2F0IjoiMjAyNi0xMi0wNlQxNjowOToxMy4zMzYzMTE3OFoifQ==';

describe('LXD token text', () => {
  it('is byte for byte what lxc prints for the same join token operation', () => {
    expect(encodeLxdToken(JOIN_OPERATION, 'join')).toBe(LXC_PRINTED_JOIN_TOKEN);
  });

  it('encodes a trust token as lxc config trust add does (zero expiry when none)', () => {
    const decoded = JSON.parse(Buffer.from(encodeLxdToken(TRUST_OPERATION, 'trust'), 'base64').toString('utf8'));
    expect(Object.keys(decoded)).toEqual(['client_name', 'fingerprint', 'addresses', 'secret', 'expires_at']);
    expect(decoded).toMatchObject({ client_name: 'ci runner', expires_at: '0001-01-01T00:00:00Z', secret: TRUST_OPERATION.metadata!['secret'] });
  });

  it('decodes token texts and refuses anything else', () => {
    expect(decodeLxdToken(LXC_PRINTED_JOIN_TOKEN)).toMatchObject({ kind: 'join', name: 'member2', addresses: ['127.0.0.1:18443'] });
    expect(decodeLxdToken(encodeLxdToken(TRUST_OPERATION, 'trust'))).toMatchObject({ kind: 'trust', name: 'ci runner' });
    expect(decodeLxdToken('abcdef.0123456789abcdef')).toBeNull();
    expect(decodeLxdToken(Buffer.from('{"x":1}').toString('base64'))).toBeNull();
  });

  it('refuses to build a token from an operation without its secret', () => {
    expect(() => encodeLxdToken({ ...JOIN_OPERATION, metadata: { serverName: 'm', fingerprint: 'f' } }, 'join')).toThrow(/no secret/);
  });
});
