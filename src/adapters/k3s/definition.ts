// The k3s adapter's registry entry: a kubeconfig context, like the default adapter's, told apart
// by k3s's own kubeconfig path or by one GET /version ('+k3s' in gitVersion, detect.ts).
import type { KubeConnection } from '../../kube/connection.ts';
import type { AdapterDefinition } from '../definition.ts';
import { kubeconfigTarget } from '../kubeconfig-target.ts';
import { flavourFromKubeconfig } from './detect.ts';
import { openDetectedKubeAdapter } from './detected-adapter.ts';
import { createK3sAdapter, type K3sSettings } from './index.ts';

export const k3sDefinition: AdapterDefinition<KubeConnection, K3sSettings> = {
  id: 'k3s',
  title: 'k3s bootstrap tokens and server token (Kubernetes API + k3s supervisor)',
  target: kubeconfigTarget,
  settings: (kube) => ({ adapter: 'k3s', kube }),
  open: async (settings, deps) => createK3sAdapter(settings, deps),
  detect: {
    fromTarget: (kube) => (flavourFromKubeconfig(kube)?.flavour === 'k3s' ? true : null),
    open: openDetectedKubeAdapter,
  },
};
