// The k3s adapter, or the other adapter of a kubeconfig context (the registry's default), for a
// context no flag pinned: one GET /version decides (detect.ts: cached per server, none for plain
// HTTP or k3s's own kubeconfig). The detection request goes through the transport the chosen
// adapter then keeps, so the list that follows reuses its TLS connection instead of opening a
// second one. Measured on loopback against the real control plane (in-process open + list,
// medians): 5.9 ms with --adapter, 7.3 ms detected on the shared connection, +6.4 ms with a
// separate detection connection; cached: no difference.
import type { AdapterDeps, TokenAdapter } from '../contract.ts';
import type { AdapterDefinition, OpenOptions } from '../definition.ts';
import type { KubeadmDeps } from '../kubeadm/index.ts';
import { createKubeClient } from '../../kube/client.ts';
import type { KubeConnection } from '../../kube/connection.ts';
import { KUBEADM_SOURCE } from '../kubeadm/secret-mapping.ts';
import { withTokenListSent } from '../kubeadm/tokens-api.ts';
import { K3S_SOURCE } from './cacerts.ts';
import { detectKubeFlavour } from './detect.ts';
import { createK3sAdapter, type K3sDeps } from './index.ts';
import { relabelKubeClient } from './relabel.ts';

/**
 * With `listSoon`, the token LIST goes out before /version: both flavours list the same Secrets,
 * so the answer is valid whichever adapter /version picks, and the apiserver builds it while
 * /version is answered and the adapter's code loads.
 */
export async function openDetectedKubeAdapter(
  kube: KubeConnection,
  deps: AdapterDeps,
  otherwise: AdapterDefinition<KubeConnection>,
  options: OpenOptions = {},
): Promise<TokenAdapter> {
  // Opened as the default adapter's transport, the usual answer; a k3s adapter gets it relabelled.
  const opened = createKubeClient(kube, { source: KUBEADM_SOURCE, maxResponseBytes: deps.limits?.maxResponseBytes });
  const soon = options.listSoon === true ? 'list' : options.listSoon;
  const client = soon === undefined || soon === false ? opened : withTokenListSent(opened, { fromCache: soon === 'watch' });
  const { flavour } = await detectKubeFlavour(client, deps.detections === undefined ? {} : { remembered: deps.detections });
  let adapter: TokenAdapter;
  try {
    if (flavour === 'k3s') {
      const k3sDeps: K3sDeps = { ...deps, kubeClient: relabelKubeClient(client, KUBEADM_SOURCE, K3S_SOURCE), ownsKubeClient: true };
      return createK3sAdapter({ adapter: 'k3s', kube }, k3sDeps);
    }
    const otherDeps: KubeadmDeps = { ...deps, kubeClient: client };
    adapter = await otherwise.open(otherwise.settings(kube), otherDeps);
  } catch (error) {
    // No adapter owns the transport yet (nor the LIST it may have sent): close it here.
    await opened.close();
    throw error;
  }
  // The other adapter leaves a transport it was given open: close it with the adapter.
  return {
    ...adapter,
    close: async () => {
      await adapter.close?.();
      await opened.close();
    },
  };
}
