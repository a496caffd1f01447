// HTTPS_PROXY / NO_PROXY decided as Go's http.ProxyFromEnvironment decides them for kubectl
// (cases after golang.org/x/net/http/httpproxy's own table).
import { describe, expect, it } from 'vitest';
import { bypassesProxy, normalizeProxyUrl, proxyFromEnvironment, proxyLabel } from '../../src/kube/proxy-environment.ts';

const proxyFor = (url: string, env: Record<string, string>) => proxyFromEnvironment(new URL(url), env)?.url;

describe('proxyFromEnvironment', () => {
  it('takes HTTPS_PROXY for https, before https_proxy; HTTP_PROXY only for http', () => {
    expect(proxyFor('https://api.example.com', { HTTPS_PROXY: 'http://upper:1', https_proxy: 'http://lower:2' })).toBe('http://upper:1');
    expect(proxyFor('https://api.example.com', { https_proxy: 'http://lower:2' })).toBe('http://lower:2');
    expect(proxyFor('https://api.example.com', { HTTP_PROXY: 'http://plain:3' })).toBeUndefined();
    expect(proxyFor('http://api.example.com', { HTTP_PROXY: 'http://plain:3', HTTPS_PROXY: 'http://upper:1' })).toBe('http://plain:3');
    expect(proxyFromEnvironment(new URL('https://api.example.com'), { https_proxy: 'http://lower:2' })?.origin).toBe('https_proxy');
  });

  it('an empty variable counts as unset, and a value without a scheme is http://', () => {
    expect(proxyFor('https://api.example.com', { HTTPS_PROXY: '', https_proxy: 'proxy.corp:3128' })).toBe('http://proxy.corp:3128');
    expect(normalizeProxyUrl('socks5://s:1080')).toBe('socks5://s:1080');
    expect(normalizeProxyUrl('https://p:443')).toBe('https://p:443');
  });

  it('refuses HTTP_PROXY in a CGI environment (REQUEST_METHOD set), as Go does', () => {
    expect(proxyFor('http://api.example.com', { HTTP_PROXY: 'http://plain:3', REQUEST_METHOD: 'GET' })).toBeUndefined();
    expect(proxyFor('https://api.example.com', { HTTPS_PROXY: 'http://upper:1', REQUEST_METHOD: 'GET' })).toBe('http://upper:1');
  });

  it('never proxies localhost or loopback addresses', () => {
    for (const url of ['https://localhost:6443', 'https://127.0.0.1:6443', 'https://127.9.9.9', 'https://[::1]:6443', 'https://[::ffff:127.0.0.1]:6443']) {
      expect(proxyFor(url, { HTTPS_PROXY: 'http://p:1' }), url).toBeUndefined();
    }
    expect(proxyFor('https://10.0.0.1:6443', { HTTPS_PROXY: 'http://p:1' })).toBe('http://p:1');
  });
});

describe('bypassesProxy (NO_PROXY)', () => {
  const cases: readonly [host: string, port: string, noProxy: string, bypass: boolean][] = [
    ['api.example.com', '443', 'example.com', true],
    ['example.com', '443', 'example.com', true],
    ['api.example.com', '443', '.example.com', true],
    ['example.com', '443', '.example.com', false],
    ['api.example.com', '443', '*.example.com', true],
    ['notexample.com', '443', 'example.com', false],
    ['api.example.com', '443', 'example.com:443', true],
    ['api.example.com', '6443', 'example.com:443', false],
    ['API.Example.COM', '443', ' Example.com ', true],
    ['10.1.2.3', '443', '10.0.0.0/8', true],
    ['11.1.2.3', '443', '10.0.0.0/8', false],
    ['10.1.2.3', '443', '10.1.2.3', true],
    ['10.1.2.3', '6443', '10.1.2.3:443', false],
    ['2001:db8::1', '443', '2001:db8::/32', true],
    ['2001:db8::1', '443', '[2001:db8::1]:443', true],
    ['anything.example', '443', '*', true],
    ['anything.example', '443', 'a.example,,b.example', false],
    ['10.1.2.3', '443', 'example.com', false],
  ];
  it.each(cases)('%s:%s with NO_PROXY=%s -> bypass %s', (host, port, noProxy, bypass) => {
    expect(bypassesProxy(host, port, noProxy)).toBe(bypass);
  });

  it('NO_PROXY before no_proxy, and applied to HTTPS_PROXY', () => {
    expect(proxyFor('https://api.example.com', { HTTPS_PROXY: 'http://p:1', NO_PROXY: 'example.com', no_proxy: 'other.com' })).toBeUndefined();
    expect(proxyFor('https://api.example.com', { HTTPS_PROXY: 'http://p:1', no_proxy: 'example.com' })).toBeUndefined();
    expect(proxyFor('https://api.example.com', { HTTPS_PROXY: 'http://p:1', NO_PROXY: 'other.com', no_proxy: 'example.com' })).toBe('http://p:1');
  });
});

it('proxyLabel drops user:password', () => {
  expect(proxyLabel('http://user:s3cret@proxy.corp:3128')).toBe('http://proxy.corp:3128');
});
