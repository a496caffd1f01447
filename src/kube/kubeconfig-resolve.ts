// A kubeconfig context -> KubeConnection, with kubectl's rules: relative paths resolve
// against the file that defined the entry, *-data fields override their file twins.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { TokenTuiError } from '../core/errors.ts';
import type { KubeAuth, KubeConnection } from './connection.ts';
import type { KubeconfigCluster, KubeconfigEntry, KubeconfigUser } from './kubeconfig-file.ts';
import type { Kubeconfig } from './kubeconfig.ts';

const SUPPORTED_EXEC_API_VERSIONS = ['client.authentication.k8s.io/v1', 'client.authentication.k8s.io/v1beta1'];
const BASE64 = /^[A-Za-z0-9+/\s]*={0,2}\s*$/;

function names(map: ReadonlyMap<string, unknown>): string {
  return map.size === 0 ? 'none' : [...map.keys()].sort().join(', ');
}

function usage(message: string, hint?: string): TokenTuiError {
  return new TokenTuiError('usage', message, { hint });
}

function decodePem(base64: string, field: string, owner: string): string {
  if (!BASE64.test(base64)) {
    const looksLikePem = base64.includes('-----BEGIN');
    throw usage(`${owner}: ${field} is not base64${looksLikePem ? ' (it holds raw PEM: base64-encode it)' : ''}`);
  }
  const pem = Buffer.from(base64, 'base64').toString('utf8');
  if (!pem.includes('-----BEGIN')) throw usage(`${owner}: ${field} does not decode to PEM`);
  return pem;
}

function readPemFile(path: string, field: string, owner: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new TokenTuiError('usage', `${owner}: cannot read ${field} ${path} (${code})`, { cause: error });
  }
}

/** kubectl semantics: `<field>-data` wins over `<field>`, whose path is relative to its file. */
function pemFrom(data: string | undefined, file: string | undefined, field: string, entry: KubeconfigEntry<unknown>, owner: string): string | undefined {
  if (data !== undefined) return decodePem(data, `${field}-data`, owner);
  if (file !== undefined) return readPemFile(resolve(dirname(entry.sourceFile), file), field, owner);
  return undefined;
}

function normalizeServer(server: string, owner: string): string {
  // kubectl accepts a bare host:port and speaks https to it.
  const withScheme = server.includes('://') ? server : `https://${server}`;
  try {
    const url = new URL(withScheme);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(url.protocol);
  } catch {
    throw usage(`${owner}: server "${server}" is not an http(s) URL`);
  }
  return withScheme.replace(/\/+$/, '');
}

function resolveAuth(user: KubeconfigEntry<KubeconfigUser>, owner: string): KubeAuth {
  const { value } = user;
  const baseDir = dirname(user.sourceFile);
  if (value.authProvider !== undefined && value.exec === undefined) {
    throw new TokenTuiError('unsupported', `${owner} uses the legacy auth-provider "${value.authProvider}", which tokentui does not support`, {
      hint: 'switch the user to an exec credential plugin (e.g. gke-gcloud-auth-plugin, kubelogin) as kubectl 1.26+ requires',
    });
  }
  const hasToken = value.token !== undefined || value.tokenFile !== undefined;
  const hasBasic = value.username !== undefined || value.password !== undefined;
  if (hasToken && hasBasic) throw usage(`${owner} sets both a token and username/password; kubectl allows only one`);
  // tokenFile wins over token: kubectl re-reads the file and prefers its latest value.
  if (value.tokenFile !== undefined) return { type: 'token-file', path: resolve(baseDir, value.tokenFile) };
  if (value.token !== undefined) return { type: 'token', token: value.token };
  if (hasBasic) return { type: 'basic', username: value.username ?? '', password: value.password ?? '' };
  if (value.exec !== undefined) {
    const { command, apiVersion, args, env, interactiveMode } = value.exec;
    if (command === undefined) throw usage(`${owner}: exec.command is required`);
    if (apiVersion === undefined || !SUPPORTED_EXEC_API_VERSIONS.includes(apiVersion)) {
      throw new TokenTuiError('unsupported', `${owner}: exec.apiVersion "${apiVersion ?? ''}" is not supported (use ${SUPPORTED_EXEC_API_VERSIONS.join(' or ')})`);
    }
    if (interactiveMode === 'Always') {
      throw new TokenTuiError('unsupported', `${owner}: exec plugin "${command}" needs an interactive terminal (interactiveMode: Always), which tokentui cannot give it`);
    }
    return { type: 'exec', exec: { command, args, env, apiVersion, baseDir } };
  }
  return { type: 'none' };
}

function clientCertificate(user: KubeconfigEntry<KubeconfigUser> | undefined, owner: string): { clientCertPem?: string; clientKeyPem?: string } {
  if (user === undefined) return {};
  const { value } = user;
  const clientCertPem = pemFrom(value.clientCertificateData, value.clientCertificate, 'client-certificate', user, owner);
  const clientKeyPem = pemFrom(value.clientKeyData, value.clientKey, 'client-key', user, owner);
  if ((clientCertPem === undefined) !== (clientKeyPem === undefined)) {
    throw usage(`${owner}: client-certificate and client-key must be set together`);
  }
  return { clientCertPem, clientKeyPem };
}

function tlsSettings(cluster: KubeconfigEntry<KubeconfigCluster>, owner: string): Pick<KubeConnection, 'caPem' | 'insecureSkipTlsVerify' | 'tlsServerName'> {
  const { value } = cluster;
  const caPem = pemFrom(value.certificateAuthorityData, value.certificateAuthority, 'certificate-authority', cluster, owner);
  if (value.insecureSkipTlsVerify && caPem !== undefined) {
    throw usage(`${owner}: certificate-authority and insecure-skip-tls-verify cannot both be set (kubectl refuses this too)`);
  }
  return { caPem, insecureSkipTlsVerify: value.insecureSkipTlsVerify, tlsServerName: value.tlsServerName };
}

function pickContextName(config: Kubeconfig, contextName: string | undefined): string {
  if (config.loadedFiles.length === 0) {
    const looked = config.missingFiles.join(', ');
    throw usage(`no kubeconfig found (looked for ${looked === '' ? 'nothing' : looked})`, 'pass --kubeconfig PATH or set KUBECONFIG');
  }
  if (contextName !== undefined && contextName !== '') {
    if (!config.contexts.has(contextName)) {
      throw usage(`context "${contextName}" not found in kubeconfig (known: ${names(config.contexts)})`, 'list them with `tokentui contexts`');
    }
    return contextName;
  }
  if (config.contexts.size === 0) throw usage(`kubeconfig ${config.loadedFiles.join(', ')} defines no contexts`);
  const current = config.currentContext;
  if (current === undefined) {
    throw usage(`kubeconfig has no current-context; choose one with --context (known: ${names(config.contexts)})`);
  }
  if (!config.contexts.has(current)) {
    throw usage(`current-context "${current}" (set in ${config.currentContextSource ?? 'kubeconfig'}) is not defined (known: ${names(config.contexts)})`, 'choose one with --context NAME');
  }
  return current;
}

/** Resolves the given context, or the current one, into everything needed to reach its apiserver. */
export function resolveKubeConnection(config: Kubeconfig, contextName?: string): KubeConnection {
  const name = pickContextName(config, contextName);
  const context = config.contexts.get(name);
  if (context === undefined) throw usage(`context "${name}" not found in kubeconfig`);
  const contextOwner = `context "${name}" in ${context.sourceFile}`;
  const cluster = config.clusters.get(context.value.cluster);
  if (cluster === undefined) {
    throw usage(`${contextOwner} refers to cluster "${context.value.cluster}", which is not defined (known clusters: ${names(config.clusters)})`);
  }
  const clusterOwner = `cluster "${cluster.name}" in ${cluster.sourceFile}`;
  if (cluster.value.server === undefined) throw usage(`${clusterOwner} has no server`);
  if (cluster.value.proxyUrl !== undefined) {
    throw new TokenTuiError('unsupported', `${clusterOwner} sets proxy-url, which tokentui does not support yet`);
  }
  const userName = context.value.user;
  const user = userName === '' ? undefined : config.users.get(userName);
  if (userName !== '' && user === undefined) {
    throw usage(`${contextOwner} refers to user "${userName}", which is not defined (known users: ${names(config.users)})`);
  }
  const userOwner = user === undefined ? contextOwner : `user "${user.name}" in ${user.sourceFile}`;
  return {
    contextName: name,
    clusterName: cluster.name,
    userName,
    server: normalizeServer(cluster.value.server, clusterOwner),
    ...tlsSettings(cluster, clusterOwner),
    ...clientCertificate(user, userOwner),
    auth: user === undefined ? { type: 'none' } : resolveAuth(user, userOwner),
    sourceFile: context.sourceFile,
  };
}
