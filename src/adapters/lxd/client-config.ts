// Where `lxc` and `incus` keep their client configuration, and LXD contexts found from it, as
// kubeconfig contexts are found from ~/.kube/config. For context discovery and `--server`:
//   lxc:   $LXD_CONF, else ~/snap/lxd/common/config (snap) and ~/.config/lxc
//   incus: $INCUS_CONF, else ~/.config/incus
// Each holds config.yml (remotes), client.crt/client.key (the client certificate), optionally
// client.ca (PKI mode) and servercerts/REMOTE.crt (the pinned server certificate).
// Local daemons: $LXD_SOCKET, $LXD_DIR/unix.socket, the snap's and the deb's socket; for Incus
// $INCUS_SOCKET, $INCUS_DIR/unix.socket, /var/lib/incus/unix.socket.
// $TOKENTUI_SYSTEM_LXD_SOCKETS (a path list, empty = none) replaces the system sockets, as
// $TOKENTUI_SYSTEM_KUBECONFIGS replaces the /etc kubeconfigs: tests must not see the machine's.
import { existsSync, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { TokenTuiError } from '../../core/errors.ts';
import { isYamlError, parseYaml } from '../../kube/yaml.ts';
import { LXD_SOURCE } from './scope.ts';
import { parseLxdServerAddress, type LxdEndpoint, type LxdSettings } from './settings.ts';

export type LxdClient = 'lxc' | 'incus';

export interface LxdClientEnvironment {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly home: string;
}

/** File access, swappable in tests. */
export interface LxdFiles {
  exists(path: string): boolean;
  readText(path: string): string;
}

export const nodeFiles: LxdFiles = { exists: existsSync, readText: (path) => readFileSync(path, 'utf8') };

export interface LxdRemote {
  readonly name: string;
  readonly addr: string;
  readonly protocol: string;
  readonly public: boolean;
}

export interface LxdClientConfig {
  readonly client: LxdClient;
  readonly dir: string;
  readonly defaultRemote: string | null;
  readonly remotes: readonly LxdRemote[];
}

export interface LxdDiscoveredContext {
  /** `lxc:REMOTE` or `incus:REMOTE`. */
  readonly name: string;
  readonly client: LxdClient;
  readonly remote: string;
  /** The client's default remote. */
  readonly current: boolean;
  /** null for a socket found without any client config. */
  readonly configFile: string | null;
  readonly settings: LxdSettings;
}

export interface LxdDiscovery {
  readonly contexts: readonly LxdDiscoveredContext[];
  /** One line per unusable file or remote. */
  readonly problems: readonly string[];
}

export function lxdClientConfigDirs(environment: LxdClientEnvironment, client: LxdClient): string[] {
  const { env, home } = environment;
  if (client === 'incus') return env['INCUS_CONF'] ? [env['INCUS_CONF']] : [join(home, '.config/incus')];
  return env['LXD_CONF'] ? [env['LXD_CONF']] : [join(home, 'snap/lxd/common/config'), join(home, '.config/lxc')];
}

export const SYSTEM_SOCKETS_VARIABLE = 'TOKENTUI_SYSTEM_LXD_SOCKETS';

/** The daemons' default sockets, unless $TOKENTUI_SYSTEM_LXD_SOCKETS lists others (taken as LXD's). */
function systemSockets(env: LxdClientEnvironment['env'], client: LxdClient): string[] {
  const listed = env[SYSTEM_SOCKETS_VARIABLE];
  if (listed !== undefined) return client === 'lxc' ? listed.split(delimiter).filter((path) => path !== '') : [];
  return client === 'incus' ? ['/var/lib/incus/unix.socket'] : ['/var/snap/lxd/common/lxd/unix.socket', '/var/lib/lxd/unix.socket'];
}

export function lxdSocketCandidates(environment: LxdClientEnvironment, client: LxdClient): string[] {
  const { env } = environment;
  if (client === 'incus') {
    if (env['INCUS_SOCKET']) return [env['INCUS_SOCKET']];
    return env['INCUS_DIR'] ? [join(env['INCUS_DIR'], 'unix.socket')] : systemSockets(env, client);
  }
  if (env['LXD_SOCKET']) return [env['LXD_SOCKET']];
  return env['LXD_DIR'] ? [join(env['LXD_DIR'], 'unix.socket')] : systemSockets(env, client);
}

/** config.yml as lxc writes it; throws a 'validation' error naming the file when unreadable. */
export function parseLxdClientConfig(text: string, file: string, client: LxdClient, dir: string): LxdClientConfig {
  let parsed: unknown;
  try {
    // The kubeconfig reader: lxc writes the same block YAML, read without loading js-yaml.
    parsed = parseYaml(text);
  } catch (error) {
    if (!isYamlError(error)) throw error;
    throw new TokenTuiError('validation', `${file} is not valid YAML: ${error.message.split('\n')[0]}`, { source: LXD_SOURCE, field: 'config' });
  }
  const body = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as Record<string, unknown>;
  const rawRemotes = (typeof body['remotes'] === 'object' && body['remotes'] !== null ? body['remotes'] : {}) as Record<string, unknown>;
  const remotes: LxdRemote[] = Object.entries(rawRemotes).flatMap(([name, value]) => {
    if (typeof value !== 'object' || value === null) return [];
    const remote = value as Record<string, unknown>;
    // A remote without a protocol speaks the client's own (lxc: lxd, incus: incus).
    const protocol = String(remote['protocol'] ?? (client === 'lxc' ? 'lxd' : 'incus'));
    return [{ name, addr: String(remote['addr'] ?? ''), protocol, public: remote['public'] === true }];
  });
  const defaultRemote = typeof body['default-remote'] === 'string' ? body['default-remote'] : null;
  return { client, dir, defaultRemote, remotes };
}

function firstExisting(paths: readonly string[], files: Pick<LxdFiles, 'exists'>): string | undefined {
  return paths.find((path) => files.exists(path));
}

/** The HTTPS endpoint of a remote named `remote` (or of `url`) with this config dir's certificates. */
function httpsEndpoint(url: string, dir: string, remote: string | null, files: LxdFiles): LxdEndpoint {
  const pinned = remote === null ? undefined : join(dir, 'servercerts', `${remote}.crt`);
  const ca = join(dir, 'client.ca');
  return {
    kind: 'https',
    url,
    clientCertFile: join(dir, 'client.crt'),
    clientKeyFile: join(dir, 'client.key'),
    ...(pinned !== undefined && files.exists(pinned) ? { serverCertFile: pinned } : files.exists(ca) ? { caFile: ca } : {}),
  };
}

function remoteEndpoint(remote: LxdRemote, config: LxdClientConfig, environment: LxdClientEnvironment, files: LxdFiles): LxdEndpoint | string | null {
  if (remote.protocol !== 'lxd' && remote.protocol !== 'incus') return null; // image servers
  const address = (() => {
    try {
      return parseLxdServerAddress(remote.addr === '' ? 'unix://' : remote.addr);
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  })();
  if (typeof address === 'string') return `remote ${remote.name}: ${address}`;
  if (address.kind === 'unix') {
    const socketPath = address.socketPath ?? firstExisting(lxdSocketCandidates(environment, config.client), files);
    return socketPath === undefined ? null : { kind: 'unix', socketPath };
  }
  if (!files.exists(join(config.dir, 'client.crt'))) return `remote ${remote.name}: no client certificate in ${config.dir}`;
  return httpsEndpoint(address.url, config.dir, remote.name, files);
}

/** Every LXD/Incus remote usable from this user's client configs, plus a bare local socket. */
export function discoverLxdContexts(environment: LxdClientEnvironment, files: LxdFiles = nodeFiles): LxdDiscovery {
  const contexts: LxdDiscoveredContext[] = [];
  const problems: string[] = [];
  for (const client of ['lxc', 'incus'] as const) {
    const dir = firstExisting(lxdClientConfigDirs(environment, client), { exists: (path) => files.exists(join(path, 'config.yml')) });
    let config: LxdClientConfig | null = null;
    if (dir !== undefined) {
      const file = join(dir, 'config.yml');
      try {
        config = parseLxdClientConfig(files.readText(file), file, client, dir);
      } catch (error) {
        problems.push(`${client} config ${file}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    for (const remote of config?.remotes ?? []) {
      const endpoint = remoteEndpoint(remote, config!, environment, files);
      if (typeof endpoint === 'string') problems.push(`${client} ${endpoint}`);
      if (endpoint === null || typeof endpoint === 'string') continue;
      const name = `${client}:${remote.name}`;
      contexts.push({ name, client, remote: remote.name, current: remote.name === config!.defaultRemote, configFile: join(config!.dir, 'config.yml'), settings: { adapter: 'lxd', context: name, endpoint } });
    }
    const hasLocal = contexts.some((context) => context.client === client && context.settings.endpoint.kind === 'unix');
    const socketPath = firstExisting(lxdSocketCandidates(environment, client), files);
    if (!hasLocal && socketPath !== undefined) {
      const name = `${client}:local`;
      contexts.push({ name, client, remote: 'local', current: false, configFile: null, settings: { adapter: 'lxd', context: name, endpoint: { kind: 'unix', socketPath } } });
    }
  }
  return { contexts, problems };
}

/** The first client config dir (lxc's, then incus's) holding a client certificate. */
export function clientCertificateDir(environment: LxdClientEnvironment, files: LxdFiles = nodeFiles): string | undefined {
  const dirs = [...lxdClientConfigDirs(environment, 'lxc'), ...lxdClientConfigDirs(environment, 'incus')];
  return dirs.find((candidate) => files.exists(join(candidate, 'client.crt')));
}

/** `url` with the certificates of client config `dir`, pinned to a remote of that address when it has one. */
export function httpsEndpointIn(dir: string, url: string, files: LxdFiles = nodeFiles): LxdEndpoint {
  const remote = readRemotes(dir, files).find((candidate) => sameHttpsAddress(candidate.addr, url));
  return httpsEndpoint(url, dir, remote?.name ?? null, files);
}

/**
 * `--adapter lxd --server S`: `unix://` (the first local socket found), `unix:///path`, or
 * `https://HOST[:PORT]` with the client certificate of the first client config that has one,
 * pinned to the server certificate of a remote with that address when there is one.
 */
export function lxdSettingsFromServer(server: string, environment: LxdClientEnvironment, files: LxdFiles = nodeFiles, context?: string): LxdSettings {
  const address = parseLxdServerAddress(server);
  if (address.kind === 'unix') {
    const candidates = [...lxdSocketCandidates(environment, 'lxc'), ...lxdSocketCandidates(environment, 'incus')];
    const socketPath = address.socketPath ?? firstExisting(candidates, files);
    if (socketPath === undefined) {
      throw new TokenTuiError('validation', `no local LXD or Incus socket (looked at ${candidates.join(', ')})`, { source: LXD_SOURCE, field: 'server', hint: 'give the socket: --server unix:///path/to/unix.socket' });
    }
    return { adapter: 'lxd', context: context ?? `unix://${socketPath}`, endpoint: { kind: 'unix', socketPath } };
  }
  const dir = clientCertificateDir(environment, files);
  if (dir === undefined) {
    const dirs = [...lxdClientConfigDirs(environment, 'lxc'), ...lxdClientConfigDirs(environment, 'incus')];
    throw new TokenTuiError('validation', `no client certificate to present to ${address.url} (looked in ${dirs.join(', ')})`, {
      source: LXD_SOURCE,
      field: 'server',
      hint: `enroll this client once: lxc remote add NAME ${address.url} (with a trust token from the server)`,
    });
  }
  return { adapter: 'lxd', context: context ?? address.url, endpoint: httpsEndpointIn(dir, address.url, files) };
}

function readRemotes(dir: string, files: LxdFiles): readonly LxdRemote[] {
  const file = join(dir, 'config.yml');
  if (!files.exists(file)) return [];
  return parseLxdClientConfig(files.readText(file), file, dir.includes('incus') ? 'incus' : 'lxc', dir).remotes;
}

function sameHttpsAddress(addr: string, url: string): boolean {
  try {
    const parsed = parseLxdServerAddress(addr);
    return parsed.kind === 'https' && parsed.url === url;
  } catch {
    return false;
  }
}
