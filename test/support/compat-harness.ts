// Runs one kubeconfig row of the compatibility matrix with a client (tokentui's built CLI, or
// kubectl 1.20.2) against the fake apiserver and the loopback proxies, and returns what reached
// them. Rows run one after another; each run's records are the log entries it added.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { CompatApiserver, type IdentityRecord } from './compat-apiserver.ts';
import { writeFile } from './compat-kubeconfig.ts';
import { createCompatPki, type CompatPki } from './compat-pki.ts';
import { ConnectProxy, Socks5Proxy, type ProxyRecord } from './loopback-proxy.ts';
import { cliPath } from './run-cli.ts';

export const PROXY_CREDENTIALS = 'proxy-user:proxy-pass';

export interface CompatFixture {
  readonly root: string;
  readonly pki: CompatPki;
  readonly apiserver: CompatApiserver;
  /** https://127.0.0.1:PORT */
  readonly server: string;
  readonly port: number;
  readonly caData: string;
  /** This machine's host name: resolves to loopback without being "localhost" or an IP. */
  readonly hostAlias: string;
  readonly proxy: ConnectProxy;
  readonly tlsProxy: ConnectProxy;
  readonly authProxy: ConnectProxy;
  readonly socks: Socks5Proxy;
  /** A trust store (SSL_CERT_FILE) holding the private CA, and one without it. */
  readonly trustStoreWithCa: string;
  readonly trustStoreWithoutCa: string;
}

export interface RowSetup {
  /** The KUBECONFIG list, first file first. */
  readonly kubeconfigs: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
}

export interface RowRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly elapsedMs: number;
  readonly requests: readonly IdentityRecord[];
  readonly proxied: readonly ProxyRecord[];
}

// Proxy variables of the machine running the tests must not leak into a row.
const SCRUBBED = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'NO_PROXY', 'no_proxy', 'ALL_PROXY', 'all_proxy', 'KUBECONFIG', 'NODE_USE_ENV_PROXY'];

export async function startCompatFixture(): Promise<CompatFixture> {
  const root = mkdtempSync(join(tmpdir(), 'tokentui-compat-'));
  const pki = createCompatPki(join(root, 'pki'));
  const apiserver = await new CompatApiserver(pki).start();
  const aliases = [hostname().toLowerCase()];
  const proxy = await new ConnectProxy({ aliases }).start();
  const tlsProxy = await new ConnectProxy({ aliases, tls: { cert: pki.serverCertPem, key: pki.serverKeyPem } }).start();
  const authProxy = await new ConnectProxy({ aliases, requireCredentials: PROXY_CREDENTIALS }).start();
  const socks = await new Socks5Proxy({ aliases }).start();
  return {
    root,
    pki,
    apiserver,
    server: `https://127.0.0.1:${apiserver.port}`,
    port: apiserver.port,
    caData: Buffer.from(pki.caPem).toString('base64'),
    hostAlias: hostname().toLowerCase(),
    proxy,
    tlsProxy,
    authProxy,
    socks,
    trustStoreWithCa: writeFile(join(root, 'trust', 'with-ca.pem'), pki.caPem),
    trustStoreWithoutCa: writeFile(join(root, 'trust', 'without-ca.pem'), pki.otherCaPem),
  };
}

export async function stopCompatFixture(fixture: CompatFixture): Promise<void> {
  await Promise.all([fixture.apiserver.close(), fixture.proxy.close(), fixture.tlsProxy.close(), fixture.authProxy.close(), fixture.socks.close()]);
  rmSync(fixture.root, { recursive: true, force: true });
}

function uniqueRecords(records: readonly ProxyRecord[]): ProxyRecord[] {
  const seen = new Set<string>();
  return records.filter((record) => {
    const key = JSON.stringify(record);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export type CompatClient = 'tokentui' | 'kubectl';

export const LIST_PATH = '/api/v1/namespaces/kube-system/secrets?fieldSelector=type%3Dbootstrap.kubernetes.io%2Ftoken';

function kubectlPath(): string {
  const path = process.env.TOKENTUI_KUBECTL;
  if (path === undefined || path === '') throw new Error('TOKENTUI_KUBECTL is not set: run through scripts/k8s/with-cluster.sh (it unpacks kubectl 1.20.2)');
  return path;
}

/** Runs `tokentui list -o json` or `kubectl get --raw LIST` for the row, in a home of its own. */
export function runClient(fixture: CompatFixture, client: CompatClient, rowDir: string, setup: RowSetup): Promise<RowRun> {
  const requestsBefore = fixture.apiserver.requests.length;
  const proxyLogs = [fixture.proxy, fixture.tlsProxy, fixture.authProxy, fixture.socks].map((proxy) => ({ proxy, before: proxy.requests.length }));
  const home = join(rowDir, `home-${client}`);
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of SCRUBBED) delete env[name];
  Object.assign(env, {
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_STATE_HOME: join(home, '.state'),
    TOKENTUI_SYSTEM_KUBECONFIGS: '',
    KUBECONFIG: setup.kubeconfigs.join(':'),
    PATH: `${join(rowDir, 'bin')}:${process.env.PATH ?? ''}`,
    NO_COLOR: '1',
    ...setup.env,
  });
  const [file, args] = client === 'tokentui' ? [process.execPath, [cliPath, 'list', '-o', 'json']] : [kubectlPath(), ['get', '--raw', LIST_PATH, '--request-timeout=20s']];
  const started = performance.now();
  return new Promise((resolve) => {
    execFile(file, args, { env, timeout: 60_000, maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      resolve({
        code,
        stdout,
        stderr,
        elapsedMs: performance.now() - started,
        requests: fixture.apiserver.requests.slice(requestsBefore),
        // One record per distinct request: tokentui opens a connection for the LIST and one for /version at once.
        proxied: uniqueRecords(proxyLogs.flatMap(({ proxy, before }) => proxy.requests.slice(before))),
      });
    });
  });
}

export type Identity = Omit<IdentityRecord, 'method' | 'path'>;

export type Expectation =
  | { readonly ok: true; readonly identity: Identity; readonly proxied?: readonly ProxyRecord[] }
  | {
      readonly ok: false;
      readonly stderr: RegExp;
      readonly proxied?: readonly ProxyRecord[];
      /** The whole run, start to exit. */
      readonly withinMs?: number;
      /** Requests reached the apiserver before the failure (default: none did). */
      readonly reached?: boolean;
    };

/** One kubeconfig shape: its files, what the apiserver (and proxy) must see, and whether kubectl 1.20 can run it too. */
export interface CompatRow {
  readonly name: string;
  /** kubectl 1.20.2 runs the same row and must send the same (false: it lacks the feature, or differs on purpose). */
  readonly kubectl: boolean;
  setup(fixture: CompatFixture, dir: string): RowSetup;
  expect(fixture: CompatFixture, dir: string): Expectation;
  /** Row-specific checks after both clients ran (kubectl's run is absent when it does not run the row). */
  check?(fixture: CompatFixture, dir: string, tokentui: RowRun, kubectl: RowRun | undefined): void;
}

/** What identifies a client's token LIST: credential, certificate, SNI and impersonation. */
export function listIdentity(run: RowRun): Omit<IdentityRecord, 'method' | 'path'> | undefined {
  const list = run.requests.find((request) => request.path === '/api/v1/namespaces/kube-system/secrets');
  if (list === undefined) return undefined;
  const { method: _method, path: _path, ...identity } = list;
  return identity;
}
