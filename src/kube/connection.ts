// A resolved kubeconfig context: everything needed to reach one apiserver.
// Produced by src/kube/kubeconfig-resolve.ts, consumed by src/kube/client.ts.

/** client-go's interactiveMode: whether an exec plugin may use the terminal. */
export type ExecInteractiveMode = 'Never' | 'IfAvailable' | 'Always';

/** ExecCredential spec.cluster, for plugins with provideClusterInfo (GKE's, for one). */
export interface ExecClusterInfo {
  /** The server exactly as the kubeconfig writes it. */
  readonly server: string;
  readonly 'tls-server-name'?: string;
  readonly 'insecure-skip-tls-verify'?: boolean;
  /** Base64 of the CA bundle, whether the kubeconfig had it inline or as a file. */
  readonly 'certificate-authority-data'?: string;
  readonly 'proxy-url'?: string;
  /** The cluster's `client.authentication.k8s.io/exec` extension. */
  readonly config?: unknown;
}

export interface ExecCredentialConfig {
  readonly command: string;
  readonly args: readonly string[];
  readonly env: readonly { readonly name: string; readonly value: string }[];
  readonly apiVersion: string;
  /** Directory relative command paths resolve against (the kubeconfig file's directory). */
  readonly baseDir: string;
  readonly interactiveMode: ExecInteractiveMode;
  /** Shown when the command is not installed. */
  readonly installHint?: string;
  /** Set when the kubeconfig asks for provideClusterInfo. */
  readonly cluster?: ExecClusterInfo;
  /** The kubeconfig user, for messages. */
  readonly userName: string;
}

export type KubeAuth =
  | { readonly type: 'none' }
  | { readonly type: 'token'; readonly token: string }
  | { readonly type: 'token-file'; readonly path: string }
  | { readonly type: 'basic'; readonly username: string; readonly password: string }
  | { readonly type: 'exec'; readonly exec: ExecCredentialConfig }
  /** The oidc auth-provider's id-token, sent while it is valid; never refreshed here. */
  | { readonly type: 'oidc'; readonly idToken: string; readonly expiresAtMs: number | undefined; readonly canRefresh: boolean };

/** Who the requests act as (Impersonate-* headers), from the user's as / as-uid / as-groups / as-user-extra. */
export interface KubeImpersonation {
  readonly user: string;
  readonly uid?: string;
  readonly groups: readonly string[];
  readonly extra: Readonly<Record<string, readonly string[]>>;
}

/** The proxy every request to this server goes through. */
export interface KubeProxy {
  /** http:, https: or socks5:, possibly with user:password (never print it: see proxyLabel). */
  readonly url: string;
  /** Where it came from: `proxy-url` of the cluster, or the environment variable's name. */
  readonly origin: string;
}

export interface KubeConnection {
  readonly contextName: string;
  readonly clusterName: string;
  readonly userName: string;
  /** e.g. https://127.0.0.1:6443 (no trailing slash). */
  readonly server: string;
  /** Concatenated PEM certificates to trust; undefined = the OS trust store (system-trust.ts). */
  readonly caPem?: string;
  readonly insecureSkipTlsVerify: boolean;
  readonly tlsServerName?: string;
  readonly clientCertPem?: string;
  readonly clientKeyPem?: string;
  readonly auth: KubeAuth;
  /** Undefined: the requests act as the credential's own identity. */
  readonly impersonate?: KubeImpersonation;
  /** Undefined: direct connection. */
  readonly proxy?: KubeProxy;
  /** The kubeconfig file the context came from (for error messages). */
  readonly sourceFile: string;
}

/** An adapter's target (src/adapters/contract.ts AdapterTarget): the context, server and whom it acts as. */
export function kubeTarget(connection: KubeConnection): { context: string; server: string; actingAs?: string } {
  const { contextName: context, server, impersonate } = connection;
  return impersonate === undefined ? { context, server } : { context, server, actingAs: impersonate.user };
}
