// Issue 17 "must show": `tokentui list --watch -o json`, the built CLI as a user runs it, against
// the real control plane: an `added` line for a token the real `kubeadm token create` made, and a
// `removed` line when the real tokencleaner deletes an expired one (after its `expired` line).
// Ctrl-C (SIGINT) ends the watch with exit 0.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kubeadm, realCluster, waitFor } from '../support/real-cluster.ts';
import { cliPath } from '../support/run-cli.ts';

interface WatchLine {
  readonly event: string;
  readonly at: string;
  readonly token: { readonly id: string; readonly status: string; readonly description: string };
}

describe('tokentui list --watch -o json against the real control plane', () => {
  it('prints added for a kubeadm-created token, then expired and removed when tokencleaner deletes it', async () => {
    // A token that is there before the watch starts: its `listed` line says the list is done, so
    // the next token can only be reported as added.
    const sentinel = (await kubeadm(['token', 'create', '--ttl', '10m', '--description', 'cli watch sentinel'])).stdout.trim().split('.')[0]!;
    const stateHome = mkdtempSync(join(tmpdir(), 'tokentui-state-'));
    const child = spawn(process.execPath, [cliPath, 'list', '--watch', '-o', 'json', '--watch-timeout', '3m', '--kubeconfig', realCluster().kubeconfig], {
      env: { ...process.env, XDG_STATE_HOME: stateHome },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const lines = (): WatchLine[] => stdout.split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as WatchLine);
    try {
      await waitFor(() => lines().find((line) => line.event === 'listed' && line.token.id === sentinel), { timeoutMs: 15_000, description: 'the listed sentinel' });
      const created = await kubeadm(['token', 'create', '--ttl', '20s', '--description', 'cli watch e2e']);
      const id = created.stdout.trim().split('.')[0]!;
      expect(id).toMatch(/^[a-z0-9]{6}$/);
      const added = await waitFor(() => lines().find((line) => line.event === 'added' && line.token.id === id), { timeoutMs: 15_000, description: `added ${id}` });
      expect(added.token.description).toBe('cli watch e2e');
      expect(added.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      // tokencleaner deletes 15-20 s after expiry on this control plane: up to 100 s in all.
      const removed = await waitFor(() => lines().find((line) => line.event === 'removed' && line.token.id === id), { timeoutMs: 100_000, intervalMs: 250, description: `removed ${id}` });
      expect(removed.token.id).toBe(id);
      const events = lines().filter((line) => line.token.id === id).map((line) => line.event);
      expect(events).toEqual(['added', 'expired', 'removed']);
      const listedAgain = await kubeadm(['token', 'list']);
      expect(listedAgain.stdout).not.toContain(id);
      child.kill('SIGINT');
      expect(await exited).toBe(0);
      expect(stderr).toBe('');
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await kubeadm(['token', 'delete', sentinel]);
    }
  }, 150_000);
});
