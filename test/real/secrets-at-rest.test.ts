// Secrets are shown once and written nowhere: after a session of mutations (create, rotate,
// revoke, a failed create, the audit view) against the real control plane and the demo
// backend, no file tokentui wrote under its HOME/XDG directories contains any secret it printed.
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { k3sKubeconfigText } from '../support/k3s-real-objects.ts';
import { startK3sSupervisor } from '../support/k3s-supervisor.ts';
import { realCluster } from '../support/real-cluster.ts';
import { runCli } from '../support/run-cli.ts';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [path];
  });
}

describe('no secret at rest', () => {
  it('finds no printed secret in any file tokentui wrote', async () => {
    const home = mkdtempSync(join(tmpdir(), 'tokentui-home-'));
    const env = {
      HOME: home,
      XDG_STATE_HOME: join(home, 'state'),
      XDG_CONFIG_HOME: join(home, 'config'),
      XDG_CACHE_HOME: join(home, 'cache'),
    };
    const kube = ['--kubeconfig', realCluster().kubeconfig];
    const secrets: string[] = [];
    const run = async (args: string[]) => {
      const result = await runCli(args, env);
      for (const match of `${result.stdout}\n${result.stderr}`.matchAll(/\b[a-z0-9]{6}\.([a-z0-9]{16})\b/g)) secrets.push(match[1]!);
      return result;
    };

    const first = await run(['create', '--ttl', '1h', '--description', 'at-rest 1', '-o', 'json', ...kube]);
    expect(first.code).toBe(0);
    const firstId = (JSON.parse(first.stdout) as { id: string }).id;
    const second = await run(['create', '--ttl', '1h', '--print-join-command', ...kube]);
    expect(second.code).toBe(0);
    const rotated = await run(['rotate', firstId, '--confirm', firstId, '-o', 'json', ...kube]);
    expect(rotated.code).toBe(0);
    const secondId = /--token ([a-z0-9]{6})\./.exec(second.stdout)![1]!;
    expect((await run(['revoke', secondId, ...kube])).code).toBe(3);
    expect((await run(['revoke', secondId, '--confirm', secondId, ...kube])).code).toBe(0);
    expect((await run(['create', '--groups', 'not-a-group', ...kube])).code).toBe(2);
    const demo = await run(['--demo', 'create', '--ttl', '10m', '-o', 'json']);
    expect(demo.code).toBe(0);
    for (const match of demo.stdout.matchAll(/"token":\s*"([^"]+)"/g)) secrets.push(match[1]!.split('.').pop()!);
    // k3s server-token rotation (emulated supervisor in front of the real apiserver): the old and
    // new passwords are secrets too; the post-rotation checklist is kept in the rotation journal.
    const supervisor = await startK3sSupervisor({ apiserver: { url: realCluster().server, caPem: realCluster().ca } });
    try {
      const k3sConfig = join(home, 'k3s.kubeconfig');
      writeFileSync(k3sConfig, k3sKubeconfigText(supervisor.url, supervisor.caBundle, realCluster().tokens.admin));
      const oldPassword = supervisor.passwd[0]!.password;
      const k3sRun = await runCli(['--kubeconfig', k3sConfig, '--adapter', 'k3s', 'rotate', '--server-token', '--confirm', new URL(supervisor.url).host], {
        ...env,
        TOKENTUI_K3S_OLD_TOKEN: supervisor.tokenFile.trim(),
      });
      expect(k3sRun.code).toBe(0);
      secrets.push(oldPassword, supervisor.passwd[0]!.password);
      expect(k3sRun.stdout).toContain(supervisor.passwd[0]!.password);
    } finally {
      await supervisor.close();
    }
    expect((await run(['audit', '-o', 'json'])).code).toBe(0);

    expect(secrets.length).toBeGreaterThanOrEqual(4);
    const written = filesUnder(home);
    // The audit journal (and the rotation journal) were written: the scan covers real files.
    expect(written.some((path) => path.endsWith('audit.jsonl'))).toBe(true);
    expect(written.some((path) => path.endsWith('.checklist.json'))).toBe(true);
    for (const path of written) {
      const text = readFileSync(path, 'latin1');
      for (const secret of secrets) expect(text.includes(secret), `${path} contains a secret`).toBe(false);
      if (path.endsWith('audit.jsonl') || path.endsWith('.checklist.json')) expect(statSync(path).mode & 0o077).toBe(0);
    }
  }, 120_000);
});
