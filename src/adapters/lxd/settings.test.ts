import { describe, expect, it } from 'vitest';
import { TokenTuiError } from '../../core/errors.ts';
import { endpointLabel, parseLxdServerAddress } from './settings.ts';

describe('--server for lxd', () => {
  it('reads unix sockets and HTTPS URLs, with 8443 as the default port', () => {
    expect(parseLxdServerAddress('unix://')).toEqual({ kind: 'unix', socketPath: null });
    expect(parseLxdServerAddress('unix:///var/lib/lxd/unix.socket')).toEqual({ kind: 'unix', socketPath: '/var/lib/lxd/unix.socket' });
    expect(parseLxdServerAddress('https://lxd1.example')).toEqual({ kind: 'https', url: 'https://lxd1.example:8443' });
    expect(parseLxdServerAddress('https://10.0.0.5:9443/')).toEqual({ kind: 'https', url: 'https://10.0.0.5:9443' });
    expect(parseLxdServerAddress('https://lxd1.example:443')).toEqual({ kind: 'https', url: 'https://lxd1.example:443' });
    expect(parseLxdServerAddress('https://[fd00::5]')).toEqual({ kind: 'https', url: 'https://[fd00::5]:8443' });
  });

  it('refuses other schemes, relative sockets and paths, naming the server field', () => {
    for (const bad of ['http://lxd1:8443', 'unix://relative/path', 'https://lxd1:8443/1.0', 'lxd1', 'https://user@lxd1']) {
      let caught: unknown;
      try {
        parseLxdServerAddress(bad);
      } catch (error) {
        caught = error;
      }
      expect(caught, bad).toBeInstanceOf(TokenTuiError);
      expect((caught as TokenTuiError).field).toBe('server');
    }
  });

  it('labels endpoints as the header shows them', () => {
    expect(endpointLabel({ kind: 'unix', socketPath: '/run/x.socket' })).toBe('unix:///run/x.socket');
    expect(endpointLabel({ kind: 'https', url: 'https://h:8443', clientCertFile: 'c', clientKeyFile: 'k' })).toBe('https://h:8443');
  });
});
