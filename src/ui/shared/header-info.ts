// What the header's first line says about where the TUI is connected: fixed for one App.
import type { AdapterId } from '../../adapters/contract.ts';

export interface HeaderInfo {
  readonly contextLabel: string;
  readonly adapterId: AdapterId;
  readonly server: string;
  /** Whom the requests act as (kubeconfig impersonation). */
  readonly actingAs?: string;
  readonly readonly: boolean;
  readonly demo: boolean;
}

/** `tokentui · prod as alice · kubeadm · https://10.0.0.1:6443`; a target named by its URL alone (--server) is not said twice. */
export function targetLine(info: HeaderInfo): string {
  const server = info.server === info.contextLabel ? '' : ` · ${info.server}`;
  return `tokentui · ${info.contextLabel}${info.actingAs === undefined ? '' : ` as ${info.actingAs}`} · ${info.adapterId}${server}`;
}
