// k3s nodes as the previews need them: servers carry the
// control-plane (or legacy master) or etcd role label and always depend on the server token;
// everything else is an agent. No node records which token it joined with (the token flags in
// its k3s.io/node-args annotation are masked), so the previews can only group, never attribute.
import type { KubeClient } from '../../kube/client.ts';
import { listAll } from '../kubeadm/impact.ts';
import { byCodeUnits } from '../../core/code-unit-order.ts';

export const NODES_PATH = '/api/v1/nodes';
export const SERVER_ROLE_LABELS = [
  'node-role.kubernetes.io/control-plane',
  'node-role.kubernetes.io/master',
  'node-role.kubernetes.io/etcd',
] as const;

export interface K3sNode {
  readonly name: string;
  readonly role: 'server' | 'agent';
  /** The role labels it carries, short form: control-plane, master, etcd. */
  readonly roleLabels: readonly string[];
  readonly internalIp: string | null;
  /** The Ready condition; null when the node reports none. */
  readonly ready: boolean | null;
  readonly kubeletVersion: string | null;
}

interface NodeObject {
  readonly metadata?: { readonly name?: string; readonly labels?: Readonly<Record<string, string>> };
  readonly status?: {
    readonly addresses?: readonly { readonly type?: string; readonly address?: string }[];
    readonly conditions?: readonly { readonly type?: string; readonly status?: string }[];
    readonly nodeInfo?: { readonly kubeletVersion?: string };
  };
}

export function toK3sNode(node: NodeObject): K3sNode {
  const labels = node.metadata?.labels ?? {};
  const roleLabels = SERVER_ROLE_LABELS.filter((label) => Object.hasOwn(labels, label)).map((label) => label.slice(label.indexOf('/') + 1));
  const readyCondition = node.status?.conditions?.find((condition) => condition.type === 'Ready');
  return {
    name: node.metadata?.name ?? '(unnamed)',
    role: roleLabels.length > 0 ? 'server' : 'agent',
    roleLabels,
    internalIp: node.status?.addresses?.find((address) => address.type === 'InternalIP')?.address ?? null,
    ready: readyCondition === undefined ? null : readyCondition.status === 'True',
    kubeletVersion: node.status?.nodeInfo?.kubeletVersion ?? null,
  };
}

export interface K3sNodeGroups {
  readonly servers: readonly K3sNode[];
  readonly agents: readonly K3sNode[];
}

/** Every Node, grouped; throws what the list throws (callers turn 403 into an unknown). */
export async function listK3sNodes(client: KubeClient): Promise<K3sNodeGroups> {
  const nodes = (await listAll<NodeObject>(client, NODES_PATH)).map(toK3sNode).sort((left, right) => byCodeUnits(left.name, right.name));
  return { servers: nodes.filter((node) => node.role === 'server'), agents: nodes.filter((node) => node.role === 'agent') };
}

export function describeNode(node: K3sNode): string {
  const roles = node.roleLabels.length > 0 ? node.roleLabels.join(',') : 'agent';
  const state = node.ready === null ? '' : node.ready ? ', Ready' : ', NotReady';
  return `${roles}${node.internalIp === null ? '' : `, ${node.internalIp}`}${state}`;
}
