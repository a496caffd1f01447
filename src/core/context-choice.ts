// A context the TUI's `:ctx` can switch to, as the command line lists them: one shape shared by
// the command line (which reads config.json and the kubeconfigs) and the TUI (which shows them).

export interface ContextChoice {
  readonly name: string;
  readonly kind: 'saved' | 'discovered' | 'demo';
  /** null: detected when connecting (a kubeconfig context). */
  readonly adapter: string | null;
  readonly server: string | null;
  /** The remembered current context (config.json's, else the kubeconfig's). */
  readonly current: boolean;
}
