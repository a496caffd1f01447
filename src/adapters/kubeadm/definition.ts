// The kubeadm adapter's registry entry: a kubeconfig context (src/adapters/kubeconfig-target.ts),
// the default for one when nothing says it is another kind of cluster.
import type { KubeConnection } from '../../kube/connection.ts';
import type { AdapterDefinition } from '../definition.ts';
import { kubeconfigTarget } from '../kubeconfig-target.ts';
import { createKubeadmAdapter, type KubeadmSettings } from './index.ts';

export const kubeadmDefinition: AdapterDefinition<KubeConnection, KubeadmSettings> = {
  id: 'kubeadm',
  title: 'kubeadm bootstrap tokens (Kubernetes API)',
  target: kubeconfigTarget,
  settings: (kube) => ({ adapter: 'kubeadm', kube }),
  // Static: the kube adapters are on `tokentui list`'s path, and one bundle file is cheaper than two.
  open: async (settings, deps) => createKubeadmAdapter(settings, deps),
};
