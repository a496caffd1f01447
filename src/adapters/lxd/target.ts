// The lxd adapter's target kind: a daemon reached the way `lxc` reaches it (settings.ts), over its
// unix socket or over HTTPS with the client certificate of lxc's (or incus's) config. Named by
// --server unix://…|https://…, saved as an `endpoint` of file paths (never key material), or found
// without setup (client-config.ts): every lxc/incus remote and local socket, which `tokentui
// contexts` lists as lxc:REMOTE and incus:REMOTE. Resolution only reads files.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, resolve } from 'node:path';
import { usageError } from '../../core/errors.ts';
import type { AdapterNames, ContextFlags, DiscoveredContext, Environment, SavedContext, TargetKind } from '../definition.ts';
import { clientCertificateDir, discoverLxdContexts, httpsEndpointIn, lxdClientConfigDirs, lxdSettingsFromServer, type LxdClientEnvironment, type LxdDiscoveredContext } from './client-config.ts';
import { endpointLabel, parseLxdServerAddress, type LxdEndpoint } from './settings.ts';

export interface LxdTarget {
  /** The context name shown in the header and the audit journal. */
  readonly context: string;
  readonly endpoint: LxdEndpoint;
}

/** A saved context's `endpoint` (config.json): paths only. */
type SavedEndpoint =
  | { readonly socket: string }
  | { readonly url: string; readonly clientCert: string; readonly clientKey: string; readonly serverCert?: string; readonly ca?: string };

const SERVER_FORMS = 'unix:///path/to/unix.socket, unix:// (the local daemon) or https://HOST[:PORT]';
const EXAMPLE = 'e.g. tokentui contexts add lab --adapter lxd --server https://lxd1.lab.example:8443';

function clientEnvironment(env: Environment): LxdClientEnvironment {
  return { env, home: env.HOME !== undefined && env.HOME !== '' ? env.HOME : homedir() };
}

function toSaved(endpoint: LxdEndpoint): SavedEndpoint {
  if (endpoint.kind === 'unix') return { socket: endpoint.socketPath };
  const { url, clientCertFile, clientKeyFile, serverCertFile, caFile } = endpoint;
  return { url, clientCert: clientCertFile, clientKey: clientKeyFile, ...(serverCertFile === undefined ? {} : { serverCert: serverCertFile }), ...(caFile === undefined ? {} : { ca: caFile }) };
}

function fromSavedEndpoint(saved: SavedEndpoint, path: (file: string) => string): LxdEndpoint {
  if ('socket' in saved) return { kind: 'unix', socketPath: path(saved.socket) };
  return {
    kind: 'https',
    url: saved.url,
    clientCertFile: path(saved.clientCert),
    clientKeyFile: path(saved.clientKey),
    ...(saved.serverCert === undefined ? {} : { serverCertFile: path(saved.serverCert) }),
    ...(saved.ca === undefined ? {} : { caFile: path(saved.ca) }),
  };
}

function asDiscovered(found: LxdDiscoveredContext): DiscoveredContext {
  const { endpoint } = found.settings;
  return {
    name: found.name,
    server: endpointLabel(endpoint),
    sourceFile: found.configFile ?? (endpoint.kind === 'unix' ? endpoint.socketPath : ''),
    // lxc's default remote is not what tokentui uses when nothing is named (kubectl's current context is).
    current: false,
    details: { client: found.client, remote: found.remote, ...(found.current ? { defaultRemote: true } : {}) },
  };
}

/** `contexts add --server`: the endpoint to save; an HTTPS one without a client certificate yet is saved with a warning. */
function endpointToSave(server: string, env: Environment, warnings: string[]): LxdEndpoint {
  const address = parseLxdServerAddress(server);
  const environment = clientEnvironment(env);
  if (address.kind === 'unix') {
    if (address.socketPath === null) return lxdSettingsFromServer(server, environment).endpoint;
    if (!existsSync(address.socketPath)) warnings.push(`no socket at ${address.socketPath} yet; saved anyway, the daemon must be running when the context is used`);
    return { kind: 'unix', socketPath: address.socketPath };
  }
  const dir = clientCertificateDir(environment);
  if (dir !== undefined) return httpsEndpointIn(dir, address.url);
  // lxc creates its certificate on first use; the context is for later.
  const [lxcDir = resolve(environment.home, '.config/lxc')] = lxdClientConfigDirs(environment, 'lxc').slice(-1);
  warnings.push(`no client certificate in ${lxcDir} yet; saved anyway: enroll this client first (lxc remote add NAME ${address.url}, with a trust token)`);
  return { kind: 'https', url: address.url, clientCertFile: resolve(lxcDir, 'client.crt'), clientKeyFile: resolve(lxcDir, 'client.key') };
}

function rejectForeignFlags(flags: ContextFlags, names: AdapterNames, adapter: string): void {
  const foreign = flags.kubeconfig !== undefined ? 'kubeconfig' : flags.kubeContext !== undefined ? 'kube-context' : flags.apiKeyEnv !== undefined ? 'api-key-env' : flags.apiKeyCommand !== undefined ? 'api-key-command' : undefined;
  if (foreign === undefined) return;
  throw usageError(`--${foreign} is for ${names.ownersOfFlag(foreign)} contexts, not ${adapter}`, `drop --${foreign}; a ${adapter} context needs only --server ${SERVER_FORMS}`);
}

const nonEmpty = { type: 'string', minLength: 1 } as const;

export const lxdTarget: TargetKind<LxdTarget> = {
  flags: ['server'],
  contextFlags: ['server'],
  contextFlagsHelp: [
    `--server ${SERVER_FORMS}`,
    "(HTTPS: the client certificate of lxc's or incus's config, saved as paths)",
  ],
  // Only a socket is unmistakably LXD's; an https:// server needs --adapter lxd.
  claims: (flags) => flags.server?.startsWith('unix:') === true,
  fromFlags(flags, where, names, adapter) {
    if (flags.kubeconfig !== undefined) throw usageError(`--kubeconfig is for the ${names.ownersOfFlag('kubeconfig')} adapters; the ${adapter} adapter takes --server ${SERVER_FORMS}`);
    if (flags.server === undefined) {
      if (flags.context !== undefined) throw usageError(`no saved or discovered context "${flags.context}"`, "run 'tokentui contexts': lxc and incus remotes are listed as lxc:REMOTE and incus:REMOTE");
      throw usageError(`the ${adapter} adapter needs --server ${SERVER_FORMS}, or --context lxc:REMOTE`);
    }
    if (flags.context !== undefined) throw usageError('--context selects a saved or discovered context; it cannot be combined with --server');
    const { context, endpoint } = lxdSettingsFromServer(flags.server, clientEnvironment(where.env));
    return { context, endpoint };
  },
  savedContext: {
    properties: {
      endpoint: {
        oneOf: [
          { type: 'object', additionalProperties: false, required: ['socket'], properties: { socket: nonEmpty } },
          {
            type: 'object',
            additionalProperties: false,
            required: ['url', 'clientCert', 'clientKey'],
            properties: { url: { type: 'string', pattern: '^https://' }, clientCert: nonEmpty, clientKey: nonEmpty, serverCert: nonEmpty, ca: nonEmpty },
          },
        ],
      },
    },
    required: { endpoint: 'endpoint {"socket": PATH} or {"url": "https://HOST:PORT", "clientCert": PATH, "clientKey": PATH, "serverCert": PATH}' },
    foreignFieldsNote: 'reaches its daemon through its endpoint (a socket, or HTTPS with lxc\'s certificates)',
  },
  fromSaved(context, where) {
    // ~/ as the home of whoever runs tokentui; relative paths start beside config.json, as kubeconfig paths do.
    const home = clientEnvironment(where.env).home;
    const path = (file: string) => resolve(dirname(where.configFile), file.startsWith('~/') ? resolve(home, file.slice(2)) : file);
    return { context: context.name, endpoint: fromSavedEndpoint(context['endpoint'] as SavedEndpoint, path) };
  },
  contextFields(flags, where, names, adapter, warnings) {
    rejectForeignFlags(flags, names, adapter);
    if (flags.server === undefined) throw usageError(`a ${adapter} context needs --server ${SERVER_FORMS}`, EXAMPLE);
    return { endpoint: toSaved(endpointToSave(flags.server, where.env, warnings)) };
  },
  fromDiscovered(name, where) {
    const found = discoverLxdContexts(clientEnvironment(where.env)).contexts.find((context) => context.name === name);
    return found === undefined ? undefined : { target: { context: found.name, endpoint: found.settings.endpoint } };
  },
  discover(where) {
    const { contexts, problems } = discoverLxdContexts(clientEnvironment(where.env));
    return { contexts: contexts.map(asDiscovered), problems };
  },
  savedServer(context: SavedContext) {
    const saved = context['endpoint'] as SavedEndpoint | undefined;
    if (saved === undefined) return null;
    return 'socket' in saved ? `unix://${saved.socket}` : saved.url;
  },
};
