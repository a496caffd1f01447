// A kubeconfig context -> KubeConnection, with kubectl's rules: relative paths resolve
// against the file that defined the entry, *-data fields override their file twins.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { TokenTuiError } from '../core/errors.ts';
import type { ExecClusterInfo, KubeConnection, KubeProxy } from './connection.ts';
import { resolveImpersonation, resolveUserAuth } from './kubeconfig-user.ts';
import { proxyFromEnvironment, type ProxyEnvironment } from './proxy-environment.ts';
import type { KubeconfigCluster, KubeconfigEntry, KubeconfigUser } from './kubeconfig-file.ts';
import type { Kubeconfig } from './kubeconfig.ts';

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

const PROXY_URL_SCHEMES = ['http:', 'https:', 'socks5:'];

/** The cluster's proxy-url (used for every request, loopback too, as client-go uses it), else the environment's. */
function clusterProxy(cluster: KubeconfigEntry<KubeconfigCluster>, server: string, env: ProxyEnvironment, owner: string): KubeProxy | undefined {
  const { proxyUrl } = cluster.value;
  if (proxyUrl !== undefined) {
    let scheme: string;
    try {
      scheme = new URL(proxyUrl).protocol;
    } catch {
      throw usage(`${owner}: proxy-url "${proxyUrl}" is not a URL`);
    }
    if (!PROXY_URL_SCHEMES.includes(scheme)) throw usage(`${owner}: proxy-url scheme "${scheme.slice(0, -1)}" is not http, https or socks5 (kubectl accepts only these)`);
    return { url: proxyUrl, origin: 'proxy-url' };
  }
  return proxyFromEnvironment(new URL(server), env);
}

/** ExecCredential spec.cluster as client-go fills it for provideClusterInfo. */
function execClusterInfo(cluster: KubeconfigEntry<KubeconfigCluster>, caPem: string | undefined, proxy: KubeProxy | undefined): ExecClusterInfo {
  const { value } = cluster;
  return {
    server: value.server ?? '',
    ...(value.tlsServerName === undefined ? {} : { 'tls-server-name': value.tlsServerName }),
    ...(value.insecureSkipTlsVerify ? { 'insecure-skip-tls-verify': true } : {}),
    ...(caPem === undefined ? {} : { 'certificate-authority-data': Buffer.from(caPem, 'utf8').toString('base64') }),
    ...(proxy?.origin === 'proxy-url' ? { 'proxy-url': proxy.url } : {}),
    ...(value.execExtension === undefined ? {} : { config: value.execExtension }),
  };
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

/**
 * Resolves the given context, or the current one, into everything needed to reach its apiserver.
 * `env` supplies HTTPS_PROXY / NO_PROXY and friends (Go's rules: proxy-environment.ts).
 */
export function resolveKubeConnection(config: Kubeconfig, contextName?: string, env: ProxyEnvironment = process.env): KubeConnection {
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
  const userName = context.value.user;
  const user = userName === '' ? undefined : config.users.get(userName);
  if (userName !== '' && user === undefined) {
    throw usage(`${contextOwner} refers to user "${userName}", which is not defined (known users: ${names(config.users)})`);
  }
  const userOwner = user === undefined ? contextOwner : `user "${user.name}" in ${user.sourceFile}`;
  const server = normalizeServer(cluster.value.server, clusterOwner);
  const tls = tlsSettings(cluster, clusterOwner);
  const proxy = clusterProxy(cluster, server, env, clusterOwner);
  const impersonate = user === undefined ? undefined : resolveImpersonation(user.value.impersonation, userOwner);
  return {
    contextName: name,
    clusterName: cluster.name,
    userName,
    server,
    ...tls,
    ...clientCertificate(user, userOwner),
    auth: user === undefined ? { type: 'none' } : resolveUserAuth(user, userOwner, execClusterInfo(cluster, tls.caPem, proxy)),
    ...(impersonate === undefined ? {} : { impersonate }),
    ...(proxy === undefined ? {} : { proxy }),
    sourceFile: context.sourceFile,
  };
}
