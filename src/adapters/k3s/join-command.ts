// The k3s agent join, in both forms the k3s docs give: the install script (what a fresh machine
// runs) and `k3s agent` (where k3s is already installed). The default k3s kubeconfig points at
// 127.0.0.1, which no other machine can reach; then the first server node's InternalIP is used.
import { isTokenTuiError } from '../../core/errors.ts';
import { terminalText } from '../../core/terminal-text.ts';
import type { KubeClient } from '../../kube/client.ts';
import { nodeNet } from '../../kube/node-builtins.ts';
import { listK3sNodes } from './nodes.ts';

export const K3S_INSTALL_SCRIPT_URL = 'https://get.k3s.io';

export interface K3sJoinCommands {
  /** curl -sfL https://get.k3s.io | K3S_URL=... K3S_TOKEN=... sh -s - agent */
  readonly install: string;
  /** k3s agent --server ... --token ... */
  readonly agent: string;
}

export function formatK3sJoinCommands(serverUrl: string, token: string): K3sJoinCommands {
  return {
    install: `curl -sfL ${K3S_INSTALL_SCRIPT_URL} | K3S_URL=${serverUrl} K3S_TOKEN=${token} sh -s - agent`,
    agent: `k3s agent --server ${serverUrl} --token ${token}`,
  };
}

/**
 * The install line, then the `k3s agent` form and any notes as shell comments (safe to paste: a
 * note may name a Node, and a line break in it would end the comment, so notes are one line).
 */
export function formatK3sJoinCommand(commands: K3sJoinCommands, notes: readonly string[] = []): string {
  return [commands.install, `# where k3s is already installed: ${commands.agent}`, ...notes.map((note) => `# ${terminalText(note)}`)].join('\n');
}

export function isLoopbackHost(hostname: string): boolean {
  const bare = hostname.replace(/^\[|\]$/g, '');
  return bare === 'localhost' || bare === '::1' || /^127\./.test(bare);
}

export interface AgentFacingServer {
  readonly url: string;
  /** Set when the URL is not the kubeconfig's own server. */
  readonly note: string | null;
}

/** The URL an agent should join: the supervisor URL, unless it is loopback and a server node has an InternalIP. */
export async function agentFacingServer(client: KubeClient, supervisorUrl: string): Promise<AgentFacingServer> {
  const url = new URL(supervisorUrl);
  if (!isLoopbackHost(url.hostname)) return { url: supervisorUrl, note: null };
  try {
    // The address goes into a command pasted on a new machine: only a real IP address counts.
    const server = (await listK3sNodes(client)).servers.find((node) => node.internalIp !== null && nodeNet().isIP(node.internalIp) !== 0);
    if (server === undefined) return { url: supervisorUrl, note: `${url.host} is loopback: replace it with an address the agent can reach` };
    url.hostname = server.internalIp!.includes(':') ? `[${server.internalIp}]` : server.internalIp!;
    return { url: url.origin, note: `server address from node ${server.name}'s InternalIP (the kubeconfig points at loopback)` };
  } catch (error) {
    if (!isTokenTuiError(error)) throw error;
    return { url: supervisorUrl, note: `${url.host} is loopback and the Nodes are not readable: replace it with an address the agent can reach` };
  }
}
