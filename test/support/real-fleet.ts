// Helpers for test/real/fleet-*.test.ts: the fleet started by scripts/k8s/with-clusters.sh 3 (three
// real control planes fleet-1..fleet-3 in one kubeconfig, the reference REST server saved as
// fleet-rest). Run them through `npm run test:fleet` (or npm test).
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent } from 'undici';
import { cliPath, type CliResult } from './run-cli.ts';

export interface FleetCluster {
  /** The kubeconfig context naming it: fleet-1.. */
  readonly context: string;
  readonly state: string;
  readonly server: string;
  readonly adminKubeconfig: string;
  readonly ca: string;
}

export interface RealFleet {
  readonly clusters: readonly FleetCluster[];
  readonly restContext: 'fleet-rest';
  readonly restUrl: string;
  readonly restKey: string;
  readonly kubeconfig: string;
  readonly configHome: string;
  readonly bin: string;
  readonly scripts: string;
}

function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: fleet tests run through scripts/k8s/with-clusters.sh 3 (npm run test:fleet)`);
  return value;
}

let cached: RealFleet | undefined;

export function realFleet(): RealFleet {
  if (cached !== undefined) return cached;
  const dir = requireEnv('TOKENTUI_FLEET_DIR');
  const count = Number(requireEnv('TOKENTUI_FLEET_N'));
  const clusters = Array.from({ length: count }, (_unused, index): FleetCluster => {
    const state = join(dir, `c${index + 1}`);
    const port = /APISERVER_PORT=(\d+)/.exec(readFileSync(join(state, 'cluster.vars'), 'utf8'))?.[1];
    return {
      context: `fleet-${index + 1}`,
      state,
      server: `https://127.0.0.1:${port}`,
      adminKubeconfig: join(state, 'admin.kubeconfig'),
      ca: readFileSync(join(state, 'certs', 'apiserver.crt'), 'utf8'),
    };
  });
  cached = {
    clusters,
    restContext: 'fleet-rest',
    restUrl: requireEnv('TOKENTUI_FLEET_REST_URL'),
    restKey: requireEnv('TOKENTUI_FLEET_REST_KEY'),
    kubeconfig: requireEnv('TOKENTUI_FLEET_KUBECONFIG'),
    configHome: requireEnv('TOKENTUI_FLEET_CONFIG_HOME'),
    bin: requireEnv('TOKENTUI_K8S_BIN'),
    scripts: join(import.meta.dirname, '../../scripts/k8s'),
  };
  return cached;
}

export function cluster(index: number): FleetCluster {
  const found = realFleet().clusters[index];
  if (found === undefined) throw new Error(`no fleet cluster ${index}`);
  return found;
}

function exec(file: string, args: readonly string[], env: NodeJS.ProcessEnv, input?: string): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = execFile(file, [...args], { env, maxBuffer: 64 << 20, timeout: 90_000 }, (error, stdout, stderr) => {
      const code = error && typeof error.code === 'number' ? error.code : error ? 1 : 0;
      resolve({ code, stdout, stderr });
    });
    child.stdin?.end(input ?? '');
  });
}

const stateHome = mkdtempSync(join(tmpdir(), 'tokentui-fleet-state-'));

/** The environment a user of the fleet has: its kubeconfig, its config.json, the REST key's variable. */
export function fleetEnv(): NodeJS.ProcessEnv {
  const fleet = realFleet();
  return {
    ...process.env,
    KUBECONFIG: fleet.kubeconfig,
    XDG_CONFIG_HOME: fleet.configHome,
    XDG_STATE_HOME: stateHome,
    TOKENTUI_SYSTEM_KUBECONFIGS: '',
    TOKENTUI_FLEET_REST_KEY: fleet.restKey,
  };
}

export function fleetStateHome(): string {
  return stateHome;
}

/** dist/cli.js in the fleet's environment; `input` is its stdin (closed when given or not). */
export function fleetCli(args: readonly string[], input?: string, env: NodeJS.ProcessEnv = fleetEnv()): Promise<CliResult> {
  return exec(process.execPath, [cliPath, ...args], env, input);
}

/** The real kubeadm 1.20.2 against cluster `index`. */
export function fleetKubeadm(index: number, args: readonly string[]): Promise<CliResult> {
  return exec(join(realFleet().bin, 'kubeadm'), [...args, '--kubeconfig', cluster(index).adminKubeconfig], process.env);
}

/** scripts/k8s/apiserver.sh stop|start for cluster `index` only. */
export function apiserver(index: number, action: 'stop' | 'start'): Promise<CliResult> {
  return exec('bash', [join(realFleet().scripts, 'apiserver.sh'), action], { ...process.env, TOKENTUI_K8S_STATE: cluster(index).state });
}

const dispatchers = new Map<number, Agent>();

/** An undici dispatcher trusting only cluster `index`'s CA. */
function dispatcherFor(index: number): Agent {
  let dispatcher = dispatchers.get(index);
  if (dispatcher === undefined) {
    dispatcher = new Agent({ connect: { ca: cluster(index).ca } });
    dispatchers.set(index, dispatcher);
  }
  return dispatcher;
}

/** The HTTP status cluster `index`'s apiserver gives `bearer` on /api (200 live, 401 not). */
export async function bearerStatus(index: number, bearer: string): Promise<number> {
  const response = await fetch(`${cluster(index).server}/api`, { headers: { Authorization: `Bearer ${bearer}` }, dispatcher: dispatcherFor(index) } as RequestInit);
  await response.arrayBuffer();
  return response.status;
}

/** Secrets named bootstrap-token-* in cluster `index` (admin, straight from the apiserver). */
export async function bootstrapSecretNames(index: number): Promise<string[]> {
  const adminToken = /token: (\S+)/.exec(readFileSync(cluster(index).adminKubeconfig, 'utf8'))?.[1] ?? '';
  const response = await fetch(`${cluster(index).server}/api/v1/namespaces/kube-system/secrets`, { headers: { Authorization: `Bearer ${adminToken}` }, dispatcher: dispatcherFor(index) } as RequestInit);
  const body = (await response.json()) as { items: { metadata: { name: string } }[] };
  return body.items.map((item) => item.metadata.name).filter((name) => name.startsWith('bootstrap-token-')).sort();
}
