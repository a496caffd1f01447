// Issue 14, "Must show": the demo persists per user. Three separate processes of the built CLI
// (dist/cli.js) act on the same demo tokens (list, then impact ID, then revoke ID --confirm ID),
// demo processes running at once leave a database SQLite itself finds intact, and
// `--demo --reset` starts over. Needs no cluster: the demo is the reference server in-process.
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { currentDemoDir } from '../../src/demo/demo-store.ts';
import { removeScratch } from '../support/at-rest.ts';
import { runCli } from '../support/run-cli.ts';
import { requireBuiltCli } from '../support/tui-app.ts';

const home = mkdtempSync(join(tmpdir(), 'tokentui-demo-persist-'));
const env = { HOME: home, XDG_STATE_HOME: join(home, '.local/state'), XDG_CONFIG_HOME: join(home, '.config'), KUBECONFIG: '' };
const demoRoot = join(home, '.local/state/tokentui/demo');

afterAll(() => removeScratch(home));

interface Listed {
  readonly id: string;
  readonly description: string;
  readonly status: string;
}

async function demo(...args: string[]) {
  const result = await runCli(['--demo', ...args], env);
  return result;
}

async function listed(): Promise<readonly Listed[]> {
  const result = await demo('list', '-o', 'json');
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as Listed[];
}

describe('the demo persists across processes', () => {
  it('list, then impact ID, then revoke ID --confirm ID: three processes, the same tokens', async () => {
    requireBuiltCli();
    const first = await listed();
    const rack = first.find((token) => token.description === 'rack 12 re-image');
    expect(rack).toBeDefined();
    const impact = await demo('impact', rack!.id, '-o', 'json');
    expect(impact.code).toBe(0);
    // The seeded machines rack12-node-01/02 joined with it: the second process sees the first's data.
    expect(JSON.parse(impact.stdout)).toMatchObject({ tokenId: rack!.id, state: 'known' });
    expect(impact.stdout).toContain('rack12-node-01');
    const revoked = await demo('revoke', rack!.id, '--confirm', rack!.id);
    expect(revoked.stderr).toBe('');
    expect(revoked.code).toBe(0);
    const after = await listed();
    expect(after.map((token) => token.id).sort()).toEqual(first.map((token) => token.id).filter((id) => id !== rack!.id).sort());
  }, 60_000);

  it('processes at once (two revokes and a list) all succeed, and SQLite finds the database intact', async () => {
    const tokens = await listed();
    const [a, b] = tokens.filter((token) => token.status === 'active' && /staging|lab bench/.test(token.description));
    expect(a).toBeDefined();
    expect(b).toBeDefined();
    const [revokeA, revokeB, list] = await Promise.all([demo('revoke', a!.id, '--confirm', a!.id), demo('revoke', b!.id, '--confirm', b!.id), demo('list', '-o', 'json')]);
    expect([revokeA.code, revokeB.code, list.code]).toEqual([0, 0, 0]);
    const remaining = (await listed()).map((token) => token.id);
    expect(remaining).not.toContain(a!.id);
    expect(remaining).not.toContain(b!.id);
    const dir = currentDemoDir(demoRoot);
    expect(dir).not.toBeNull();
    const db = new DatabaseSync(join(dir!, 'demo.db'), { readOnly: true });
    try {
      expect(db.prepare('PRAGMA integrity_check').get()).toEqual({ integrity_check: 'ok' });
    } finally {
      db.close();
    }
    // Every process released the state when it ended.
    expect(readdirSync(join(dir!, 'owners'))).toEqual([]);
  }, 60_000);

  it('--demo --reset starts over: the revoked tokens are back (new ids), the demo journal is empty', async () => {
    const before = currentDemoDir(demoRoot);
    expect(JSON.parse((await demo('audit', '-o', 'json')).stdout)).toHaveLength(3);
    const reset = await runCli(['--demo', '--reset', 'list', '-o', 'json'], env);
    expect(reset.code).toBe(0);
    const fresh = JSON.parse(reset.stdout) as Listed[];
    expect(fresh.map((token) => token.description)).toEqual(expect.arrayContaining(['rack 12 re-image', 'staging nodes', 'lab bench re-flash']));
    expect(currentDemoDir(demoRoot)).not.toBe(before);
    expect(existsSync(before!)).toBe(false);
    expect(JSON.parse((await demo('audit', '-o', 'json')).stdout)).toEqual([]);
    // The real journal never saw any of it.
    expect(existsSync(join(home, '.local/state/tokentui/audit.jsonl'))).toBe(false);
  }, 60_000);
});
