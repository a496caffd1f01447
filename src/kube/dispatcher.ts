// node:http(s) agents carrying the kubeconfig's TLS settings and proxy (see https-fetch.ts for why
// not undici). An exec plugin may hand out a new client certificate when the old one expires,
// and TLS identity is fixed per agent, so there is one agent per certificate; a replaced agent
// closes once its requests finish. With no certificate-authority in the kubeconfig the OS trust
// store is trusted, as kubectl trusts it (system-trust.ts).
import type { Agent as HttpAgent } from 'node:http';
import type { Socket } from 'node:net';
import type { ConnectionOptions } from 'node:tls';
import type { KubeConnection, KubeProxy } from './connection.ts';
import { createHttpsAgent, nodeHttp, nodeTls } from './node-builtins.ts';
import { openTunnel } from './proxy-tunnel.ts';
import { systemCaPem } from './system-trust.ts';

export interface ClientCertificate {
  readonly certPem?: string;
  readonly keyPem?: string;
}

export interface DispatcherPool {
  /** The agent for the server's scheme (an https.Agent for https: servers). */
  forCertificate(certificate: ClientCertificate): HttpAgent;
  /** Drops every connection: the client has let its requests finish or aborted them first. */
  close(): Promise<void>;
}

type CreateConnection = (options: ConnectionOptions & { host?: string; port?: number }, callback: (error: Error | null, socket?: Socket) => void) => Socket | undefined;

/** The CA to trust: the kubeconfig's, else the OS store (undefined = Node's bundle). */
export function trustedCa(connection: Pick<KubeConnection, 'caPem' | 'insecureSkipTlsVerify'>): string | undefined {
  if (connection.caPem !== undefined || connection.insecureSkipTlsVerify) return connection.caPem;
  return systemCaPem();
}

/** What an agent for one server needs; the TLS fields apply to https: servers (and an https:// proxy). */
export interface ServerAgentOptions {
  readonly server: string;
  readonly proxy?: KubeProxy;
  readonly ca?: string;
  readonly rejectUnauthorized: boolean;
  readonly cert?: string;
  readonly key?: string;
  readonly servername?: string;
}

function routeThroughProxy(agent: HttpAgent, options: ServerAgentOptions, secure: boolean, pending: Set<Socket>): void {
  const { proxy } = options;
  if (proxy === undefined) return;
  const proxyTls = { ca: options.ca, rejectUnauthorized: options.rejectUnauthorized };
  const createConnection: CreateConnection = (options, callback) => {
    const target = { host: options.host ?? 'localhost', port: Number(options.port) };
    const track = (socket: Socket) => {
      pending.add(socket);
      socket.once('close', () => pending.delete(socket));
    };
    openTunnel(proxy, target, proxyTls, track).then(
      (socket) => callback(null, secure ? nodeTls().connect({ ...options, socket }) : socket),
      (error: Error) => callback(error),
    );
    return undefined;
  };
  (agent as unknown as { createConnection: CreateConnection }).createConnection = createConnection;
}

/** A keep-alive agent for `server`'s scheme, tunnelling through the proxy when there is one. */
export function createServerAgent(options: ServerAgentOptions, pending: Set<Socket> = new Set()): HttpAgent {
  const secure = options.server.startsWith('https:');
  const { ca, cert, key, rejectUnauthorized, servername } = options;
  const agent = secure
    ? // servername sets both SNI and the name the certificate is checked against.
      createHttpsAgent({ ca, cert, key, rejectUnauthorized, ...(servername === undefined ? {} : { servername }) })
    : new (nodeHttp().Agent)({ keepAlive: true, maxSockets: 16 });
  routeThroughProxy(agent, options, secure, pending);
  return agent;
}

function createAgent(connection: KubeConnection, certificate: ClientCertificate, pending: Set<Socket>): HttpAgent {
  const { server, proxy, tlsServerName } = connection;
  return createServerAgent(
    {
      server,
      ...(proxy === undefined ? {} : { proxy }),
      ca: trustedCa(connection),
      rejectUnauthorized: !connection.insecureSkipTlsVerify,
      cert: certificate.certPem,
      key: certificate.keyPem,
      ...(tlsServerName === undefined ? {} : { servername: tlsServerName }),
    },
    pending,
  );
}

export function createDispatcherPool(connection: KubeConnection): DispatcherPool {
  let current: { certificate: ClientCertificate; agent: HttpAgent } | undefined;
  const retired: HttpAgent[] = [];
  // Sockets of tunnels still being opened: no agent knows them yet.
  const pendingTunnels = new Set<Socket>();
  return {
    forCertificate(certificate) {
      const certPem = certificate.certPem ?? connection.clientCertPem;
      const keyPem = certificate.keyPem ?? connection.clientKeyPem;
      if (current !== undefined && current.certificate.certPem === certPem && current.certificate.keyPem === keyPem) {
        return current.agent;
      }
      if (current !== undefined) {
        // A replaced identity: its idle sockets go now, busy ones when their requests finish.
        retired.push(current.agent);
      }
      const agent = createAgent(connection, { certPem, keyPem }, pendingTunnels);
      current = { certificate: { certPem, keyPem }, agent };
      return agent;
    },
    async close() {
      const agents = retired.splice(0);
      if (current !== undefined) agents.push(current.agent);
      current = undefined;
      for (const agent of agents) agent.destroy();
      for (const socket of pendingTunnels) socket.destroy();
      pendingTunnels.clear();
    },
  };
}
