// What a mutating command acted on: the context, the adapter and the server, printed and put in
// its JSON, because `:ctx` in the TUI changes the CLI's default target and a script's log must
// say which cluster a revoke went to.
import type { TokenAdapter } from '../adapters/contract.ts';
import { printable } from './output.ts';

export interface ActedOn {
  readonly context: string;
  readonly adapter: string;
  readonly server: string;
}

export function actedOn(adapter: Pick<TokenAdapter, 'id' | 'target'>): ActedOn {
  return { context: adapter.target.context, adapter: adapter.id, server: adapter.target.server };
}

/** `Target: context kind-admin (kubeadm, https://127.0.0.1:6443)`, one line. */
export function actedOnLine(adapter: Pick<TokenAdapter, 'id' | 'target'>): string {
  return targetLine(actedOn(adapter));
}

export function targetLine({ context, adapter, server }: ActedOn): string {
  return `${printable(`Target: context ${context} (${adapter}, ${server})`)}\n`;
}
