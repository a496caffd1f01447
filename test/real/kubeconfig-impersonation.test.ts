// Issue 15, "Must show": the real control plane with an impersonating kubeconfig. The user
// `impersonator` (scripts/k8s/up.sh) may do nothing but impersonate the service account
// kube-system/tokentui-viewer, which may only read Secrets. With `as:` tokentui lists as that
// account, cannot revoke (the apiserver's 403 names the account), and says whom it acts as in
// `contexts` and in the TUI's header. Without `as:` the same credential cannot even list:
// impersonation is what is being used, and nothing broader.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubeadm, realCluster } from '../support/real-cluster.ts';
import { runCli } from '../support/run-cli.ts';
import type { TmuxSession } from '../support/tmux.ts';
import { requireBuiltCli, rowOf, startTui, tokenIdFrom } from '../support/tui-app.ts';

const VIEWER = 'system:serviceaccount:kube-system:tokentui-viewer';

let dir: string;
let tokenId: string;

function writeKubeconfig(name: string, user: string): string {
  const { server, ca } = realCluster();
  const token = process.env.TOKENTUI_K8S_IMPERSONATOR_TOKEN ?? '';
  if (token === '') throw new Error('TOKENTUI_K8S_IMPERSONATOR_TOKEN is not set: run through scripts/k8s/with-cluster.sh');
  const path = join(dir, name);
  writeFileSync(
    path,
    `apiVersion: v1\nkind: Config\nclusters:\n- name: real\n  cluster:\n    server: ${server}\n    certificate-authority-data: ${Buffer.from(ca).toString('base64')}\nusers:\n- name: impersonator\n  user:\n    token: ${token}\n${user}contexts:\n- name: viewer\n  context:\n    cluster: real\n    user: impersonator\ncurrent-context: viewer\n`,
    { mode: 0o600 },
  );
  return path;
}

function env(): NodeJS.ProcessEnv {
  return { HOME: dir, XDG_CONFIG_HOME: join(dir, 'config'), XDG_STATE_HOME: join(dir, 'state'), TOKENTUI_SYSTEM_KUBECONFIGS: '', KUBECONFIG: '' };
}

beforeAll(async () => {
  requireBuiltCli();
  dir = mkdtempSync(join(tmpdir(), 'tokentui-impersonation-'));
  const created = await kubeadm(['token', 'create', '--ttl', '2h', '--description', 'impersonation target']);
  expect(created.code, created.stderr).toBe(0);
  tokenId = tokenIdFrom(created.stdout);
});

afterAll(async () => {
  await kubeadm(['token', 'delete', tokenId]);
  rmSync(dir, { recursive: true, force: true });
});

describe('a kubeconfig user that impersonates a read-only service account', () => {
  it('lists as the service account; the same credential without as: is refused', async () => {
    const acting = await runCli(['--kubeconfig', writeKubeconfig('as-viewer', `    as: ${VIEWER}\n`), 'list', '-o', 'json'], env());
    expect(acting.code, acting.stderr).toBe(0);
    expect((JSON.parse(acting.stdout) as { id: string }[]).map((token) => token.id)).toContain(tokenId);
    const itself = await runCli(['--kubeconfig', writeKubeconfig('itself', ''), 'list', '-o', 'json'], env());
    expect(itself.code).not.toBe(0);
    expect(itself.stderr).toMatch(/User "impersonator" cannot list resource "secrets"/);
  });

  it('cannot revoke: the 403 names the service account, and the token is still there', async () => {
    const kubeconfig = writeKubeconfig('as-viewer', `    as: ${VIEWER}\n`);
    const revoke = await runCli(['--kubeconfig', kubeconfig, 'revoke', tokenId, '--confirm', tokenId], env());
    expect(revoke.code, revoke.stdout + revoke.stderr).toBe(1);
    expect(revoke.stderr).toMatch(new RegExp(`User "${VIEWER}" cannot delete resource "secrets"`));
    const listed = await kubeadm(['token', 'list', '-o', 'json']);
    expect(listed.stdout).toContain(`"${tokenId}.`);
  });

  it('contexts shows whom the context acts as', async () => {
    const contexts = await runCli(['--kubeconfig', writeKubeconfig('as-viewer', `    as: ${VIEWER}\n`), 'contexts', '-o', 'json'], env());
    expect(contexts.code, contexts.stderr).toBe(0);
    expect(JSON.parse(contexts.stdout)).toEqual([expect.objectContaining({ name: 'viewer', user: 'impersonator', actingAs: VIEWER })]);
  });

  describe('in the TUI (tmux)', () => {
    let tui: TmuxSession | undefined;
    afterAll(async () => {
      await tui?.kill();
    });

    it('the header says "as" the service account, and the token list is the account\'s view', async () => {
      tui = await startTui({ cliPath: requireBuiltCli(), kubeconfig: writeKubeconfig('as-viewer', `    as: ${VIEWER}\n`), env: { HOME: dir } });
      const screen = await tui.waitForScreen((text) => rowOf(text, tokenId) !== undefined, 20_000);
      expect(screen.split('\n')[0]).toContain(`tokentui · viewer as ${VIEWER} · kubeadm ·`);
    });
  });
});
