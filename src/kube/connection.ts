// A resolved kubeconfig context: everything needed to reach one apiserver.
// Produced by src/config/kubeconfig.ts, consumed by src/kube/client.ts.

export interface ExecCredentialConfig {
  readonly command: string;
  readonly args: readonly string[];
  readonly env: readonly { readonly name: string; readonly value: string }[];
  readonly apiVersion: string;
  /** Directory relative command paths resolve against (the kubeconfig file's directory). */
  readonly baseDir: string;
}

export type KubeAuth =
  | { readonly type: 'none' }
  | { readonly type: 'token'; readonly token: string }
  | { readonly type: 'token-file'; readonly path: string }
  | { readonly type: 'basic'; readonly username: string; readonly password: string }
  | { readonly type: 'exec'; readonly exec: ExecCredentialConfig };

export interface KubeConnection {
  readonly contextName: string;
  readonly clusterName: string;
  readonly userName: string;
  /** e.g. https://127.0.0.1:6443 (no trailing slash). */
  readonly server: string;
  /** Concatenated PEM certificates to trust; undefined = system trust store. */
  readonly caPem?: string;
  readonly insecureSkipTlsVerify: boolean;
  readonly tlsServerName?: string;
  readonly clientCertPem?: string;
  readonly clientKeyPem?: string;
  readonly auth: KubeAuth;
  /** The kubeconfig file the context came from (for error messages). */
  readonly sourceFile: string;
}
