// scripts/lxd/down.sh after an unclean stop: LXD's tmpfs mounts under its state dir (shmounts,
// devlxd) outlive a daemon killed on a loaded machine, and removing the state dir then failed
// with "Device or resource busy" (seen once in lxd-join's teardown). down.sh unmounts them.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const downScript = join(import.meta.dirname, '../../scripts/lxd/down.sh');
let state = '';

function mountsUnder(dir: string): string[] {
  return readFileSync('/proc/self/mountinfo', 'utf8').split('\n').map((line) => line.split(' ')[4] ?? '').filter((point) => point.startsWith(`${dir}/`));
}

afterEach(async () => {
  for (const point of mountsUnder(state).reverse()) await run('umount', ['-l', point]).catch(() => undefined);
  rmSync(state, { recursive: true, force: true });
});

describe('scripts/lxd/down.sh', () => {
  it.each([
    ['with the pid file of a daemon that is gone', true],
    ['with no pid file at all', false],
  ])('unmounts what LXD left mounted in its state dir, %s', async (_, withPidFile) => {
    state = mkdtempSync(join(tmpdir(), 'tokentui-lxd-down.'));
    for (const name of ['shmounts', 'devlxd']) {
      mkdirSync(join(state, 'lxd', name), { recursive: true });
      await run('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', join(state, 'lxd', name)]);
    }
    if (withPidFile) writeFileSync(join(state, 'lxd.pid'), '2147483646\n');
    expect(mountsUnder(state)).toHaveLength(2);

    await run('bash', [downScript], { env: { ...process.env, TOKENTUI_LXD_STATE: state } });

    expect(mountsUnder(state)).toEqual([]);
    rmSync(state, { recursive: true, force: true }); // the teardown that failed before
  });
});
