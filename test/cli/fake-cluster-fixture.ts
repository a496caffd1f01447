// The set-up most command tests share: the fake apiserver and a kubeconfig for it for the whole
// file, a private XDG_STATE_HOME (audit and rotation journals) per file or fresh per test, and
// the environment that points the CLI at both. Registers its own hooks, so call it at the top
// level of a test file, before the file's own beforeAll/beforeEach.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { removeScratch } from '../support/at-rest.ts';
import { startFakeApiserver, type FakeApiserver } from '../support/fake-apiserver.ts';
import { tempStateHome } from './command-harness.ts';
import { writeKubeconfig, type KubeconfigFixture } from './harness.ts';

export interface FakeClusterFixture {
  readonly apiserver: FakeApiserver;
  readonly kubeconfig: KubeconfigFixture;
  readonly state: ReturnType<typeof tempStateHome>;
  /** The CLI's environment: the kubeconfig, and the state home (this fixture's, unless given). */
  env(stateHome?: string): Record<string, string | undefined>;
}

export interface FakeClusterOptions {
  readonly freshStatePerTest?: boolean;
  /** Serve HTTPS (the kubeconfig trusts its CA), so the CLI asks /version as on a real cluster. */
  readonly tls?: boolean;
}

export function useFakeCluster(options: FakeClusterOptions = {}): FakeClusterFixture {
  let apiserver: FakeApiserver | undefined;
  let kubeconfig: KubeconfigFixture | undefined;
  let state: ReturnType<typeof tempStateHome> | undefined;
  const ready = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`useFakeCluster: ${what} is not set up yet (use it inside a test or hook)`);
    return value;
  };
  beforeAll(async () => {
    apiserver = await startFakeApiserver({ tls: options.tls === true });
    kubeconfig = writeKubeconfig(apiserver);
    if (options.freshStatePerTest !== true) state = tempStateHome();
  });
  if (options.freshStatePerTest === true) {
    beforeEach(() => {
      state?.remove();
      state = tempStateHome();
    });
  }
  afterAll(async () => {
    await apiserver?.close();
    kubeconfig?.remove();
    state?.remove();
  });
  return {
    get apiserver() {
      return ready(apiserver, 'the fake apiserver');
    },
    get kubeconfig() {
      return ready(kubeconfig, 'the kubeconfig');
    },
    get state() {
      return ready(state, 'the state home');
    },
    env(stateHome) {
      return { ...ready(kubeconfig, 'the kubeconfig').env, XDG_STATE_HOME: stateHome ?? ready(state, 'the state home').path };
    },
  };
}

/** kube-public/cluster-info with a freshly made CA, so join commands are built as on a kubeadm cluster. */
export function putClusterInfo(apiserver: FakeApiserver, server = 'https://10.0.0.1:6443'): void {
  const dir = mkdtempSync(join(tmpdir(), 'tokentui-ca-'));
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '1',
      '-subj', '/CN=kubernetes', '-keyout', join(dir, 'ca.key'), '-out', join(dir, 'ca.crt')], { stdio: 'ignore' });
    const caData = readFileSync(join(dir, 'ca.crt')).toString('base64');
    const clusterInfo = `apiVersion: v1\nkind: Config\nclusters:\n- name: ""\n  cluster:\n    server: ${server}\n    certificate-authority-data: ${caData}\n`;
    apiserver.put('configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cluster-info', namespace: 'kube-public' }, data: { kubeconfig: clusterInfo } });
  } finally {
    removeScratch(dir);
  }
}
