// The lxd adapter's registry entry: an LXD or Incus daemon, reached over its unix socket or over
// HTTPS with lxc's client certificate (target.ts). Loaded lazily: the adapter's modules (and `ws`,
// on its first watch) never load when another adapter lists. No detection: no other adapter
// shares this target kind, and LXD or Incus is told from the daemon's own GET /1.0 answer.
import type { AdapterDefinition } from '../definition.ts';
import { LXD_CREATE_FIELDS } from './create-fields.ts';
import type { LxdSettings } from './settings.ts';
import { lxdTarget, type LxdTarget } from './target.ts';

export const lxdDefinition: AdapterDefinition<LxdTarget, LxdSettings> = {
  id: 'lxd',
  title: 'LXD / Incus cluster join tokens and trust tokens (REST API over the unix socket or HTTPS)',
  target: lxdTarget,
  createFields: LXD_CREATE_FIELDS,
  settings: (target) => ({ adapter: 'lxd', ...target }),
  open: async (settings, deps) => (await import('./index.ts')).createLxdAdapter(settings, deps),
};
