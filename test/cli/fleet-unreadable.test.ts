// Fleet mode (the TUI's :fleet) over a kubeconfig chain with a file that does not parse: the file
// becomes a member that never opens, named by the file, so the strip shows it failed instead of
// the fleet looking whole. The CLI's side (a line, exit 1) is in list-fleet.test.ts.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { failureReason } from '../../src/adapters/operations/fleet.ts';
import { fleetOfEveryContext } from '../../src/cli/fleet-contexts.ts';
import { ManualClock } from '../../src/core/clock.ts';
import { connectionStrip, fleetReducer, initialFleetState } from '../../src/ui/features/fleet/fleet-model.ts';
import { removeScratch } from '../support/at-rest.ts';

const home = mkdtempSync(join(tmpdir(), 'tokentui-fleet-unreadable-'));
afterAll(() => removeScratch(home));

describe('fleet mode over an unreadable kubeconfig', () => {
  it('shows the file as a read-only member that fails to open, with the parse problem as its reason', async () => {
    const good = join(home, 'good.yaml');
    writeFileSync(good, "clusters: [{name: c, cluster: {server: 'https://127.0.0.1:1'}}]\nusers: [{name: u, user: {token: t}}]\ncontexts: [{name: prod, context: {cluster: c, user: u}}]\n");
    const broken = join(home, 'broken.yaml');
    writeFileSync(broken, 'contexts:\n- name: prod-c\n  context: [\n');
    const env = { HOME: home, KUBECONFIG: `${broken}:${good}`, TOKENTUI_SYSTEM_KUBECONFIGS: '', XDG_CONFIG_HOME: join(home, 'config'), XDG_STATE_HOME: home };
    const members = await fleetOfEveryContext({ readonly: false, noColor: true, demo: false }, { env, cwd: home }, new ManualClock(0));
    expect(members.map((member) => member.context)).toEqual(['prod', `kubeconfig ${broken}`]);
    const unreadable = members[1]!;
    expect(unreadable.readonly).toBe(true);
    const error = await unreadable.open().then(() => null, (reason: unknown) => reason);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(new RegExp(`^kubeconfig ${broken}: line \\d+: `));
    const state = [
      { type: 'members' as const, members: members.map(({ context, readonly }) => ({ context, readonly })) },
      { type: 'open-failed' as const, context: unreadable.context, problem: failureReason(error).kind },
    ].reduce(fleetReducer, initialFleetState());
    expect(connectionStrip(state)).toBe(`prod ○ connecting · kubeconfig ${broken} ✗ invalid [ro]`);
  });
});
