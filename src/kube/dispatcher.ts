// node:https agents carrying the kubeconfig's TLS settings (see https-fetch.ts for why not undici). An exec plugin may hand out a
// new client certificate when the old one expires, and TLS identity is fixed per agent,
// so there is one agent per certificate; a replaced agent closes once its requests finish.
import type { Agent } from 'node:https';
import { createHttpsAgent } from './node-builtins.ts';
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
  return createHttpsAgent({
    ca: connection.caPem,
    cert: certificate.certPem,
    key: certificate.keyPem,
    rejectUnauthorized: !connection.insecureSkipTlsVerify,
    // Sets both SNI and the name the certificate is checked against.
    ...(connection.tlsServerName === undefined ? {} : { servername: connection.tlsServerName }),
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
        // A replaced identity: its idle sockets go now, busy ones when their requests finish.
        retired.push(current.agent);
      }
      const agent = createAgent(connection, { certPem, keyPem });
      current = { certificate: { certPem, keyPem }, agent };
      return agent;
    },
    async close() {
      const agents = retired.splice(0);
      if (current !== undefined) agents.push(current.agent);
      current = undefined;
      for (const agent of agents) agent.destroy();
    },
  };
}
