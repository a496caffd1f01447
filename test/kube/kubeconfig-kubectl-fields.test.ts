// The kubeconfig fields this round added, resolved as client-go resolves them: impersonation,
// exec interactiveMode/installHint/provideClusterInfo, proxy-url and the proxy variables, oidc.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadKubeconfig } from '../../src/kube/kubeconfig.ts';
import { resolveKubeConnection } from '../../src/kube/kubeconfig-resolve.ts';
import { idToken } from '../support/compat-kubeconfig.ts';
import { thrownTokenTuiError } from '../support/thrown.ts';

const dir = mkdtempSync(join(tmpdir(), 'tokentui-kubectl-fields-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;
function resolveWith(cluster: string, user: string, env: Record<string, string> = {}) {
  const path = join(dir, `config-${(files += 1)}`);
  writeFileSync(path, `clusters:\n- name: c\n  cluster:\n${cluster}\ncontexts:\n- name: x\n  context: {cluster: c, user: u}\ncurrent-context: x\nusers:\n- name: u\n  user:\n${user}\n`);
  return resolveKubeConnection(loadKubeconfig([path]), undefined, env);
}

const refusal = thrownTokenTuiError;

const SERVER = '    server: https://api.example.com:6443';

describe('impersonation', () => {
  it('reads as, as-uid, as-groups and as-user-extra', () => {
    const connection = resolveWith(SERVER, "    token: t\n    as: jane\n    as-uid: '42'\n    as-groups: [ops, dev]\n    as-user-extra:\n      scopes: [view]");
    expect(connection.impersonate).toEqual({ user: 'jane', uid: '42', groups: ['ops', 'dev'], extra: { scopes: ['view'] } });
  });
  it('none without as', () => {
    expect(resolveWith(SERVER, '    token: t').impersonate).toBeUndefined();
  });
});

describe('exec', () => {
  it('v1 without interactiveMode is refused as kubectl refuses it; a bad mode is named', () => {
    expect(refusal(() => resolveWith(SERVER, '    exec: {apiVersion: client.authentication.k8s.io/v1, command: p}')).message).toMatch(/exec.interactiveMode is required/);
    expect(refusal(() => resolveWith(SERVER, '    exec: {apiVersion: client.authentication.k8s.io/v1, command: p, interactiveMode: Sometimes}')).message).toMatch(/"Sometimes" is not Never, IfAvailable or Always/);
  });
  it('provideClusterInfo passes server as written, CA data, tls-server-name, proxy-url and the extension', () => {
    const cluster = `    server: https://api.example.com:6443/\n    certificate-authority-data: ${Buffer.from('-----BEGIN CERTIFICATE-----\nQ0E=\n-----END CERTIFICATE-----\n').toString('base64')}\n    tls-server-name: api.internal\n    proxy-url: socks5://127.0.0.1:1080\n    extensions:\n    - name: client.authentication.k8s.io/exec\n      extension: {audience: a}`;
    const { auth } = resolveWith(cluster, '    exec: {apiVersion: client.authentication.k8s.io/v1beta1, command: p, provideClusterInfo: true, installHint: get p}');
    expect(auth.type === 'exec' && auth.exec).toMatchObject({
      installHint: 'get p',
      interactiveMode: 'IfAvailable',
      cluster: { server: 'https://api.example.com:6443/', 'tls-server-name': 'api.internal', 'proxy-url': 'socks5://127.0.0.1:1080', config: { audience: 'a' } },
    });
  });
});

describe('proxies', () => {
  it('proxy-url wins over HTTPS_PROXY; a scheme kubectl refuses is refused', () => {
    expect(resolveWith(`${SERVER}\n    proxy-url: http://p:3128`, '    token: t', { HTTPS_PROXY: 'http://env:1' }).proxy).toEqual({ url: 'http://p:3128', origin: 'proxy-url' });
    expect(refusal(() => resolveWith(`${SERVER}\n    proxy-url: ftp://p:21`, '    token: t')).message).toMatch(/proxy-url scheme "ftp" is not http, https or socks5/);
  });
  it('HTTPS_PROXY applies unless NO_PROXY names the server', () => {
    expect(resolveWith(SERVER, '    token: t', { HTTPS_PROXY: 'http://env:1' }).proxy).toEqual({ url: 'http://env:1', origin: 'HTTPS_PROXY' });
    expect(resolveWith(SERVER, '    token: t', { HTTPS_PROXY: 'http://env:1', NO_PROXY: '.example.com' }).proxy).toBeUndefined();
  });
});

describe('oidc auth-provider', () => {
  it('keeps the id-token and its expiry; a token that is not a JWT is named', () => {
    const exp = Math.floor(Date.now() / 1000) + 600;
    const { auth } = resolveWith(SERVER, `    auth-provider:\n      name: oidc\n      config:\n        id-token: ${idToken(exp)}\n        refresh-token: r`);
    expect(auth).toMatchObject({ type: 'oidc', expiresAtMs: exp * 1000, canRefresh: true });
    expect(refusal(() => resolveWith(SERVER, '    auth-provider: {name: oidc, config: {id-token: opaque}}')).message).toMatch(/id-token: the id-token is not a JWT/);
  });
  it('an unknown provider is refused as unknown to kubectl too', () => {
    expect(refusal(() => resolveWith(SERVER, '    auth-provider: {name: openstack}')).message).toMatch(/"openstack", which neither kubectl nor tokentui knows/);
  });
});
