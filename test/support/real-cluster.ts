// Helpers for tests under test/real that run against the real loopback control plane started by
// scripts/k8s/up.sh (kube-apiserver + etcd + kube-controller-manager 1.20.2). Run them through
//   bash scripts/k8s/with-cluster.sh npx vitest run --project real
// which exports the TOKENTUI_K8S_* variables read here.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Agent } from 'undici';

export interface RealCluster {
  /** https://127.0.0.1:<port> */
  server: string;
  /** kubeconfig of the admin user (group system:masters) */
  kubeconfig: string;
  /** kubeconfig of a user with no groups and no bindings: 403 on everything but discovery */
  nobodyKubeconfig: string;
  /** kubeconfig of a user who may only get/list/watch Secrets in kube-system */
  readerKubeconfig: string;
  /** path to the CA bundle (the apiserver's self-signed serving cert + its CA) */
  caFile: string;
  /** PEM contents of caFile */
  ca: string;
  /** directory holding kube-apiserver, kube-controller-manager and kubeadm */
  bin: string;
  /** state dir of the cluster (logs/, pids/, certs/, ...) */
  state: string;
  /** static bearer tokens from tokens.csv */
  tokens: { admin: string; nobody: string; reader: string };
}

function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(
      `${name} is not set: real-cluster tests must run through scripts/k8s/with-cluster.sh ` +
        '(e.g. `bash scripts/k8s/with-cluster.sh npx vitest run --project real`)',
    );
  }
  return value;
}

function loadRealCluster(): RealCluster {
  const caFile = requireEnv('TOKENTUI_K8S_CA');
  return {
    server: requireEnv('TOKENTUI_K8S_SERVER'),
    kubeconfig: requireEnv('TOKENTUI_K8S_KUBECONFIG'),
    nobodyKubeconfig: requireEnv('TOKENTUI_K8S_NOBODY_KUBECONFIG'),
    readerKubeconfig: requireEnv('TOKENTUI_K8S_READER_KUBECONFIG'),
    caFile,
    ca: readFileSync(caFile, 'utf8'),
    bin: requireEnv('TOKENTUI_K8S_BIN'),
    state: requireEnv('TOKENTUI_K8S_STATE'),
    tokens: {
      admin: requireEnv('TOKENTUI_K8S_ADMIN_TOKEN'),
      nobody: requireEnv('TOKENTUI_K8S_NOBODY_TOKEN'),
      reader: requireEnv('TOKENTUI_K8S_READER_TOKEN'),
    },
  };
}

let cached: RealCluster | undefined;

/**
 * The cluster started by scripts/k8s/with-cluster.sh (read from the TOKENTUI_K8S_* variables on
 * first call). Throws a clear error when the tests were not run through that script.
 */
export function realCluster(): RealCluster {
  cached ??= loadRealCluster();
  return cached;
}

let dispatcher: Agent | undefined;

/** An undici dispatcher that trusts only the cluster CA (pass it as `dispatcher` to fetch). */
export function clusterDispatcher(): Agent {
  dispatcher ??= new Agent({ connect: { ca: realCluster().ca } });
  return dispatcher;
}

export interface ExecResult {
  code: number;
  stdout: string;
  stderr: string;
}

function run(file: string, args: string[], env?: NodeJS.ProcessEnv, timeoutMs = 60_000): Promise<ExecResult> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { env: env ?? process.env, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') {
        // Could not start, or killed by the timeout: not an exit code.
        reject(new Error(`${file} ${args.join(' ')} failed: ${error.message}\n${stderr}`));
        return;
      }
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
    });
  });
}

/** Runs the real kubeadm 1.20.2 with `--kubeconfig <admin>`. Never rejects on a non-zero exit. */
export function kubeadm(args: string[]): Promise<ExecResult> {
  return run(`${realCluster().bin}/kubeadm`, [...args, '--kubeconfig', realCluster().kubeconfig]);
}

/** fetch() against the apiserver, trusting the cluster CA. Sends no credentials unless init does. */
export function clusterFetch(path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(new URL(path, realCluster().server), { ...init, dispatcher: clusterDispatcher() } as RequestInit);
}

/** fetch() against the apiserver as the admin user (bearer token, system:masters). */
export function adminFetch(path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set('Authorization', `Bearer ${realCluster().tokens.admin}`);
  if (init.body !== undefined && !headers.has('Content-Type')) headers.set('Content-Type', 'application/json');
  return clusterFetch(path, { ...init, headers });
}

/** The keys of kube-public/cluster-info: `jws-kubeconfig-<id>` appears once bootstrapsigner signed a token. */
export async function clusterInfoKeys(): Promise<string[]> {
  const response = await adminFetch('/api/v1/namespaces/kube-public/configmaps/cluster-info');
  if (response.status !== 200) throw new Error(`GET cluster-info: ${response.status}`);
  const configMap = (await response.json()) as { data?: Record<string, string> };
  return Object.keys(configMap.data ?? {});
}

/** Whether bootstrapsigner has signed cluster-info for token `id` (it does so asynchronously). */
export async function clusterInfoSigned(id: string): Promise<boolean> {
  return (await clusterInfoKeys()).includes(`jws-kubeconfig-${id}`);
}

/**
 * HTTP status of `GET /api` with `Authorization: Bearer <token>`: 200 for a valid bootstrap token,
 * 401 for a deleted/expired/wrong one. Note: kube-apiserver caches successful token authentications
 * for 10 s (not configurable in 1.20), so a deleted token can keep giving 200 for up to ~10 s.
 */
export async function bearerStatus(token: string): Promise<number> {
  const res = await clusterFetch('/api', { headers: { Authorization: `Bearer ${token}` } });
  await res.arrayBuffer();
  return res.status;
}

export interface WaitOptions {
  timeoutMs?: number;
  intervalMs?: number;
  /** included in the timeout error */
  description?: string;
}

/**
 * Polls fn until it returns a truthy value (which is returned). Throws from fn count as "not yet".
 * On timeout, throws with the last value or error.
 */
export async function waitFor<T>(fn: () => T | Promise<T>, opts: WaitOptions = {}): Promise<NonNullable<T>> {
  const { timeoutMs = 10_000, intervalMs = 200, description = 'condition' } = opts;
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await fn();
      if (value) return value as NonNullable<T>;
      last = value;
    } catch (error) {
      last = error;
    }
    if (Date.now() >= deadline) {
      const detail = last instanceof Error ? last.message : JSON.stringify(last);
      throw new Error(`waitFor: ${description} not met within ${timeoutMs} ms (last: ${detail})`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

const apiserverScript = fileURLToPath(new URL('../../scripts/k8s/apiserver.sh', import.meta.url));

/**
 * Stops (SIGTERM, SIGKILL after 2 s) or starts the kube-apiserver alone: same port, flags, etcd and
 * serving cert. `start` resolves once /readyz is 200.
 */
export async function apiserver(action: 'stop' | 'start'): Promise<void> {
  const env = { ...process.env, TOKENTUI_K8S_STATE: realCluster().state };
  const result = await run('bash', [apiserverScript, action], env, 60_000);
  if (result.code !== 0) {
    throw new Error(`scripts/k8s/apiserver.sh ${action} exited ${result.code}:\n${result.stderr}${result.stdout}`);
  }
}
