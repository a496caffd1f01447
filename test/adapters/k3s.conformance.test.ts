// The shared adapter suite for k3s: against the real control plane when TOKENTUI_K8S_KUBECONFIG
// is set (scripts/k8s/with-cluster.sh sets it; it is no k3s, so the k3s adapter is forced and the
// K10 hash falls back to the kubeconfig CA), else against the in-process fake apiserver with the
// emulated k3s supervisor serving /cacerts.
import { createK3sAdapter } from '../../src/adapters/k3s/index.ts';
import { loadKubeconfig } from '../../src/kube/kubeconfig.ts';
import { resolveKubeConnection } from '../../src/kube/kubeconfig-resolve.ts';
import { systemClock } from '../../src/core/clock.ts';
import { describeAdapterConformance, type ConformanceSetup } from '../conformance/adapter-conformance.ts';
import { startFakeApiserver } from '../support/fake-apiserver.ts';
import { startK3sSupervisor } from '../support/k3s-supervisor.ts';
import { changeFakeTokenSecret, changeRealTokenSecret } from '../support/token-secret-change.ts';

const realKubeconfig = process.env['TOKENTUI_K8S_KUBECONFIG'];

async function againstRealControlPlane(kubeconfig: string): Promise<ConformanceSetup> {
  const kube = resolveKubeConnection(loadKubeconfig([kubeconfig], { mustExist: true }));
  const adapter = createK3sAdapter({ adapter: 'k3s', kube }, { clock: systemClock });
  return { adapter, clock: systemClock, changeToken: changeRealTokenSecret, cleanup: async () => adapter.close?.() };
}

async function againstFakeApiserver(): Promise<ConformanceSetup> {
  const [fake, supervisor] = await Promise.all([startFakeApiserver(), startK3sSupervisor()]);
  const adapter = createK3sAdapter({ adapter: 'k3s', kube: fake.connection, supervisor: supervisor.url }, { clock: systemClock });
  return {
    adapter,
    clock: systemClock,
    changeToken: (created) => changeFakeTokenSecret(fake, created),
    cleanup: async () => {
      await adapter.close?.();
      await Promise.all([fake.close(), supervisor.close()]);
    },
  };
}

if (realKubeconfig) {
  describeAdapterConformance('k3s (real control plane, forced)', () => againstRealControlPlane(realKubeconfig));
} else {
  describeAdapterConformance('k3s (fake apiserver + emulated supervisor)', againstFakeApiserver);
}
