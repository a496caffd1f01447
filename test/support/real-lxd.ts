// Helpers for tests against the real LXD daemon that scripts/lxd/with-lxd.sh starts (Debian's
// lxd 5.0.2, a private LXD_DIR, HTTPS on loopback, clustering enabled). Run them through
//   bash scripts/lxd/with-lxd.sh npx vitest run --project real test/real/lxd-tokens.test.ts
// which exports the TOKENTUI_LXD_* variables read here.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createLxdAdapter, type LxdDeps, type LxdTokenAdapter } from '../../src/adapters/lxd/index.ts';
import type { LxdSettings } from '../../src/adapters/lxd/settings.ts';
import { systemClock } from '../../src/core/clock.ts';

const run = promisify(execFile);

export interface RealLxd {
  readonly state: string;
  /** LXD_DIR of the daemon. */
  readonly dir: string;
  readonly socket: string;
  /** https://127.0.0.1:PORT */
  readonly url: string;
  readonly member: string;
  /** LXD_CONF of the local (unix socket) lxc client. */
  readonly conf: string;
  /** LXD_CONF of the second client, enrolled over HTTPS as remote `httpsRemote`. */
  readonly httpsConf: string;
  readonly httpsRemote: string;
  /** e.g. 2H, as set on the server. */
  readonly joinTokenExpiry: string;
}

function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set: real LXD tests run through scripts/lxd/with-lxd.sh (e.g. \`bash scripts/lxd/with-lxd.sh npx vitest run --project real\`)`);
  }
  return value;
}

/** Whether the run has a daemon (conformance files fall back to the fake without one). */
export function hasRealLxd(): boolean {
  return Boolean(process.env['TOKENTUI_LXD_SOCKET']);
}

export function realLxd(): RealLxd {
  return {
    state: requireEnv('TOKENTUI_LXD_STATE'),
    dir: requireEnv('TOKENTUI_LXD_DIR'),
    socket: requireEnv('TOKENTUI_LXD_SOCKET'),
    url: requireEnv('TOKENTUI_LXD_URL'),
    member: requireEnv('TOKENTUI_LXD_MEMBER'),
    conf: requireEnv('TOKENTUI_LXD_CONF'),
    httpsConf: requireEnv('TOKENTUI_LXD_HTTPS_CONF'),
    httpsRemote: requireEnv('TOKENTUI_LXD_HTTPS_REMOTE'),
    joinTokenExpiry: requireEnv('TOKENTUI_LXD_JOIN_TOKEN_EXPIRY'),
  };
}

export function unixSettings(lxd: RealLxd, context = 'real-lxd'): LxdSettings {
  return { adapter: 'lxd', context, endpoint: { kind: 'unix', socketPath: lxd.socket } };
}

/** HTTPS with the second client's certificate, pinned to the server certificate lxc saved. */
export function httpsSettings(lxd: RealLxd, context = 'real-lxd-https'): LxdSettings {
  const conf = lxd.httpsConf;
  return {
    adapter: 'lxd',
    context,
    endpoint: { kind: 'https', url: lxd.url, clientCertFile: join(conf, 'client.crt'), clientKeyFile: join(conf, 'client.key'), serverCertFile: join(conf, 'servercerts', `${lxd.httpsRemote}.crt`) },
  };
}

export function realLxdAdapter(settings: LxdSettings, deps: Partial<LxdDeps> = {}): Promise<LxdTokenAdapter> {
  return createLxdAdapter(settings, { clock: systemClock, ...deps });
}

/** Runs the real `lxc` as the local client (or with another LXD_CONF); rejects on a non-zero exit. */
export async function lxc(lxd: RealLxd, args: readonly string[], conf: string = lxd.conf): Promise<string> {
  const { stdout } = await run('lxc', [...args], { env: { ...process.env, LXD_DIR: lxd.dir, LXD_CONF: conf }, timeout: 60_000 });
  return stdout;
}

/** Runs a command line (a join or enroll command as tokentui prints it) in bash, as lxc's client `conf`. */
export async function shell(lxd: RealLxd, command: string, conf: string = lxd.conf, env: Record<string, string> = {}): Promise<string> {
  const { stdout } = await run('bash', ['-c', command], { env: { ...process.env, LXD_DIR: lxd.dir, LXD_CONF: conf, ...env }, timeout: 120_000 });
  return stdout;
}

export interface LxcTokenRow {
  readonly name: string;
  readonly token: string;
  readonly expiresAt: string;
}

/** `lxc cluster list-tokens` / `lxc config trust list-tokens` as rows (csv: name, token, expiry). */
export async function lxcTokens(lxd: RealLxd, kind: 'join' | 'trust'): Promise<LxcTokenRow[]> {
  const args = kind === 'join' ? ['cluster', 'list-tokens', '-f', 'csv'] : ['config', 'trust', 'list-tokens', '-f', 'csv'];
  return (await lxc(lxd, args))
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const [name = '', token = '', expiresAt = ''] = line.split(',');
      return { name, token, expiresAt };
    });
}

/** The token text `lxc cluster add NAME` (or `lxc config trust add --name NAME`) printed. */
export async function lxcAddToken(lxd: RealLxd, kind: 'join' | 'trust', name: string): Promise<string> {
  const out = kind === 'join' ? await lxc(lxd, ['cluster', 'add', name]) : await lxc(lxd, ['config', 'trust', 'add', '--name', name]);
  return out.trim().split('\n').at(-1)!.trim();
}

/** The live trust token operations for client `name` as the real LXD holds them (`lxc query`): their restriction. */
export async function lxdTrustRequests(lxd: RealLxd, name: string): Promise<{ restricted: boolean; projects: string[] }[]> {
  type Request = { name: string; restricted: boolean; projects: string[] };
  const byStatus = JSON.parse(await lxc(lxd, ['query', '/1.0/operations?recursion=1'])) as Record<string, { class: string; status: string; metadata: { request?: Request } | null }[] | null>;
  // Ended operations (a revoked token's: Cancelled) stay listed for a while; only a running one is a token.
  return Object.values(byStatus)
    .flatMap((operations) => operations ?? [])
    .filter((operation) => operation.class === 'token' && operation.status === 'Running' && operation.metadata?.request?.name === name)
    .map((operation) => ({ restricted: operation.metadata!.request!.restricted, projects: operation.metadata!.request!.projects }));
}
