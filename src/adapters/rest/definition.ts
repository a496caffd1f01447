// The rest adapter's registry entry: a token service's URL and API key (target.ts). Loaded
// lazily: it brings ky, whose first use loads Node's undici, which no kubeconfig target needs.
import type { AdapterDefinition } from '../definition.ts';
import { REST_CREATE_FIELDS } from './create-fields.ts';
import type { RestSettings } from './index.ts';
import { serviceTarget, type ServiceTarget } from './target.ts';

export const restDefinition: AdapterDefinition<ServiceTarget, RestSettings> = {
  id: 'rest',
  title: 'REST token contract',
  target: serviceTarget,
  createFields: REST_CREATE_FIELDS,
  settings: (target) => ({ adapter: 'rest', ...target }),
  open: async (settings, deps) => (await import('./index.ts')).createRestAdapter(settings, deps),
};
