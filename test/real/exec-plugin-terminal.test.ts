// Issue 15, "Must show": an interactive exec plugin's prompt reaches the terminal, in tmux, with
// the built TUI on the real control plane. The plugin (interactiveMode IfAvailable) asks for a
// one-time code on stderr and reads it from stdin, like a device-code or MFA login; its credential
// (the admin token) expires after a few seconds. The first run happens as the TUI starts; the
// second when revoking needs a fresh credential: the TUI hands the terminal over (Ink's
// suspendTerminal), the prompt appears, the answer is read, and the TUI comes back.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubeadm, realCluster } from '../support/real-cluster.ts';
import type { TmuxSession } from '../support/tmux.ts';
import { requireBuiltCli, rowOf, startTui, tokenIdFrom } from '../support/tui-app.ts';

let dir: string;
let tokenId: string;
let tui: TmuxSession | undefined;

function writePlugin(): string {
  const path = join(dir, 'mfa-login');
  const log = join(dir, 'mfa-login.log');
  writeFileSync(
    path,
    `#!/usr/bin/env node
const { appendFileSync, existsSync, readFileSync } = require('node:fs');
const readline = require('node:readline');
const run = existsSync(${JSON.stringify(log)}) ? readFileSync(${JSON.stringify(log)}, 'utf8').split('\\n').filter(Boolean).length + 1 : 1;
const info = JSON.parse(process.env.KUBERNETES_EXEC_INFO);
process.stderr.write('MFA login (run ' + run + '): enter the one-time code: ');
const lines = readline.createInterface({ input: process.stdin });
lines.once('line', (code) => {
  lines.close();
  appendFileSync(${JSON.stringify(log)}, JSON.stringify({ run, code, interactive: info.spec.interactive }) + '\\n');
  if (code.trim() !== '424242') { process.stderr.write('wrong code\\n'); process.exit(1); }
  const expirationTimestamp = new Date(Date.now() + 6000).toISOString().replace(/\\.\\d+Z$/, 'Z');
  process.stdout.write(JSON.stringify({ apiVersion: info.apiVersion, kind: 'ExecCredential', status: { token: ${JSON.stringify(realCluster().tokens.admin)}, expirationTimestamp } }));
});
`,
    { mode: 0o755 },
  );
  const kubeconfig = join(dir, 'kubeconfig');
  writeFileSync(
    kubeconfig,
    `apiVersion: v1\nkind: Config\nclusters:\n- name: real\n  cluster:\n    server: ${realCluster().server}\n    certificate-authority-data: ${Buffer.from(realCluster().ca).toString('base64')}\nusers:\n- name: mfa\n  user:\n    exec:\n      apiVersion: client.authentication.k8s.io/v1beta1\n      command: ./mfa-login\n      interactiveMode: IfAvailable\ncontexts:\n- name: mfa\n  context:\n    cluster: real\n    user: mfa\ncurrent-context: mfa\n`,
    { mode: 0o600 },
  );
  return kubeconfig;
}

function pluginRuns(): { run: number; code: string; interactive: boolean }[] {
  return readFileSync(join(dir, 'mfa-login.log'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { run: number; code: string; interactive: boolean });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tokentui-mfa-'));
  const created = await kubeadm(['token', 'create', '--ttl', '2h', '--description', 'mfa plugin']);
  expect(created.code, created.stderr).toBe(0);
  tokenId = tokenIdFrom(created.stdout);
});

afterAll(async () => {
  await tui?.kill();
  await kubeadm(['token', 'delete', tokenId]);
  rmSync(dir, { recursive: true, force: true });
});

describe('an interactive exec plugin in the real terminal', () => {
  it('prompts before the TUI takes the screen, and again with the TUI suspended when the credential expires', async () => {
    tui = await startTui({ cliPath: requireBuiltCli(), kubeconfig: writePlugin(), env: { HOME: dir } });
    await tui.waitForScreen(/MFA login \(run 1\): enter the one-time code:/, 20_000);
    await tui.sendText('424242');
    await tui.sendKeys('Enter');
    await tui.waitForScreen((screen) => rowOf(screen, tokenId) !== undefined, 20_000);
    expect(pluginRuns()).toEqual([{ run: 1, code: '424242', interactive: true }]);

    // Wait out the 6 s credential, then ask for something that needs the apiserver: the revoke preview.
    await new Promise((resolve) => setTimeout(resolve, 6_500));
    await tui.sendText(`/${tokenId}`);
    await tui.sendKeys('Enter', 'd');
    const prompt = await tui.waitForScreen(/MFA login \(run 2\): enter the one-time code:/, 20_000);
    // The TUI has stepped aside: its frame is gone while the plugin has the terminal.
    expect(prompt).not.toMatch(/tokentui · mfa/);
    await tui.sendText('424242');
    await tui.sendKeys('Enter');
    await tui.waitForScreen((screen) => /tokentui · mfa/.test(screen) && screen.includes(tokenId), 20_000);
    expect(pluginRuns()).toEqual([
      { run: 1, code: '424242', interactive: true },
      { run: 2, code: '424242', interactive: true },
    ]);
    await tui.sendKeys('Escape');
  });
});
