// Matrix rows about reaching the apiserver: TLS settings (insecure, tls-server-name, names), the
// OS trust store (SSL_CERT_FILE holding the private CA), HTTPS_PROXY / NO_PROXY as Go decides
// them, and proxy-url (http, https with the cluster's CA, socks5, with credentials).
import { join } from 'node:path';
import type { CompatFixture, CompatRow, RowSetup } from './compat-harness.ts';
import { PROXY_CREDENTIALS } from './compat-harness.ts';
import { kubeconfigText, writeFile } from './compat-kubeconfig.ts';
import type { ProxyRecord } from './loopback-proxy.ts';

const TOKEN = 'net-token';
const identity = (sni?: string) => ({ authorization: `Bearer ${TOKEN}`, impersonation: {}, ...(sni === undefined ? {} : { sni }) });

function row(dir: string, clusterFields: Record<string, string | boolean>, env?: Record<string, string>): RowSetup {
  return { kubeconfigs: [writeFile(join(dir, 'config'), kubeconfigText({ cluster: clusterFields, user: { token: TOKEN } }))], ...(env === undefined ? {} : { env }) };
}

const withCa = (fixture: CompatFixture, server: string) => ({ server, 'certificate-authority-data': fixture.caData });
const connect = (target: string, credentials?: string): ProxyRecord => ({ kind: 'connect', target, ...(credentials === undefined ? {} : { credentials }) });
const basic = (pair: string) => `Basic ${Buffer.from(pair).toString('base64')}`;
// A name nothing but the loopback proxies resolves: reachable only through a proxy.
const behindProxy = (fixture: CompatFixture) => `https://apiserver.test:${fixture.port}`;

export const NETWORK_ROWS: readonly CompatRow[] = [
  {
    name: 'insecure-skip-tls-verify without a CA',
    kubectl: true,
    setup: (fixture, dir) => row(dir, { server: fixture.server, 'insecure-skip-tls-verify': true }),
    expect: () => ({ ok: true, identity: identity() }),
  },
  {
    name: 'server by DNS name (localhost): SNI sent',
    kubectl: true,
    setup: (fixture, dir) => row(dir, withCa(fixture, `https://localhost:${fixture.port}`)),
    expect: () => ({ ok: true, identity: identity('localhost') }),
  },
  {
    name: 'tls-server-name: SNI and verification use it, not the IP in server',
    kubectl: true,
    setup: (fixture, dir) => row(dir, { ...withCa(fixture, fixture.server), 'tls-server-name': 'apiserver.test' }),
    expect: () => ({ ok: true, identity: identity('apiserver.test') }),
  },
  {
    name: 'tls-server-name the certificate does not list: refused, the hint names tls-server-name',
    kubectl: true,
    setup: (fixture, dir) => row(dir, { ...withCa(fixture, fixture.server), 'tls-server-name': 'elsewhere.example' }),
    expect: () => ({ ok: false, stderr: /not valid for "elsewhere\.example"[\s\S]*hint: tls-server-name "elsewhere\.example"/ }),
  },
  {
    // kubectl 1.20 speaks plain HTTP to a bare host:port, bearer token and all (it failed with EOF
    // against this HTTPS server); tokentui keeps https, which is what such a server speaks.
    name: 'server without a scheme (host:port means https)',
    kubectl: false,
    setup: (fixture, dir) => row(dir, { server: `127.0.0.1:${fixture.port}`, 'certificate-authority-data': fixture.caData }),
    expect: () => ({ ok: true, identity: identity() }),
  },
  {
    name: 'no CA in the kubeconfig: the OS trust store (SSL_CERT_FILE holds the private CA)',
    kubectl: true,
    setup: (fixture, dir) => row(dir, { server: fixture.server }, { SSL_CERT_FILE: fixture.trustStoreWithCa, SSL_CERT_DIR: join(fixture.root, 'empty-cert-dir') }),
    expect: () => ({ ok: true, identity: identity() }),
  },
  {
    name: 'no CA in the kubeconfig and none in the trust store: the hint names the trust store',
    kubectl: true,
    setup: (fixture, dir) => row(dir, { server: fixture.server }, { SSL_CERT_FILE: fixture.trustStoreWithoutCa, SSL_CERT_DIR: join(fixture.root, 'empty-cert-dir') }),
    expect: () => ({ ok: false, stderr: /TLS verification[\s\S]*names no certificate-authority, so SSL_CERT_FILE=/ }),
  },
  {
    name: 'HTTPS_PROXY: a server only the proxy can reach, through CONNECT',
    kubectl: true,
    setup: (fixture, dir) => row(dir, withCa(fixture, behindProxy(fixture)), { HTTPS_PROXY: fixture.proxy.url() }),
    expect: (fixture) => ({ ok: true, identity: identity('apiserver.test'), proxied: [connect(`apiserver.test:${fixture.port}`)] }),
  },
  {
    name: 'https_proxy (lower case) alone is honoured too',
    kubectl: true,
    setup: (fixture, dir) => row(dir, withCa(fixture, behindProxy(fixture)), { https_proxy: fixture.proxy.url() }),
    expect: (fixture) => ({ ok: true, identity: identity('apiserver.test'), proxied: [connect(`apiserver.test:${fixture.port}`)] }),
  },
  {
    name: 'HTTPS_PROXY wins over https_proxy, as in Go',
    kubectl: true,
    setup: (fixture, dir) => row(dir, withCa(fixture, behindProxy(fixture)), { HTTPS_PROXY: fixture.proxy.url(), https_proxy: 'http://127.0.0.1:9' }),
    expect: (fixture) => ({ ok: true, identity: identity('apiserver.test'), proxied: [connect(`apiserver.test:${fixture.port}`)] }),
  },
  {
    name: 'HTTPS_PROXY with user:password: Proxy-Authorization sent',
    kubectl: true,
    setup: (fixture, dir) => row(dir, withCa(fixture, behindProxy(fixture)), { HTTPS_PROXY: fixture.authProxy.url(PROXY_CREDENTIALS) }),
    expect: (fixture) => ({ ok: true, identity: identity('apiserver.test'), proxied: [connect(`apiserver.test:${fixture.port}`, basic(PROXY_CREDENTIALS))] }),
  },
  {
    name: 'a proxy that wants credentials and gets none: 407 named, not blamed on the apiserver',
    kubectl: true,
    setup: (fixture, dir) => row(dir, withCa(fixture, behindProxy(fixture)), { HTTPS_PROXY: fixture.authProxy.url() }),
    expect: (fixture) => ({ ok: false, stderr: /through proxy http:\/\/127\.0\.0\.1:\d+ \(HTTPS_PROXY\): .*407/, proxied: [connect(`apiserver.test:${fixture.port}`)] }),
  },
  {
    name: 'NO_PROXY domain suffix: direct (and this name needs the proxy, so DNS fails)',
    kubectl: true,
    setup: (fixture, dir) => row(dir, withCa(fixture, behindProxy(fixture)), { HTTPS_PROXY: fixture.proxy.url(), NO_PROXY: 'example.com,.test' }),
    expect: () => ({ ok: false, stderr: /host "apiserver\.test" not found in DNS/ }),
  },
  {
    name: 'NO_PROXY naming this host: direct',
    kubectl: true,
    setup: (fixture, dir) => row(dir, withCa(fixture, `https://${fixture.hostAlias}:${fixture.port}`), { HTTPS_PROXY: fixture.proxy.url(), NO_PROXY: `10.0.0.0/8, ${fixture.hostAlias.toUpperCase()}` }),
    expect: (fixture) => ({ ok: true, identity: identity(fixture.hostAlias) }),
  },
  {
    name: 'NO_PROXY entry with another port: proxied',
    kubectl: true,
    setup: (fixture, dir) => row(dir, withCa(fixture, `https://${fixture.hostAlias}:${fixture.port}`), { HTTPS_PROXY: fixture.proxy.url(), NO_PROXY: `${fixture.hostAlias}:1` }),
    expect: (fixture) => ({ ok: true, identity: identity(fixture.hostAlias), proxied: [connect(`${fixture.hostAlias}:${fixture.port}`)] }),
  },
  {
    name: 'NO_PROXY=* : everything direct',
    kubectl: true,
    setup: (fixture, dir) => row(dir, withCa(fixture, `https://${fixture.hostAlias}:${fixture.port}`), { HTTPS_PROXY: fixture.proxy.url(), NO_PROXY: '*' }),
    expect: (fixture) => ({ ok: true, identity: identity(fixture.hostAlias) }),
  },
  {
    name: 'loopback is never proxied through HTTPS_PROXY',
    kubectl: true,
    setup: (fixture, dir) => row(dir, withCa(fixture, fixture.server), { HTTPS_PROXY: fixture.proxy.url() }),
    expect: () => ({ ok: true, identity: identity() }),
  },
  {
    name: 'proxy-url http: used for every request, loopback too, and over HTTPS_PROXY',
    kubectl: true,
    setup: (fixture, dir) => row(dir, { ...withCa(fixture, fixture.server), 'proxy-url': fixture.proxy.url() }, { HTTPS_PROXY: 'http://127.0.0.1:9' }),
    expect: (fixture) => ({ ok: true, identity: identity(), proxied: [connect(`127.0.0.1:${fixture.port}`)] }),
  },
  {
    name: 'proxy-url https: the proxy verified with the cluster CA',
    kubectl: true,
    setup: (fixture, dir) => row(dir, { ...withCa(fixture, behindProxy(fixture)), 'proxy-url': fixture.tlsProxy.url() }),
    expect: (fixture) => ({ ok: true, identity: identity('apiserver.test'), proxied: [connect(`apiserver.test:${fixture.port}`)] }),
  },
  {
    name: 'proxy-url socks5: the name resolved by the proxy',
    kubectl: true,
    setup: (fixture, dir) => row(dir, { ...withCa(fixture, behindProxy(fixture)), 'proxy-url': fixture.socks.url() }),
    expect: (fixture) => ({ ok: true, identity: identity('apiserver.test'), proxied: [{ kind: 'socks5', target: `apiserver.test:${fixture.port}` }] }),
  },
  {
    name: 'proxy-url to a proxy that is not running: the proxy is named',
    kubectl: true,
    setup: (fixture, dir) => row(dir, { ...withCa(fixture, fixture.server), 'proxy-url': 'http://127.0.0.1:9' }),
    expect: () => ({ ok: false, stderr: /through proxy http:\/\/127\.0\.0\.1:9 \(proxy-url\): connection refused/ }),
  },
];
