// The K10 hash tokentui puts into join tokens, checked against what a joining agent would compute:
// `curl -sk <server>/cacerts | sha256sum` (no tokentui code on that side).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeApiserver, type FakeApiserver } from '../../../test/support/fake-apiserver.ts';
import { startK3sSupervisor, type K3sSupervisor } from '../../../test/support/k3s-supervisor.ts';
import { resolveJoinCaHash } from './join-ca-hash.ts';

let single: K3sSupervisor;
let chain: K3sSupervisor;
let apiserver: FakeApiserver;

beforeAll(async () => {
  [single, chain, apiserver] = await Promise.all([startK3sSupervisor(), startK3sSupervisor({ caChain: true }), startFakeApiserver()]);
});

afterAll(async () => {
  await Promise.all([single.close(), chain.close(), apiserver.close()]);
});

// Asynchronous: the servers run in this process, so a blocking exec would starve them.
async function shell(script: string): Promise<string> {
  return (await promisify(execFile)('sh', ['-c', script])).stdout.split(' ')[0]!;
}

const sha256sumOfServedCacerts = (url: string) => shell(`curl -sk "${url}/cacerts" | sha256sum`);
// The last certificate of the bundle is the root; its DER sha256 is the custom-CA K10 hash.
const rootFingerprintOfServedCacerts = (url: string) => shell(`curl -sk "${url}/cacerts" | awk '/BEGIN/{n++} n==2' | openssl x509 -outform DER | sha256sum`);

describe('resolveJoinCaHash', () => {
  it('one self-signed CA: the hash equals sha256sum of the served /cacerts bytes', async () => {
    const ca = await resolveJoinCaHash(single.url, { ...apiserver.connection, server: single.url }, Date.now());
    expect(ca).toEqual({ hash: await sha256sumOfServedCacerts(single.url), source: 'cacerts', rule: 'pem-bytes', note: null });
  });

  it('a custom CA chain: the hash is the root certificate fingerprint', async () => {
    const ca = await resolveJoinCaHash(chain.url, { ...apiserver.connection, server: chain.url }, Date.now());
    expect(ca).toMatchObject({ hash: await rootFingerprintOfServedCacerts(chain.url), source: 'cacerts', rule: 'root-der' });
    expect(ca.hash).not.toBe(await sha256sumOfServedCacerts(chain.url));
  });

  it('no /cacerts (a plain apiserver): the kubeconfig CA bytes, and a note saying so', async () => {
    const caPem = single.caBundle.toString('latin1');
    const ca = await resolveJoinCaHash(apiserver.url, { ...apiserver.connection, caPem }, Date.now());
    expect(ca).toMatchObject({ hash: single.caBundleSha256, source: 'kubeconfig', rule: 'pem-bytes' });
    expect(ca.note).toMatch(/\/cacerts: HTTP 404: the server does not serve the k3s \/cacerts endpoint; the CA hash was computed from the kubeconfig/);
  });

  it('no /cacerts and no kubeconfig CA: no hash, and the note says agents will not pin the CA', async () => {
    const ca = await resolveJoinCaHash(apiserver.url, apiserver.connection, Date.now());
    expect(ca).toMatchObject({ hash: '', source: 'none' });
    expect(ca.note).toMatch(/agents will not pin the CA/);
  });
});
