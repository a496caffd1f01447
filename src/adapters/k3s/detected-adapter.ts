// The kubeadm or k3s adapter for a kubeconfig context no flag pinned, after one GET /version
// (detect.ts: cached per server, none for plain HTTP or k3s's own kubeconfig). The detection
// request goes through the transport the chosen adapter then keeps, so the list that follows
// reuses its TLS connection instead of opening a second one. Measured on loopback against the
// real control plane (in-process open + list, medians): 5.9 ms with --adapter, 7.3 ms detected on
// the shared connection, +6.4 ms with a separate detection connection; cached: no difference.
import type { TokenAdapter } from '../contract.ts';
import type { KubeadmDeps } from '../kubeadm/index.ts';
import { createAdapter } from '../registry.ts';
import type { Clock } from '../../core/clock.ts';
import { createKubeClient } from '../../kube/client.ts';
import type { KubeConnection } from '../../kube/connection.ts';
import { KUBEADM_SOURCE } from '../kubeadm/secret-mapping.ts';
import { K3S_SOURCE } from './cacerts.ts';
import { detectKubeFlavour } from './detect.ts';
import type { K3sDeps } from './index.ts';
import { relabelKubeClient } from './relabel.ts';

export async function openDetectedKubeAdapter(kube: KubeConnection, clock: Clock): Promise<TokenAdapter> {
  // Opened as kubeadm's transport, the usual answer; a k3s adapter gets it relabelled.
  const client = createKubeClient(kube, { source: KUBEADM_SOURCE });
  const { flavour } = await detectKubeFlavour(client);
  if (flavour === 'k3s') {
    const deps: K3sDeps = { clock, kubeClient: relabelKubeClient(client, KUBEADM_SOURCE, K3S_SOURCE), ownsKubeClient: true };
    return createAdapter({ adapter: 'k3s', kube }, deps);
  }
  const deps: KubeadmDeps = { clock, kubeClient: client };
  const adapter = await createAdapter({ adapter: 'kubeadm', kube }, deps);
  // The kubeadm adapter leaves a transport it was given open: close it with the adapter.
  return {
    ...adapter,
    close: async () => {
      await adapter.close?.();
      await client.close();
    },
  };
}
