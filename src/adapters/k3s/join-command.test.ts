import { describe, expect, it } from 'vitest';
import { createStubKubeClient, list, nodeObject } from '../../../test/support/k3s-kube-stub.ts';
import { agentFacingServer, formatK3sJoinCommand, formatK3sJoinCommands, isLoopbackHost } from './join-command.ts';

const TOKEN = `K10${'c'.repeat(64)}::abcdef.0123456789abcdef`;

describe('k3s join commands', () => {
  it('the install script and the k3s agent form, notes as shell comments', () => {
    const commands = formatK3sJoinCommands('https://10.0.0.11:6443', TOKEN);
    expect(commands).toEqual({
      install: `curl -sfL https://get.k3s.io | K3S_URL=https://10.0.0.11:6443 K3S_TOKEN=${TOKEN} sh -s - agent`,
      agent: `k3s agent --server https://10.0.0.11:6443 --token ${TOKEN}`,
    });
    expect(formatK3sJoinCommand(commands, ['a note']).split('\n')).toEqual([
      commands.install,
      `# where k3s is already installed: ${commands.agent}`,
      '# a note',
    ]);
  });

  it.each([
    ['127.0.0.1', true],
    ['127.1.2.3', true],
    ['localhost', true],
    ['[::1]', true],
    ['10.0.0.11', false],
    ['k3s.example.com', false],
  ])('%s is loopback: %s', (host, loopback) => {
    expect(isLoopbackHost(host)).toBe(loopback);
  });

  it("replaces a loopback server (k3s.yaml's 127.0.0.1) with a server node's InternalIP", async () => {
    const client = createStubKubeClient({ '/api/v1/nodes': list([nodeObject('agent-1', [], '10.0.0.21'), nodeObject('server-1', ['control-plane'], '10.0.0.11')]) });
    expect(await agentFacingServer(client, 'https://127.0.0.1:6443')).toEqual({
      url: 'https://10.0.0.11:6443',
      note: "server address from node server-1's InternalIP (the kubeconfig points at loopback)",
    });
    expect(await agentFacingServer(client, 'https://k3s.example.com:6443')).toEqual({ url: 'https://k3s.example.com:6443', note: null });
  });
});
