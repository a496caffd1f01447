// Matrix rows about who the client is: the kubeconfigs kind, k3s and kubeadm write, tokens,
// token files, basic auth, client certificates, KUBECONFIG merges, and impersonation.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { CompatFixture, CompatRow } from './compat-harness.ts';
import { kubeconfigText, toYaml, writeFile } from './compat-kubeconfig.ts';
import { cliPath } from './run-cli.ts';

const cluster = (fixture: CompatFixture) => ({ server: fixture.server, 'certificate-authority-data': fixture.caData });
const bearer = (token: string) => ({ authorization: `Bearer ${token}`, impersonation: {} });

function one(dir: string, text: string, file = 'config') {
  return { kubeconfigs: [writeFile(join(dir, file), text)] };
}

function certificateRow(name: string, commonName: string, names: { context: string; cluster: string; user: string }): CompatRow {
  return {
    name,
    kubectl: true,
    setup: (fixture, dir) => {
      const { certPem, keyPem } = fixture.pki.client(commonName);
      const user = { 'client-certificate-data': Buffer.from(certPem).toString('base64'), 'client-key-data': Buffer.from(keyPem).toString('base64') };
      return one(dir, kubeconfigText({ cluster: cluster(fixture), user, names }));
    },
    expect: () => ({ ok: true, identity: { clientCert: commonName, impersonation: {} } }),
  };
}

export const AUTH_ROWS: readonly CompatRow[] = [
  certificateRow('kind: client certificate data, CA data', 'kind-admin', { context: 'kind-kind', cluster: 'kind-kind', user: 'kind-kind' }),
  certificateRow('k3s: k3s.yaml (everything named "default")', 'system:admin', { context: 'default', cluster: 'default', user: 'default' }),
  certificateRow('kubeadm: admin.conf', 'kubernetes-admin', { context: 'kubernetes-admin@kubernetes', cluster: 'kubernetes', user: 'kubernetes-admin' }),
  {
    name: 'static bearer token',
    kubectl: true,
    setup: (fixture, dir) => one(dir, kubeconfigText({ cluster: cluster(fixture), user: { token: 'static-token-1' } })),
    expect: () => ({ ok: true, identity: bearer('static-token-1') }),
  },
  {
    name: 'tokenFile, relative to the kubeconfig',
    kubectl: true,
    setup: (fixture, dir) => {
      writeFile(join(dir, 'secrets', 'token'), 'file-token-2\n');
      return one(dir, kubeconfigText({ cluster: cluster(fixture), user: { tokenFile: 'secrets/token' } }));
    },
    expect: () => ({ ok: true, identity: bearer('file-token-2') }),
  },
  {
    name: 'basic auth (username and password)',
    kubectl: true,
    setup: (fixture, dir) => one(dir, kubeconfigText({ cluster: cluster(fixture), user: { username: 'ops', password: 'pa55:word' } })),
    expect: () => ({ ok: true, identity: { authorization: `Basic ${Buffer.from('ops:pa55:word').toString('base64')}`, impersonation: {} } }),
  },
  {
    name: 'client certificate and CA as files, relative to the kubeconfig',
    kubectl: true,
    setup: (fixture, dir) => {
      const { certPem, keyPem } = fixture.pki.client('file-cert-user');
      writeFile(join(dir, 'pki', 'ca.crt'), fixture.pki.caPem);
      writeFile(join(dir, 'pki', 'user.crt'), certPem);
      writeFile(join(dir, 'pki', 'user.key'), keyPem);
      const text = kubeconfigText({ cluster: { server: fixture.server, 'certificate-authority': 'pki/ca.crt' }, user: { 'client-certificate': 'pki/user.crt', 'client-key': 'pki/user.key' } });
      return one(join(dir, 'kube'), text.replaceAll('pki/', '../pki/'));
    },
    expect: () => ({ ok: true, identity: { clientCert: 'file-cert-user', impersonation: {} } }),
  },
  {
    name: 'KUBECONFIG merge: context and user in the first file, cluster and current-context in the second',
    kubectl: true,
    setup: (fixture, dir) => {
      const first = toYaml({
        apiVersion: 'v1',
        kind: 'Config',
        clusters: [],
        users: [{ name: 'merged-user', user: { token: 'merge-token-3' } }],
        contexts: [{ name: 'merged', context: { cluster: 'merged-cluster', user: 'merged-user' } }],
      });
      const second = kubeconfigText({ cluster: cluster(fixture), user: { token: 'loses-token' }, names: { context: 'merged', cluster: 'merged-cluster', user: 'merged-user' } });
      return { kubeconfigs: [writeFile(join(dir, 'a', 'config'), first), writeFile(join(dir, 'b', 'config'), second)] };
    },
    expect: () => ({ ok: true, identity: bearer('merge-token-3') }),
  },
  {
    name: 'KUBECONFIG merge: the first file to set current-context wins',
    kubectl: true,
    setup: (fixture, dir) => {
      const first = kubeconfigText({ cluster: cluster(fixture), user: { token: 'first-current-4' }, names: { context: 'one', user: 'one' } });
      const second = kubeconfigText({ cluster: cluster(fixture), user: { token: 'second-current' }, names: { context: 'two', user: 'two' } });
      return { kubeconfigs: [writeFile(join(dir, 'first'), first), writeFile(join(dir, 'second'), second)] };
    },
    expect: () => ({ ok: true, identity: bearer('first-current-4') }),
  },
  {
    name: 'impersonation: as',
    kubectl: true,
    setup: (fixture, dir) => one(dir, kubeconfigText({ cluster: cluster(fixture), user: { token: 'admin-token-5', as: 'jane' } })),
    expect: () => ({ ok: true, identity: { authorization: 'Bearer admin-token-5', impersonation: { 'impersonate-user': ['jane'] } } }),
  },
  {
    name: 'impersonation: as with as-groups, one header line per group',
    kubectl: true,
    setup: (fixture, dir) => one(dir, kubeconfigText({ cluster: cluster(fixture), user: { token: 'admin-token-6', as: 'jane', 'as-groups': ['ops', 'on call, europe'] } })),
    expect: () => ({
      ok: true,
      identity: { authorization: 'Bearer admin-token-6', impersonation: { 'impersonate-user': ['jane'], 'impersonate-group': ['ops', 'on call, europe'] } },
    }),
  },
  {
    name: 'impersonation: as-user-extra, keys escaped as client-go escapes them',
    kubectl: true,
    setup: (fixture, dir) =>
      one(dir, kubeconfigText({ cluster: cluster(fixture), user: { token: 'admin-token-7', as: 'jane', 'as-user-extra': { scopes: ['view', 'audit'], 'example.com/reason': ['incident 42'] } } })),
    expect: () => ({
      ok: true,
      identity: {
        authorization: 'Bearer admin-token-7',
        impersonation: { 'impersonate-user': ['jane'], 'impersonate-extra-scopes': ['view', 'audit'], 'impersonate-extra-example.com%2freason': ['incident 42'] },
      },
    }),
  },
  {
    // kubectl 1.20 predates as-uid (1.23).
    name: 'impersonation: as-uid',
    kubectl: false,
    setup: (fixture, dir) => one(dir, kubeconfigText({ cluster: cluster(fixture), user: { token: 'admin-token-8', as: 'jane', 'as-uid': 'uid-1234' } })),
    expect: () => ({ ok: true, identity: { authorization: 'Bearer admin-token-8', impersonation: { 'impersonate-user': ['jane'], 'impersonate-uid': ['uid-1234'] } } }),
  },
  {
    // kubectl would send the groups and let the apiserver refuse them; tokentui refuses first.
    name: 'impersonation: as-groups without as is refused before any request',
    kubectl: false,
    setup: (fixture, dir) => one(dir, kubeconfigText({ cluster: cluster(fixture), user: { token: 'admin-token-9', 'as-groups': ['ops'] } })),
    expect: () => ({ ok: false, stderr: /sets as-groups, as-uid or as-user-extra without as/ }),
  },
  {
    name: 'impersonation with a client certificate (the TUI header and contexts say "as")',
    kubectl: true,
    setup: (fixture, dir) => {
      const { certPem, keyPem } = fixture.pki.client('cert-admin');
      const user = { 'client-certificate-data': Buffer.from(certPem).toString('base64'), 'client-key-data': Buffer.from(keyPem).toString('base64'), as: 'system:serviceaccount:kube-system:viewer' };
      return one(dir, kubeconfigText({ cluster: cluster(fixture), user }));
    },
    expect: () => ({ ok: true, identity: { clientCert: 'cert-admin', impersonation: { 'impersonate-user': ['system:serviceaccount:kube-system:viewer'] } } }),
    check: (_fixture, dir) => {
      const env = { ...process.env, HOME: join(dir, 'home-contexts'), KUBECONFIG: join(dir, 'config'), TOKENTUI_SYSTEM_KUBECONFIGS: '', XDG_CONFIG_HOME: join(dir, 'home-contexts', '.config') };
      const listed = JSON.parse(execFileSync(process.execPath, [cliPath, 'contexts', '-o', 'json'], { env, encoding: 'utf8' })) as { name: string; actingAs?: string }[];
      expect(listed.map(({ name, actingAs }) => ({ name, actingAs }))).toEqual([{ name: 'compat', actingAs: 'system:serviceaccount:kube-system:viewer' }]);
      const table = execFileSync(process.execPath, [cliPath, 'contexts'], { env, encoding: 'utf8' });
      expect(table).toMatch(/\bcompat\b.*\bsystem:serviceaccount:kube-system:viewer\b/);
    },
  },
];
