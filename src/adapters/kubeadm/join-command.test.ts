import { execFileSync, execSync } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TokenTuiError } from '../../core/errors.ts';
import type { KubeClient } from '../../kube/client.ts';
import type { KubeConnection } from '../../kube/connection.ts';
import { buildJoinCommand, caCertHashes, CLUSTER_INFO_PATH, formatJoinCommand, pemCertificatesToDer, subjectPublicKeyInfoDer } from './join-command.ts';

const FULL_TOKEN = 'abcdef.0123456789abcdef';
let workDir = '';
const certs: { name: string; pem: string; opensslHash: string }[] = [];

// The reference: the pipeline kubeadm's docs give for --discovery-token-ca-cert-hash.
function opensslSpkiHash(certFile: string): string {
  const hex = execSync(`openssl x509 -pubkey -noout -in '${certFile}' | openssl pkey -pubin -outform der | sha256sum`, { encoding: 'utf8' });
  return `sha256:${hex.split(' ')[0]}`;
}

beforeAll(() => {
  workDir = mkdtempSync(join(tmpdir(), 'tokentui-join-'));
  const keyTypes = [
    ['ec', ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256']],
    ['rsa', ['-newkey', 'rsa:2048']],
  ] as const;
  for (const [name, keyArgs] of keyTypes) {
    const certFile = join(workDir, `${name}.crt`);
    execFileSync('openssl', ['req', '-x509', ...keyArgs, '-nodes', '-keyout', join(workDir, `${name}.key`), '-out', certFile, '-days', '1', '-subj', `/CN=tokentui-test-${name}-ca`], { stdio: 'ignore' });
    certs.push({ name, pem: readFileSync(certFile, 'utf8'), opensslHash: opensslSpkiHash(certFile) });
  }
});

afterAll(() => {
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

describe('CA public-key pins', () => {
  it('equal openssl x509 -pubkey | openssl pkey -pubin -outform der | sha256sum, for EC and RSA', () => {
    for (const cert of certs) expect(caCertHashes(cert.pem), cert.name).toEqual([cert.opensslHash]);
  });

  it('cut the same SPKI bytes that node:crypto exports', () => {
    for (const cert of certs) {
      const [der] = pemCertificatesToDer(cert.pem);
      const exported = new X509Certificate(cert.pem).publicKey.export({ type: 'spki', format: 'der' });
      expect(Buffer.from(subjectPublicKeyInfoDer(der!)).equals(exported), cert.name).toBe(true);
    }
  });

  it('hash every certificate of a bundle, in order', () => {
    const bundle = certs.map((cert) => cert.pem).join('\n');
    expect(caCertHashes(bundle)).toEqual(certs.map((cert) => cert.opensslHash));
  });

  it('refuse DER that is not a certificate', () => {
    expect(() => subjectPublicKeyInfoDer(new Uint8Array([0x30, 0x05, 0x02, 0x01]))).toThrow(/truncated DER/);
    const hash = createHash('sha256').update('x').digest();
    expect(() => subjectPublicKeyInfoDer(hash)).toThrow();
  });
});

describe('formatJoinCommand', () => {
  it("prints kubeadm's single line, one pin per CA, without the trailing space", () => {
    expect(formatJoinCommand('https://10.0.0.1:6443', FULL_TOKEN, ['sha256:aa', 'sha256:bb'])).toBe(
      `kubeadm join 10.0.0.1:6443 --token ${FULL_TOKEN} --discovery-token-ca-cert-hash sha256:aa --discovery-token-ca-cert-hash sha256:bb`,
    );
  });
});

function stubClient(answers: { clusterInfo: unknown | TokenTuiError; caPem?: string }): KubeClient & { paths: string[] } {
  const paths: string[] = [];
  const connection: KubeConnection = {
    contextName: 'ctx',
    clusterName: 'c',
    userName: 'u',
    server: 'https://192.0.2.9:6443',
    caPem: answers.caPem,
    insecureSkipTlsVerify: false,
    auth: { type: 'none' },
    sourceFile: '/dev/null',
  };
  return {
    paths,
    connection,
    request: async <T,>(_method: string, path: string): Promise<T> => {
      paths.push(path);
      if (answers.clusterInfo instanceof TokenTuiError) throw answers.clusterInfo;
      return answers.clusterInfo as T;
    },
    stream: () => {
      throw new Error('not used');
    },
    close: async () => {},
  };
}

function clusterInfoKubeconfig(server: string, caPem: string): string {
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '- cluster:',
    `    certificate-authority-data: ${Buffer.from(caPem).toString('base64')}`,
    `    server: ${server}`,
    '  name: ""',
    'contexts: null',
    'users: null',
  ].join('\n');
}

describe('buildJoinCommand', () => {
  it('takes the endpoint and CA from kube-public/cluster-info', async () => {
    const client = stubClient({ clusterInfo: { data: { kubeconfig: clusterInfoKubeconfig('https://10.0.0.1:6443', certs[0]!.pem) } }, caPem: certs[1]!.pem });
    expect(await buildJoinCommand(client, FULL_TOKEN)).toBe(
      `kubeadm join 10.0.0.1:6443 --token ${FULL_TOKEN} --discovery-token-ca-cert-hash ${certs[0]!.opensslHash}`,
    );
    expect(client.paths).toEqual([CLUSTER_INFO_PATH]);
  });

  it("falls back to the kubeconfig's server and CA when cluster-info is missing, as kubeadm does", async () => {
    const missing = new TokenTuiError('not-found', 'configmaps "cluster-info" not found', { httpStatus: 404 });
    const client = stubClient({ clusterInfo: missing, caPem: certs[1]!.pem });
    expect(await buildJoinCommand(client, FULL_TOKEN)).toBe(
      `kubeadm join 192.0.2.9:6443 --token ${FULL_TOKEN} --discovery-token-ca-cert-hash ${certs[1]!.opensslHash}`,
    );
  });

  it('fails as not-found, without the secret, when there is no CA anywhere', async () => {
    const missing = new TokenTuiError('not-found', 'configmaps "cluster-info" not found', { httpStatus: 404 });
    const error = await buildJoinCommand(stubClient({ clusterInfo: missing }), FULL_TOKEN).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TokenTuiError);
    expect((error as TokenTuiError).kind).toBe('not-found');
    expect((error as TokenTuiError).message).toContain('cluster-info');
    expect(JSON.stringify({ ...(error as object), message: (error as Error).message })).not.toContain('0123456789abcdef');
  });

  it('does not hide other failures behind the fallback', async () => {
    const denied = new TokenTuiError('unauthorized', 'Unauthorized', { httpStatus: 401 });
    await expect(buildJoinCommand(stubClient({ clusterInfo: denied, caPem: certs[0]!.pem }), FULL_TOKEN)).rejects.toBe(denied);
  });

  it('reports a cluster-info without a CA instead of printing a command that cannot pin', async () => {
    const client = stubClient({ clusterInfo: { data: { kubeconfig: 'clusters: []' } }, caPem: certs[0]!.pem });
    await expect(buildJoinCommand(client, FULL_TOKEN)).rejects.toMatchObject({ kind: 'server' });
  });
});
