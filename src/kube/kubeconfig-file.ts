// One kubeconfig file: YAML text -> typed entries. Shape errors name the file and the
// entry, because a kubeconfig is edited by hand and "invalid config" helps nobody.
import type { YAMLException } from 'js-yaml';
import { TokenTuiError } from '../core/errors.ts';
import { isYamlError, parseYaml } from './yaml.ts';

export interface KubeconfigCluster {
  readonly server?: string;
  /** A path as written in the file (relative to the file's directory). */
  readonly certificateAuthority?: string;
  /** Base64 as written in the file. */
  readonly certificateAuthorityData?: string;
  readonly insecureSkipTlsVerify: boolean;
  readonly tlsServerName?: string;
  readonly proxyUrl?: string;
  /** The `client.authentication.k8s.io/exec` entry of `extensions`, as written (spec.cluster.config). */
  readonly execExtension?: unknown;
}

export interface KubeconfigExec {
  readonly command?: string;
  readonly args: readonly string[];
  readonly env: readonly { readonly name: string; readonly value: string }[];
  readonly apiVersion?: string;
  readonly interactiveMode?: string;
  readonly installHint?: string;
  readonly provideClusterInfo: boolean;
}

/** `as`, `as-uid`, `as-groups`, `as-user-extra`: who the user acts as (kubectl --as and friends). */
export interface KubeconfigImpersonation {
  readonly user?: string;
  readonly uid?: string;
  readonly groups: readonly string[];
  readonly extra: Readonly<Record<string, readonly string[]>>;
}

export interface KubeconfigAuthProvider {
  readonly name: string;
  /** The provider's config map (oidc: id-token, refresh-token, idp-issuer-url, ...). */
  readonly config: Readonly<Record<string, string>>;
}

export interface KubeconfigUser {
  readonly token?: string;
  readonly tokenFile?: string;
  readonly username?: string;
  readonly password?: string;
  readonly clientCertificate?: string;
  readonly clientCertificateData?: string;
  readonly clientKey?: string;
  readonly clientKeyData?: string;
  readonly exec?: KubeconfigExec;
  readonly authProvider?: KubeconfigAuthProvider;
  readonly impersonation: KubeconfigImpersonation;
}

export interface KubeconfigContext {
  readonly cluster: string;
  readonly user: string;
  readonly namespace?: string;
}

/** A named entry and the file that defined it (relative paths resolve against that file). */
export interface KubeconfigEntry<T> {
  readonly name: string;
  readonly sourceFile: string;
  readonly value: T;
}

export interface KubeconfigFile {
  readonly path: string;
  readonly clusters: readonly KubeconfigEntry<KubeconfigCluster>[];
  readonly users: readonly KubeconfigEntry<KubeconfigUser>[];
  readonly contexts: readonly KubeconfigEntry<KubeconfigContext>[];
  readonly currentContext?: string;
}

type Fields = Readonly<Record<string, unknown>>;

class ShapeError extends Error {}

function isFields(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalString(fields: Fields, key: string, where: string): string | undefined {
  const value = fields[key];
  if (value === undefined || value === null) return undefined;
  // Unquoted numbers (a numeric password) are what the author meant as text.
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') throw new ShapeError(`${where}.${key} must be a string`);
  return value === '' ? undefined : value;
}

function optionalBoolean(fields: Fields, key: string, where: string): boolean {
  const value = fields[key];
  if (value === undefined || value === null) return false;
  if (typeof value !== 'boolean') throw new ShapeError(`${where}.${key} must be true or false`);
  return value;
}

function optionalList(fields: Fields, key: string, where: string): readonly unknown[] {
  const value = fields[key];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new ShapeError(`${where}.${key} must be a list`);
  return value;
}

function optionalFields(fields: Fields, key: string, where: string): Fields | undefined {
  const value = fields[key];
  if (value === undefined || value === null) return undefined;
  if (!isFields(value)) throw new ShapeError(`${where}.${key} must be a mapping`);
  return value;
}

function stringList(fields: Fields, key: string, where: string): string[] {
  return optionalList(fields, key, where).map((item, index) => {
    if (typeof item === 'string' || typeof item === 'number') return String(item);
    throw new ShapeError(`${where}.${key}[${index}] must be a string`);
  });
}

export const EXEC_EXTENSION_NAME = 'client.authentication.k8s.io/exec';

function execExtension(fields: Fields, where: string): unknown {
  for (const [index, item] of optionalList(fields, 'extensions', where).entries()) {
    const at = `${where}.extensions[${index}]`;
    if (!isFields(item)) throw new ShapeError(`${at} must be a mapping with name and extension`);
    if (optionalString(item, 'name', at) === EXEC_EXTENSION_NAME) return item.extension ?? undefined;
  }
  return undefined;
}

function readCluster(fields: Fields, where: string): KubeconfigCluster {
  return {
    execExtension: execExtension(fields, where),
    server: optionalString(fields, 'server', where),
    certificateAuthority: optionalString(fields, 'certificate-authority', where),
    certificateAuthorityData: optionalString(fields, 'certificate-authority-data', where),
    insecureSkipTlsVerify: optionalBoolean(fields, 'insecure-skip-tls-verify', where),
    tlsServerName: optionalString(fields, 'tls-server-name', where),
    proxyUrl: optionalString(fields, 'proxy-url', where),
  };
}

function readExec(fields: Fields, where: string): KubeconfigExec {
  const args = stringList(fields, 'args', where);
  const env = optionalList(fields, 'env', where).map((item, index) => {
    const at = `${where}.env[${index}]`;
    if (!isFields(item)) throw new ShapeError(`${at} must be a mapping with name and value`);
    const name = optionalString(item, 'name', at);
    if (name === undefined) throw new ShapeError(`${at}.name is required`);
    return { name, value: optionalString(item, 'value', at) ?? '' };
  });
  return {
    command: optionalString(fields, 'command', where),
    args,
    env,
    apiVersion: optionalString(fields, 'apiVersion', where),
    interactiveMode: optionalString(fields, 'interactiveMode', where),
    installHint: optionalString(fields, 'installHint', where),
    provideClusterInfo: optionalBoolean(fields, 'provideClusterInfo', where),
  };
}

function readImpersonation(fields: Fields, where: string): KubeconfigImpersonation {
  const extraFields = optionalFields(fields, 'as-user-extra', where) ?? {};
  // fromEntries defines each key as data, whatever its name.
  const extra = Object.fromEntries(Object.keys(extraFields).map((key) => [key, stringList(extraFields, key, `${where}.as-user-extra`)]));
  return {
    user: optionalString(fields, 'as', where),
    uid: optionalString(fields, 'as-uid', where),
    groups: stringList(fields, 'as-groups', where),
    extra,
  };
}

function readAuthProvider(fields: Fields, where: string): KubeconfigAuthProvider {
  const configFields = optionalFields(fields, 'config', where) ?? {};
  const config = Object.fromEntries(
    Object.keys(configFields).flatMap((key) => {
      const value = optionalString(configFields, key, `${where}.config`);
      return value === undefined ? [] : [[key, value] as const];
    }),
  );
  return { name: optionalString(fields, 'name', where) ?? 'unnamed', config };
}

function readUser(fields: Fields, where: string): KubeconfigUser {
  const exec = optionalFields(fields, 'exec', where);
  const authProvider = optionalFields(fields, 'auth-provider', where);
  return {
    token: optionalString(fields, 'token', where),
    tokenFile: optionalString(fields, 'tokenFile', where),
    username: optionalString(fields, 'username', where),
    password: optionalString(fields, 'password', where),
    clientCertificate: optionalString(fields, 'client-certificate', where),
    clientCertificateData: optionalString(fields, 'client-certificate-data', where),
    clientKey: optionalString(fields, 'client-key', where),
    clientKeyData: optionalString(fields, 'client-key-data', where),
    exec: exec === undefined ? undefined : readExec(exec, `${where}.exec`),
    authProvider: authProvider === undefined ? undefined : readAuthProvider(authProvider, `${where}.auth-provider`),
    impersonation: readImpersonation(fields, where),
  };
}

function readContext(fields: Fields, where: string): KubeconfigContext {
  return {
    cluster: optionalString(fields, 'cluster', where) ?? '',
    user: optionalString(fields, 'user', where) ?? '',
    namespace: optionalString(fields, 'namespace', where),
  };
}

function readEntries<T>(
  root: Fields,
  listKey: 'clusters' | 'users' | 'contexts',
  itemKey: 'cluster' | 'user' | 'context',
  path: string,
  read: (fields: Fields, where: string) => T,
): KubeconfigEntry<T>[] {
  const seen = new Set<string>();
  return optionalList(root, listKey, 'kubeconfig').map((item, index) => {
    const at = `${listKey}[${index}]`;
    if (!isFields(item)) throw new ShapeError(`${at} must be a mapping with name and ${itemKey}`);
    const name = optionalString(item, 'name', at);
    if (name === undefined) throw new ShapeError(`${at}.name is required`);
    // client-go refuses duplicate names within one file instead of picking one silently.
    if (seen.has(name)) throw new ShapeError(`duplicate ${itemKey} name "${name}" in ${listKey}`);
    seen.add(name);
    const where = `${listKey}[${index}] ("${name}").${itemKey}`;
    return { name, sourceFile: path, value: read(optionalFields(item, itemKey, where) ?? {}, where) };
  });
}

function yamlProblem(error: YAMLException): string {
  // The message carries a code frame; keep the reason and the (1-based) line only.
  const line = error.mark === undefined ? undefined : error.mark.line + 1;
  const reason = error.reason || (error.message.split('\n')[0] ?? error.message);
  return line === undefined ? reason : `line ${line}: ${reason}`;
}

/** Parses one kubeconfig file's text; an empty file is an empty config (as kubectl treats it). */
export function parseKubeconfigFile(path: string, text: string): KubeconfigFile {
  let root: unknown;
  try {
    root = parseYaml(text);
  } catch (error) {
    const problem = isYamlError(error) ? yamlProblem(error) : String(error);
    throw new TokenTuiError('usage', `kubeconfig ${path}: ${problem}`, { cause: error });
  }
  if (root === null || root === undefined) return { path, clusters: [], users: [], contexts: [] };
  try {
    if (!isFields(root)) throw new ShapeError('the top level must be a mapping (kind: Config)');
    return {
      path,
      clusters: readEntries(root, 'clusters', 'cluster', path, readCluster),
      users: readEntries(root, 'users', 'user', path, readUser),
      contexts: readEntries(root, 'contexts', 'context', path, readContext),
      currentContext: optionalString(root, 'current-context', 'kubeconfig'),
    };
  } catch (error) {
    if (!(error instanceof ShapeError)) throw error;
    throw new TokenTuiError('usage', `kubeconfig ${path}: ${error.message}`);
  }
}
