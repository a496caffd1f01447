// undici 7 agents carrying the kubeconfig's TLS settings. An exec plugin may hand out a
// new client certificate when the old one expires, and TLS identity is fixed per agent,
// so there is one agent per certificate; a replaced agent closes once its requests finish.
import { Agent } from 'undici';
import type { KubeConnection } from './connection.ts';

export interface ClientCertificate {
  readonly certPem?: string;
  readonly keyPem?: string;
}

export interface DispatcherPool {
  forCertificate(certificate: ClientCertificate): Agent;
  /** Drops every connection: the client has let its requests finish or aborted them first. */
  close(): Promise<void>;
}

function createAgent(connection: KubeConnection, certificate: ClientCertificate): Agent {
  return new Agent({
    connect: {
      ca: connection.caPem,
      cert: certificate.certPem,
      key: certificate.keyPem,
      rejectUnauthorized: !connection.insecureSkipTlsVerify,
      // fetch sends no Host-derived servername, so this sets both SNI and the name checked.
      servername: connection.tlsServerName,
    },
  });
}

export function createDispatcherPool(connection: KubeConnection): DispatcherPool {
  let current: { certificate: ClientCertificate; agent: Agent } | undefined;
  const retired: Agent[] = [];
  return {
    forCertificate(certificate) {
      const certPem = certificate.certPem ?? connection.clientCertPem;
      const keyPem = certificate.keyPem ?? connection.clientKeyPem;
      if (current !== undefined && current.certificate.certPem === certPem && current.certificate.keyPem === keyPem) {
        return current.agent;
      }
      if (current !== undefined) {
        retired.push(current.agent);
        current.agent.close().catch(() => undefined);
      }
      const agent = createAgent(connection, { certPem, keyPem });
      current = { certificate: { certPem, keyPem }, agent };
      return agent;
    },
    async close() {
      const agents = retired.splice(0);
      if (current !== undefined) agents.push(current.agent);
      current = undefined;
      // destroy, not close: close() waits on anything undici still counts as running, and
      // after it a destroy() no longer fails pending requests (seen with undici 7.30).
      await Promise.allSettled(agents.map((agent) => agent.destroy()));
    },
  };
}
