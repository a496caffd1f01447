// The shared adapter suite for kubeadm: against the real control plane when
// TOKENTUI_K8S_KUBECONFIG is set (scripts/k8s/with-cluster.sh sets it), else against the
// in-process fake apiserver.
import { createKubeadmAdapter } from '../../src/adapters/kubeadm/index.ts';
import { loadKubeconfig } from '../../src/kube/kubeconfig.ts';
import { resolveKubeConnection } from '../../src/kube/kubeconfig-resolve.ts';
import { systemClock } from '../../src/core/clock.ts';
import { describeAdapterConformance, type ConformanceSetup } from '../conformance/adapter-conformance.ts';
import { startFakeApiserver } from '../support/fake-apiserver.ts';
import { changeFakeTokenSecret, changeRealTokenSecret } from '../support/token-secret-change.ts';

const realKubeconfig = process.env['TOKENTUI_K8S_KUBECONFIG'];

async function againstRealControlPlane(kubeconfig: string): Promise<ConformanceSetup> {
  const kube = resolveKubeConnection(loadKubeconfig([kubeconfig], { mustExist: true }));
  const adapter = createKubeadmAdapter({ adapter: 'kubeadm', kube }, { clock: systemClock });
  return { adapter, clock: systemClock, changeToken: changeRealTokenSecret, cleanup: async () => adapter.close?.() };
}

async function againstFakeApiserver(): Promise<ConformanceSetup> {
  // HTTPS: the join command pins the CA (a plain-HTTP fake has none to pin).
  const fake = await startFakeApiserver({ tls: true });
  const adapter = createKubeadmAdapter({ adapter: 'kubeadm', kube: fake.connection }, { clock: systemClock });
  return {
    adapter,
    clock: systemClock,
    changeToken: (created) => changeFakeTokenSecret(fake, created),
    cleanup: async () => {
      await adapter.close?.();
      await fake.close();
    },
  };
}

if (realKubeconfig) {
  describeAdapterConformance('kubeadm (real control plane)', () => againstRealControlPlane(realKubeconfig));
} else {
  describeAdapterConformance('kubeadm (fake apiserver)', againstFakeApiserver);
}
