// Issue 22: the join command tokentui prints really joins a second, real LXD daemon to the
// cluster (a bare daemon on 127.0.0.2, started by scripts/lxd/up.sh --bare), which spends the
// token; the preview before it names the member that has not joined; afterwards a token for
// that name is refused because the member exists. The member is removed again at the end.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LxdTokenAdapter } from '../../src/adapters/lxd/index.ts';
import { JOIN_ADDRESS_EXPRESSION } from '../../src/adapters/lxd/join-command.ts';
import { lxc, lxcTokens, realLxd, realLxdAdapter, shell, unixSettings } from '../support/real-lxd.ts';

const run = promisify(execFile);
const scripts = join(import.meta.dirname, '../../scripts/lxd');
const lxd = realLxd();
const member = `joiner-${process.pid}`;
let joinerState: string;
let adapter: LxdTokenAdapter;

function joinerEnv(): NodeJS.ProcessEnv {
  return { ...process.env, TOKENTUI_LXD_STATE: joinerState, TOKENTUI_LXD_ADDRESS: '127.0.0.2' };
}

beforeAll(async () => {
  joinerState = mkdtempSync(join(tmpdir(), 'tokentui-lxd-joiner.'));
  await run('bash', [join(scripts, 'up.sh'), '--bare'], { env: joinerEnv(), timeout: 90_000 });
  adapter = await realLxdAdapter(unixSettings(lxd, 'lxc:local'));
}, 120_000);

afterAll(async () => {
  await lxc(lxd, ['cluster', 'remove', member, '--yes']).catch(() => lxc(lxd, ['cluster', 'remove', member, '--force', '--yes']).catch(() => undefined));
  await run('bash', [join(scripts, 'down.sh')], { env: joinerEnv(), timeout: 90_000 }).catch(() => undefined);
  rmSync(joinerState, { recursive: true, force: true });
  await adapter?.close?.();
}, 120_000);

describe('joining a real second daemon with the command tokentui prints', () => {
  it('joins, spends the token, and then refuses a token for the name now taken', async () => {
    const created = await adapter.create!({ description: member, ttlSeconds: adapter.capabilities.ttl.defaultSeconds });
    const preview = await adapter.impact!(created.token.id);
    expect(preview).toMatchObject({ state: 'known', items: expect.arrayContaining([expect.objectContaining({ kind: 'join-in-progress', subject: member })]) });

    const command = await adapter.joinCommand!(created);
    expect(command).toContain(JOIN_ADDRESS_EXPRESSION);
    // On a real new machine its first address is the one to give; here it is the joiner's loopback.
    const joinerDir = readFileSync(join(joinerState, 'env'), 'utf8').match(/TOKENTUI_LXD_DIR='([^']+)'/)![1]!;
    await shell(lxd, command.replace(JOIN_ADDRESS_EXPRESSION, '127.0.0.2'), lxd.conf, { LXD_DIR: joinerDir });

    const members = await lxc(lxd, ['cluster', 'list', '-f', 'csv']);
    expect(members).toMatch(new RegExp(`^${member},https://127\\.0\\.0\\.2:\\d+,.*,ONLINE,`, 'm'));
    expect((await adapter.list()).map((token) => token.id)).not.toContain(created.token.id);
    expect((await lxcTokens(lxd, 'join')).map((row) => row.name)).not.toContain(member);
    await expect(adapter.get(created.token.id)).rejects.toMatchObject({ kind: 'not-found' });

    await expect(adapter.create!({ description: member, ttlSeconds: adapter.capabilities.ttl.defaultSeconds })).rejects.toMatchObject({ kind: 'already-exists' });
  }, 150_000);
});
