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
