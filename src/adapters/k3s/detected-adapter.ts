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
import { withTokenListSent } from '../kubeadm/tokens-api.ts';
import { K3S_SOURCE } from './cacerts.ts';
import { detectKubeFlavour } from './detect.ts';
import type { K3sDeps } from './index.ts';
import { relabelKubeClient } from './relabel.ts';

export interface DetectedAdapterOptions {
  /**
   * The caller's next step is list(): send the token LIST before /version. Both flavours list the
   * same Secrets, so the answer is valid whichever adapter /version picks, and the apiserver
   * builds it while /version is answered and the adapter's code loads.
   */
  readonly listSoon?: boolean;
}

export async function openDetectedKubeAdapter(kube: KubeConnection, clock: Clock, options: DetectedAdapterOptions = {}): Promise<TokenAdapter> {
  // Opened as kubeadm's transport, the usual answer; a k3s adapter gets it relabelled.
  const opened = createKubeClient(kube, { source: KUBEADM_SOURCE });
  const client = options.listSoon === true ? withTokenListSent(opened) : opened;
  const { flavour } = await detectKubeFlavour(client);
  let adapter: TokenAdapter;
  try {
    if (flavour === 'k3s') {
      const deps: K3sDeps = { clock, kubeClient: relabelKubeClient(client, KUBEADM_SOURCE, K3S_SOURCE), ownsKubeClient: true };
      return await createAdapter({ adapter: 'k3s', kube }, deps);
    }
    const deps: KubeadmDeps = { clock, kubeClient: client };
    adapter = await createAdapter({ adapter: 'kubeadm', kube }, deps);
  } catch (error) {
    // No adapter owns the transport yet (nor the LIST it may have sent): close it here.
    await opened.close();
    throw error;
  }
  // The kubeadm adapter leaves a transport it was given open: close it with the adapter.
  return {
    ...adapter,
    close: async () => {
      await adapter.close?.();
      await opened.close();
    },
  };
}
