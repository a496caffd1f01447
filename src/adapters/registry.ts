// The one registry of adapters. Adding an adapter = a folder under src/adapters/<id>,
// one entry here, and test/adapters/<id>.conformance.test.ts (test/adapters/registry.test.ts checks all three).
import type { AdapterDeps, AdapterId, TokenAdapter } from './contract.ts';
import type { KubeConnection } from '../kube/connection.ts';
import { createKubeadmAdapter } from './kubeadm/index.ts';
import { createK3sAdapter } from './k3s/index.ts';

export type AdapterSettings =
  | { readonly adapter: 'kubeadm'; readonly kube: KubeConnection }
  /** `supervisor` defaults to the kubeconfig server (k3s serves both on one port). */
  | { readonly adapter: 'k3s'; readonly kube: KubeConnection; readonly supervisor?: string }
  | { readonly adapter: 'rest'; readonly context: string; readonly server: string; readonly apiKey: string };

type SettingsFor<K extends AdapterId> = Extract<AdapterSettings, { adapter: K }>;

export interface AdapterDefinition<K extends AdapterId> {
  readonly id: K;
  readonly title: string;
  /** The rest adapter is loaded lazily: it brings ky, whose first use loads Node's undici. */
  readonly load: () => Promise<(settings: SettingsFor<K>, deps: AdapterDeps) => TokenAdapter | Promise<TokenAdapter>>;
}

export const adapterRegistry: { readonly [K in AdapterId]: AdapterDefinition<K> } = {
  kubeadm: {
    id: 'kubeadm',
    title: 'kubeadm bootstrap tokens (Kubernetes API)',
    load: async () => createKubeadmAdapter,
  },
  k3s: {
    id: 'k3s',
    title: 'k3s bootstrap tokens and server token (Kubernetes API + k3s supervisor)',
    load: async () => createK3sAdapter,
  },
  rest: {
    id: 'rest',
    title: 'REST token contract',
    load: async () => (await import('./rest/index.ts')).createRestAdapter,
  },
};

export const adapterIds = Object.keys(adapterRegistry) as AdapterId[];

export function isAdapterId(value: string): value is AdapterId {
  return Object.hasOwn(adapterRegistry, value);
}

export async function createAdapter(settings: AdapterSettings, deps: AdapterDeps): Promise<TokenAdapter> {
  const definition = adapterRegistry[settings.adapter] as AdapterDefinition<AdapterId>;
  const factory = (await definition.load()) as (s: AdapterSettings, d: AdapterDeps) => TokenAdapter | Promise<TokenAdapter>;
  return factory(settings, deps);
}
