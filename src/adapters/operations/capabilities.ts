// The one check that an adapter offers an optional operation: its capability is declared AND
// the method (or, for the server token, the capability object) exists (the contract promises both together; this guard narrows the type, so no
// caller needs `adapter.revoke!` or re-checks the pair by hand).
import type { AdapterCapabilities, TokenAdapter } from '../contract.ts';

/** Each optional method of the contract and the capability that promises it. */
export const OPTIONAL_METHODS = {
  create: (capabilities: AdapterCapabilities) => capabilities.create,
  revoke: (capabilities: AdapterCapabilities) => capabilities.revoke,
  impact: (capabilities: AdapterCapabilities) => capabilities.impactPreview,
  makeDefault: (capabilities: AdapterCapabilities) => capabilities.makeDefault,
  joinCommand: (capabilities: AdapterCapabilities) => capabilities.joinCommand,
  joinCommandShape: (capabilities: AdapterCapabilities) => capabilities.joinCommandShape,
  watch: (capabilities: AdapterCapabilities) => capabilities.watch,
  serverToken: (capabilities: AdapterCapabilities) => capabilities.serverTokenRotation,
  setServerTtl: (capabilities: AdapterCapabilities) => capabilities.ttl.serverSetting?.changeable === true,
  checkSecret: (capabilities: AdapterCapabilities) => capabilities.secretCheck === true,
} as const satisfies { readonly [method in OptionalMethod]: (capabilities: AdapterCapabilities) => boolean };

export type OptionalMethod = 'create' | 'revoke' | 'impact' | 'makeDefault' | 'joinCommand' | 'joinCommandShape' | 'watch' | 'serverToken' | 'setServerTtl' | 'checkSecret';

/** An adapter known to offer `method`. */
export type AdapterWith<M extends OptionalMethod> = TokenAdapter & Required<Pick<TokenAdapter, M>>;

export function supports<M extends OptionalMethod>(adapter: TokenAdapter, method: M): adapter is AdapterWith<M> {
  return OPTIONAL_METHODS[method](adapter.capabilities) && adapter[method] !== undefined;
}
