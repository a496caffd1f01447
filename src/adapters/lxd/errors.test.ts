import { describe, expect, it } from 'vitest';
import { lxdAnswerError, lxdTransportError, PIN_MISMATCH } from './errors.ts';

const context = { server: 'unix:///var/lib/lxd/unix.socket', doing: 'listing tokens' };

describe('LXD errors', () => {
  it('maps answer statuses to kinds, keeping the daemon text and the field of validation errors', () => {
    expect(lxdAnswerError(404, 'Operation not found', context)).toMatchObject({ kind: 'not-found', httpStatus: 404, source: 'lxd' });
    expect(lxdAnswerError(403, 'not authorized', context)).toMatchObject({ kind: 'forbidden', hint: expect.stringMatching(/restricted/) });
    expect(lxdAnswerError(400, 'bad name', { ...context, field: 'description' })).toMatchObject({ kind: 'validation', field: 'description' });
    expect(lxdAnswerError(500, '', context).message).toBe('lxd: listing tokens on unix:///var/lib/lxd/unix.socket failed: HTTP 500');
    expect(lxdAnswerError(409, 'exists', context).kind).toBe('already-exists');
  });

  it('says what to check for socket and TLS failures', () => {
    const at = (code: string) => lxdTransportError(Object.assign(new Error(code), { code }), 'unix:///x.socket');
    expect(at('ENOENT').message).toMatch(/no LXD socket at unix:\/\/\/x.socket/);
    expect(at('EACCES')).toMatchObject({ kind: 'forbidden', hint: expect.stringMatching(/lxd group/) });
    expect(at('ECONNREFUSED').message).toMatch(/connection refused/);
    expect(at(PIN_MISMATCH).message).toMatch(/different certificate than the one saved/);
    expect(at('ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE').kind).toBe('unauthorized');
    expect(lxdTransportError(new TypeError('fetch failed', { cause: Object.assign(new Error('x'), { code: 'ETIMEDOUT' }) }), 's').kind).toBe('timeout');
  });
});
