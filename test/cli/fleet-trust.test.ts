// `list` over several contexts keeps Node's default CA store for the contexts that rely on it. A
// single-server `list` replaces that store with its kubeconfig's CA (kube/default-trust.ts, to
// skip building it); before this test, `list --contexts kube,rest` did too, so an HTTPS REST
// server trusted through the default store (here NODE_EXTRA_CA_CERTS; a public CA in life) failed
// its TLS check. The built CLI, as a user runs it: only the real process binds the trust decision (process-main.ts).
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeScratch } from '../support/at-rest.ts';
import { cliPath } from '../support/run-cli.ts';
import { useFakeCluster } from './fake-cluster-fixture.ts';
import { bootstrapSecret } from './harness.ts';

const cluster = useFakeCluster({ tls: true });
let dir: string;
let rest: Server;
let restUrl: string;

function run(args: readonly string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [cliPath, ...args], { env, timeout: 30_000 }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : 1, stdout, stderr });
    });
  });
}

beforeAll(async () => {
  cluster.apiserver.put('secrets', bootstrapSecret('abcdef', '0123456789abcdef', { description: 'kube side' }));
  dir = mkdtempSync(join(tmpdir(), 'tokentui-fleet-trust-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
    '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(dir, 'rest.key'), '-out', join(dir, 'rest.crt')], { stdio: 'ignore' });
  // Any answer proves the TLS check passed; 401 is one no client retries.
  rest = createServer({ cert: readFileSync(join(dir, 'rest.crt')), key: readFileSync(join(dir, 'rest.key')) }, (_request, response) => {
    response.writeHead(401, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ error: { code: 'unauthorized', message: 'bad api key' } }));
  });
  await new Promise<void>((resolve) => rest.listen(0, '127.0.0.1', resolve));
  restUrl = `https://127.0.0.1:${(rest.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => rest?.close(resolve));
  removeScratch(dir);
});

function env(trustRest: boolean): NodeJS.ProcessEnv {
  return {
    ...process.env,
    ...cluster.env(),
    XDG_CONFIG_HOME: join(dir, 'config'),
    TOKENTUI_SYSTEM_KUBECONFIGS: '',
    FLEET_TRUST_KEY: 'not-a-real-key-0000',
    NODE_EXTRA_CA_CERTS: trustRest ? join(dir, 'rest.crt') : '',
  };
}

describe('list over several contexts, one a REST server trusted by the default store', () => {
  it('the REST context gets past TLS, and the kubeconfig context is listed', async () => {
    const added = await run(['contexts', 'add', 'rest-https', '--adapter', 'rest', '--server', restUrl, '--api-key-env', 'FLEET_TRUST_KEY'], env(true));
    expect(added.code, added.stderr).toBe(0);
    const listed = await run(['list', '--contexts', 'fake-admin,rest-https', '-o', 'json'], env(true));
    const restLine = listed.stderr.split('\n').find((line) => line.includes('"rest-https"')) ?? '';
    expect(restLine).not.toMatch(/certificate|self.signed|verify/i);
    expect(restLine).toMatch(/401|unauthori[sz]ed|api key/i);
    expect(JSON.parse(listed.stdout)).toEqual([expect.objectContaining({ context: 'fake-admin', id: 'abcdef' })]);
    expect(listed.code).toBe(1);
  });

  it('control: without that trust the same context fails its TLS check, in those words', async () => {
    const listed = await run(['list', '--contexts', 'fake-admin,rest-https', '-o', 'json'], env(false));
    const restLine = listed.stderr.split('\n').find((line) => line.includes('"rest-https"')) ?? '';
    expect(restLine).toMatch(/certificate|self.signed|verify/i);
  });
});
