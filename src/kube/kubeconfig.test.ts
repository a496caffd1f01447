import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { thrownTokenTuiError } from '../../test/support/thrown.ts';
import { kubeconfigPaths, listKubeContexts, loadKubeconfig, loadKubeconfigFor } from './kubeconfig.ts';
import { resolveKubeConnection } from './kubeconfig-resolve.ts';

const CA_PEM = '-----BEGIN CERTIFICATE-----\nZmFrZSBjYQ==\n-----END CERTIFICATE-----\n';
const CERT_PEM = '-----BEGIN CERTIFICATE-----\nZmFrZSBjZXJ0\n-----END CERTIFICATE-----\n';
const KEY_PEM = '-----BEGIN PRIVATE KEY-----\nZmFrZSBrZXk=\n-----END PRIVATE KEY-----\n';
const base64 = (text: string) => Buffer.from(text).toString('base64');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tokentui-kubeconfig-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function write(relativePath: string, text: string): string {
  const path = join(dir, relativePath);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
  return path;
}

const thrown = thrownTokenTuiError;

const fileA = `
apiVersion: v1
kind: Config
current-context: alpha
clusters:
- name: shared
  cluster: {server: "https://a.example:6443", certificate-authority-data: ${base64(CA_PEM)}}
contexts:
- name: alpha
  context: {cluster: shared, user: admin-a}
users:
- name: admin-a
  user: {token: token-from-a}
`;

const fileB = `
current-context: beta
clusters:
- name: shared
  cluster: {server: "https://b.example:6443"}
- name: only-b
  cluster: {server: "https://only-b.example:6443/", insecure-skip-tls-verify: true}
contexts:
- name: alpha
  context: {cluster: only-b, user: admin-b}
- name: beta
  context: {cluster: only-b, user: admin-b, namespace: ops}
users:
- name: admin-b
  user: {username: ops, password: 12345}
`;

describe('kubeconfigPaths', () => {
  it('--kubeconfig wins over KUBECONFIG, KUBECONFIG over ~/.kube/config', () => {
    const env = { KUBECONFIG: '/k/one:/k/two::/k/one', HOME: '/home/sre' };
    expect(kubeconfigPaths(env, { kubeconfig: '/flag/config' })).toEqual(['/flag/config']);
    expect(kubeconfigPaths(env, {})).toEqual(['/k/one', '/k/two']);
    expect(kubeconfigPaths({ HOME: '/home/sre' }, {})).toEqual(['/home/sre/.kube/config']);
  });
});

describe('loadKubeconfig', () => {
  it('merges several files: the first to define a name wins, as does its current-context', () => {
    const a = write('a.yaml', fileA);
    const b = write('b.yaml', fileB);
    const missing = join(dir, 'missing.yaml');
    const config = loadKubeconfig([missing, a, b]);
    expect(config.missingFiles).toEqual([missing]);
    expect(config.loadedFiles).toEqual([a, b]);
    expect(config.currentContext).toBe('alpha');
    expect(config.currentContextSource).toBe(a);
    expect(config.contexts.get('alpha')?.value.cluster).toBe('shared');
    expect(config.contexts.get('beta')?.sourceFile).toBe(b);
    expect(config.clusters.get('shared')?.value.server).toBe('https://a.example:6443');
    expect(config.clusters.get('only-b')?.sourceFile).toBe(b);

    const reversed = loadKubeconfig([b, a]);
    expect(reversed.currentContext).toBe('beta');
    expect(reversed.clusters.get('shared')?.value.server).toBe('https://b.example:6443');
  });

  it('takes current-context from a later file when the first leaves it empty', () => {
    const empty = write('empty-current.yaml', 'current-context: ""\ncontexts: []\n');
    const b = write('b.yaml', fileB);
    expect(loadKubeconfig([empty, b]).currentContext).toBe('beta');
  });

  it('a broken file is a usage error naming the file and the line', () => {
    const broken = write('broken.yaml', 'clusters:\n- name: x\n  cluster: {server: [https://x\n');
    const error = thrown(() => loadKubeconfig([broken]));
    expect(error.kind).toBe('usage');
    expect(error.message).toMatch(new RegExp(`^kubeconfig ${broken}: line \\d+: `));
  });

  it('a wrongly shaped entry names the file and the entry', () => {
    const bad = write('bad.yaml', 'clusters:\n- name: x\n  cluster: {server: [1, 2]}\n');
    expect(thrown(() => loadKubeconfig([bad])).message).toBe(`kubeconfig ${bad}: clusters[0] ("x").cluster.server must be a string`);
    const duplicate = write('dup.yaml', 'users:\n- name: u\n  user: {}\n- name: u\n  user: {}\n');
    expect(thrown(() => loadKubeconfig([duplicate])).message).toMatch(/duplicate user name "u"/);
  });

  it('an explicit --kubeconfig must exist; a missing KUBECONFIG entry is skipped', () => {
    const missing = join(dir, 'nope');
    expect(thrown(() => loadKubeconfigFor({}, { kubeconfig: missing })).message).toBe(`kubeconfig ${missing}: no such file`);
    const config = loadKubeconfigFor({ KUBECONFIG: missing }, {});
    expect(config.loadedFiles).toEqual([]);
    const error = thrown(() => resolveKubeConnection(config));
    expect(error.message).toBe(`no kubeconfig found (looked for ${missing})`);
    expect(error.exitCode).toBe(2);
  });
});

describe('resolveKubeConnection', () => {
  it('resolves the current context with data fields decoded and a token', () => {
    const connection = resolveKubeConnection(loadKubeconfig([write('a.yaml', fileA)]));
    expect(connection).toMatchObject({ contextName: 'alpha', clusterName: 'shared', userName: 'admin-a', server: 'https://a.example:6443', caPem: CA_PEM, insecureSkipTlsVerify: false });
    expect(connection.auth).toEqual({ type: 'token', token: 'token-from-a' });
  });

  it('resolves a named context: basic auth, insecure, trailing slash dropped', () => {
    const b = write('b.yaml', fileB);
    const connection = resolveKubeConnection(loadKubeconfig([b]), 'beta');
    expect(connection).toMatchObject({ server: 'https://only-b.example:6443', insecureSkipTlsVerify: true, sourceFile: b });
    expect(connection.auth).toEqual({ type: 'basic', username: 'ops', password: '12345' });
  });

  it('an unknown context lists the known ones', () => {
    const config = loadKubeconfig([write('a.yaml', fileA), write('b.yaml', fileB)]);
    const error = thrown(() => resolveKubeConnection(config, 'gamma'));
    expect(error.kind).toBe('usage');
    expect(error.message).toBe('context "gamma" not found in kubeconfig (known: alpha, beta)');
  });

  it('no current-context is a usage error listing the contexts', () => {
    const config = loadKubeconfig([write('none.yaml', fileB.replace('current-context: beta', ''))]);
    expect(thrown(() => resolveKubeConnection(config)).message).toBe('kubeconfig has no current-context; choose one with --context (known: alpha, beta)');
  });

  it('resolves file references relative to the kubeconfig that names them', () => {
    write('clusters/pki/ca.crt', CA_PEM);
    write('users/pki/client.crt', CERT_PEM);
    write('users/pki/client.key', KEY_PEM);
    const clusters = write('clusters/config', 'clusters:\n- name: c\n  cluster: {server: "10.0.0.1:6443", certificate-authority: pki/ca.crt, tls-server-name: api.internal}\n');
    const users = write(
      'users/config',
      [
        'current-context: ctx',
        'contexts:\n- name: ctx\n  context: {cluster: c, user: u}',
        'users:\n- name: u\n  user: {client-certificate: pki/client.crt, client-key: pki/client.key, tokenFile: pki/token}',
      ].join('\n'),
    );
    const connection = resolveKubeConnection(loadKubeconfig([users, clusters]));
    expect(connection).toMatchObject({ server: 'https://10.0.0.1:6443', caPem: CA_PEM, tlsServerName: 'api.internal', clientCertPem: CERT_PEM, clientKeyPem: KEY_PEM });
    expect(connection.auth).toEqual({ type: 'token-file', path: join(dir, 'users/pki/token') });
  });

  it('a *-data field wins over its file twin; raw PEM in a data field is explained', () => {
    const config = `clusters:\n- name: c\n  cluster: {server: "https://x", certificate-authority: missing.crt, certificate-authority-data: ${base64(CA_PEM)}}\ncontexts:\n- name: x\n  context: {cluster: c}\ncurrent-context: x\n`;
    expect(resolveKubeConnection(loadKubeconfig([write('data.yaml', config)])).caPem).toBe(CA_PEM);
    const raw = config.replace(base64(CA_PEM), JSON.stringify(CA_PEM));
    expect(thrown(() => resolveKubeConnection(loadKubeconfig([write('raw.yaml', raw)]))).message).toMatch(/certificate-authority-data is not base64 \(it holds raw PEM: base64-encode it\)$/);
  });

  it('an unreadable certificate file is named in the error', () => {
    const path = write('cfg', 'clusters:\n- name: c\n  cluster: {server: "https://x", certificate-authority: nope/ca.crt}\ncontexts:\n- name: x\n  context: {cluster: c}\ncurrent-context: x\n');
    expect(thrown(() => resolveKubeConnection(loadKubeconfig([path]))).message).toBe(`cluster "c" in ${path}: cannot read certificate-authority ${join(dir, 'nope/ca.crt')} (ENOENT)`);
  });

  it('passes an exec plugin through with the directory it resolves against', () => {
    const path = write(
      'exec/config',
      'clusters:\n- name: c\n  cluster: {server: "https://x"}\ncontexts:\n- name: x\n  context: {cluster: c, user: u}\ncurrent-context: x\nusers:\n- name: u\n  user:\n    exec:\n      apiVersion: client.authentication.k8s.io/v1beta1\n      command: ./bin/get-token\n      args: [--cluster, prod]\n      env: [{name: REGION, value: eu}]\n',
    );
    expect(resolveKubeConnection(loadKubeconfig([path])).auth).toEqual({
      type: 'exec',
      // v1beta1 without interactiveMode: client-go's default, IfAvailable.
      exec: { command: './bin/get-token', args: ['--cluster', 'prod'], env: [{ name: 'REGION', value: 'eu' }], apiVersion: 'client.authentication.k8s.io/v1beta1', baseDir: join(dir, 'exec'), interactiveMode: 'IfAvailable', userName: 'u' },
    });
  });

  it('the gcp auth-provider, which kubectl 1.26 removed, is refused naming its replacement', () => {
    const path = write('gcp', 'clusters:\n- name: c\n  cluster: {server: "https://x"}\ncontexts:\n- name: x\n  context: {cluster: c, user: u}\ncurrent-context: x\nusers:\n- name: u\n  user:\n    auth-provider: {name: gcp, config: {}}\n');
    const error = thrown(() => resolveKubeConnection(loadKubeconfig([path])));
    expect(error.kind).toBe('unsupported');
    expect(error.message).toMatch(/uses the "gcp" auth-provider, which kubectl 1\.26 removed/);
    expect(error.hint).toMatch(/gke-gcloud-auth-plugin/);
  });

  it('a context naming an undefined cluster says so', () => {
    const path = write('dangling', 'contexts:\n- name: x\n  context: {cluster: ghost}\ncurrent-context: x\nclusters:\n- name: real\n  cluster: {server: "https://x"}\n');
    expect(thrown(() => resolveKubeConnection(loadKubeconfig([path]))).message).toBe(`context "x" in ${path} refers to cluster "ghost", which is not defined (known clusters: real)`);
  });
});

describe('listKubeContexts', () => {
  it('lists every merged context with its server, file and current marker, sorted', () => {
    const a = write('a.yaml', fileA);
    const b = write('b.yaml', fileB);
    expect(listKubeContexts(loadKubeconfig([a, b]))).toEqual([
      { name: 'alpha', cluster: 'shared', user: 'admin-a', namespace: undefined, server: 'https://a.example:6443', current: true, sourceFile: a },
      { name: 'beta', cluster: 'only-b', user: 'admin-b', namespace: 'ops', server: 'https://only-b.example:6443/', current: false, sourceFile: b },
    ]);
  });
});
