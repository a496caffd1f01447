// A kubeconfig user -> how requests authenticate and whom they act as, with client-go's rules:
// tokenFile over token, one of token or basic auth, exec plugins (v1 needs interactiveMode,
// v1beta1 defaults to IfAvailable), the oidc auth-provider's id-token, and impersonation.
import { dirname, resolve } from 'node:path';
import { TokenTuiError } from '../core/errors.ts';
import type { KubeconfigEntry, KubeconfigExec, KubeconfigImpersonation, KubeconfigUser } from './kubeconfig-file.ts';
import type { ExecClusterInfo, ExecInteractiveMode, KubeAuth, KubeImpersonation } from './connection.ts';
import { idTokenExpiryMs } from './oidc-token.ts';

const EXEC_V1 = 'client.authentication.k8s.io/v1';
const EXEC_V1BETA1 = 'client.authentication.k8s.io/v1beta1';
const SUPPORTED_EXEC_API_VERSIONS = [EXEC_V1, EXEC_V1BETA1];
const INTERACTIVE_MODES: readonly ExecInteractiveMode[] = ['Never', 'IfAvailable', 'Always'];

/** Providers kubectl dropped, and what replaced each. */
const REMOVED_AUTH_PROVIDERS: Readonly<Record<string, string>> = {
  gcp: 'gke-gcloud-auth-plugin (an exec plugin; `gcloud components install gke-gcloud-auth-plugin`, then `gcloud container clusters get-credentials` rewrites the user)',
  azure: 'kubelogin (an exec plugin; `kubelogin convert-kubeconfig` rewrites the user)',
};

function usage(message: string, hint?: string): TokenTuiError {
  return new TokenTuiError('usage', message, { hint });
}

function interactiveMode(exec: KubeconfigExec, apiVersion: string, owner: string): ExecInteractiveMode {
  const mode = exec.interactiveMode;
  if (mode === undefined) {
    // client-go: required from v1 on; v1beta1 plugins may prompt when a terminal is there.
    if (apiVersion === EXEC_V1) throw usage(`${owner}: exec.interactiveMode is required with ${EXEC_V1} (Never, IfAvailable or Always)`);
    return 'IfAvailable';
  }
  if (!(INTERACTIVE_MODES as readonly string[]).includes(mode)) throw usage(`${owner}: exec.interactiveMode "${mode}" is not Never, IfAvailable or Always`);
  return mode as ExecInteractiveMode;
}

function execAuth(user: KubeconfigEntry<KubeconfigUser>, exec: KubeconfigExec, owner: string, cluster: ExecClusterInfo): KubeAuth {
  const { command, apiVersion, args, env } = exec;
  if (command === undefined) throw usage(`${owner}: exec.command is required`);
  if (apiVersion === undefined || !SUPPORTED_EXEC_API_VERSIONS.includes(apiVersion)) {
    throw new TokenTuiError('unsupported', `${owner}: exec.apiVersion "${apiVersion ?? ''}" is not supported (use ${SUPPORTED_EXEC_API_VERSIONS.join(' or ')})`);
  }
  return {
    type: 'exec',
    exec: {
      command,
      args,
      env,
      apiVersion,
      baseDir: dirname(user.sourceFile),
      interactiveMode: interactiveMode(exec, apiVersion, owner),
      ...(exec.installHint === undefined ? {} : { installHint: exec.installHint }),
      ...(exec.provideClusterInfo ? { cluster } : {}),
      userName: user.name,
    },
  };
}

function authProviderAuth(user: KubeconfigEntry<KubeconfigUser>, owner: string): KubeAuth {
  const provider = user.value.authProvider;
  if (provider === undefined) throw new Error('authProviderAuth needs an auth-provider');
  const replacement = REMOVED_AUTH_PROVIDERS[provider.name];
  if (replacement !== undefined) {
    throw new TokenTuiError('unsupported', `${owner} uses the "${provider.name}" auth-provider, which kubectl 1.26 removed and tokentui does not support`, {
      hint: `switch the user to ${replacement}`,
    });
  }
  if (provider.name !== 'oidc') {
    throw new TokenTuiError('unsupported', `${owner} uses the auth-provider "${provider.name}", which neither kubectl nor tokentui knows`, {
      hint: 'use an exec credential plugin, a token or a client certificate for this user',
    });
  }
  const idToken = provider.config['id-token'];
  if (idToken === undefined) {
    throw new TokenTuiError('unauthorized', `${owner}: the oidc auth-provider has no id-token yet`, {
      hint: 'run any kubectl command once with this context to log in (kubectl stores the id-token), or switch to an exec plugin such as kubelogin',
    });
  }
  let expiresAtMs: number | undefined;
  try {
    expiresAtMs = idTokenExpiryMs(idToken);
  } catch (error) {
    throw usage(`${owner}: auth-provider.config.id-token: ${(error as Error).message}`);
  }
  return { type: 'oidc', idToken, expiresAtMs, canRefresh: provider.config['refresh-token'] !== undefined };
}

/** client-go's order: token (tokenFile first) or basic auth, else exec, else auth-provider. */
export function resolveUserAuth(user: KubeconfigEntry<KubeconfigUser>, owner: string, cluster: ExecClusterInfo): KubeAuth {
  const { value } = user;
  const baseDir = dirname(user.sourceFile);
  if (value.authProvider !== undefined && value.exec !== undefined) {
    throw usage(`${owner} sets both exec and auth-provider; kubectl allows only one`);
  }
  const hasToken = value.token !== undefined || value.tokenFile !== undefined;
  const hasBasic = value.username !== undefined || value.password !== undefined;
  if (hasToken && hasBasic) throw usage(`${owner} sets both a token and username/password; kubectl allows only one`);
  // tokenFile wins over token: kubectl re-reads the file and prefers its latest value.
  if (value.tokenFile !== undefined) return { type: 'token-file', path: resolve(baseDir, value.tokenFile) };
  if (value.token !== undefined) return { type: 'token', token: value.token };
  if (hasBasic) return { type: 'basic', username: value.username ?? '', password: value.password ?? '' };
  if (value.exec !== undefined) return execAuth(user, value.exec, owner, cluster);
  if (value.authProvider !== undefined) return authProviderAuth(user, owner);
  return { type: 'none' };
}

/** as / as-uid / as-groups / as-user-extra; undefined when the user acts as itself. */
export function resolveImpersonation(impersonation: KubeconfigImpersonation, owner: string): KubeImpersonation | undefined {
  const { user, uid, groups, extra } = impersonation;
  const asksForMore = uid !== undefined || groups.length > 0 || Object.keys(extra).length > 0;
  if (user === undefined) {
    // The apiserver refuses groups, uid or extras without a user; say so before any request.
    if (asksForMore) throw usage(`${owner} sets as-groups, as-uid or as-user-extra without as`, 'set as: to the user to act as (the apiserver refuses the rest without it)');
    return undefined;
  }
  return { user, ...(uid === undefined ? {} : { uid }), groups, extra };
}
