// The kubeconfig compatibility matrix: one kubeconfig shape per row (kind, k3s, kubeadm, EKS, GKE,
// AKS, OIDC, tokenFile, relative paths, tls-server-name, proxy-url, KUBECONFIG merges,
// impersonation, HTTPS_PROXY / NO_PROXY through a CONNECT proxy on loopback, a private CA found
// only in a test trust store), run by the built CLI against a fake HTTPS apiserver that logs each
// request's credential, client certificate, SNI and Impersonate-* lines. Where kubectl 1.20.2 can
// run the same row, it runs it too and must have sent the same, through the same proxy.
import { mkdirSync } from 'node:fs';
import { lookup } from 'node:dns/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listIdentity, runClient, startCompatFixture, stopCompatFixture, type CompatFixture, type CompatRow, type RowRun } from '../support/compat-harness.ts';
import { AUTH_ROWS } from '../support/compat-rows-auth.ts';
import { EXEC_ROWS } from '../support/compat-rows-exec.ts';
import { NETWORK_ROWS } from '../support/compat-rows-network.ts';

let fixture: CompatFixture;

beforeAll(async () => {
  fixture = await startCompatFixture();
  // The NO_PROXY rows need a name that is neither "localhost" nor an IP and still reaches loopback.
  const { address } = await lookup(fixture.hostAlias);
  if (!address.startsWith('127.')) throw new Error(`this machine's host name ${fixture.hostAlias} resolves to ${address}, not loopback: the NO_PROXY rows need it to`);
}, 60_000);

afterAll(async () => {
  await stopCompatFixture(fixture);
});

function rowDir(row: CompatRow): string {
  const dir = join(fixture.root, 'rows', row.name.replace(/[^A-Za-z0-9]+/g, '-').slice(0, 80));
  mkdirSync(dir, { recursive: true });
  return dir;
}

function describeRun(client: string, run: RowRun): string {
  return `${client} exited ${run.code}\nstdout: ${run.stdout}\nstderr: ${run.stderr}`;
}

async function checkRow(row: CompatRow): Promise<void> {
  const dir = rowDir(row);
  const setup = row.setup(fixture, dir);
  const expected = row.expect(fixture, dir);
  const tokentui = await runClient(fixture, 'tokentui', dir, setup);
  expect(tokentui.proxied, `what the proxies saw from tokentui (${describeRun('tokentui', tokentui)})`).toEqual(expected.proxied ?? []);
  if (expected.ok) {
    expect(tokentui.code, describeRun('tokentui', tokentui)).toBe(0);
    expect(JSON.parse(tokentui.stdout)).toEqual([]);
    expect(listIdentity(tokentui)).toEqual(expected.identity);
    // /version (adapter detection) went out as the same identity.
    for (const request of tokentui.requests) expect({ ...request, method: undefined, path: undefined }).toEqual({ ...expected.identity, method: undefined, path: undefined });
  } else {
    expect(tokentui.code, describeRun('tokentui', tokentui)).not.toBe(0);
    expect(tokentui.stderr).toMatch(expected.stderr);
    if (expected.reached !== true) expect(tokentui.requests).toEqual([]);
    if (expected.withinMs !== undefined) expect(tokentui.elapsedMs).toBeLessThan(expected.withinMs);
  }
  let kubectl: RowRun | undefined;
  if (row.kubectl) {
    kubectl = await runClient(fixture, 'kubectl', dir, setup);
    expect(kubectl.proxied, 'kubectl went through the same proxies').toEqual(tokentui.proxied);
    if (expected.ok) {
      expect(kubectl.code, describeRun('kubectl', kubectl)).toBe(0);
      expect(listIdentity(kubectl), 'kubectl sent the same credential, certificate, SNI and impersonation').toEqual(listIdentity(tokentui));
    } else {
      expect(kubectl.code, describeRun('kubectl', kubectl)).not.toBe(0);
      expect(kubectl.requests.length === 0, 'kubectl reached the apiserver exactly when tokentui did').toBe(tokentui.requests.length === 0);
    }
  }
  row.check?.(fixture, dir, tokentui, kubectl);
}

for (const [group, rows] of [['who the client is', AUTH_ROWS], ['credential plugins and auth-providers', EXEC_ROWS], ['reaching the apiserver', NETWORK_ROWS]] as const) {
  describe(`kubeconfig compatibility: ${group}`, () => {
    for (const row of rows) it(row.name, () => checkRow(row), 60_000);
  });
}

it('the matrix covers at least the 35 shapes of issue 15, each row with its own kubeconfig', () => {
  const names = [...AUTH_ROWS, ...EXEC_ROWS, ...NETWORK_ROWS].map((row) => row.name);
  expect(new Set(names).size).toBe(names.length);
  expect(names.length).toBeGreaterThanOrEqual(35);
});
