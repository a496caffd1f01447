// Issue 3, "Must show": with NO_COLOR=1 (or --no-color) the real terminal receives no SGR
// colour codes (tmux capture-pane -e), and urgency is still readable from glyphs and words.
// The same screen without NO_COLOR is captured first, so the check can fail: it has colour.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { colorSgrCodes } from '../support/ansi-screen.ts';
import { kubeadm, realCluster } from '../support/real-cluster.ts';
import type { TmuxSession } from '../support/tmux.ts';
import { connectionLine, requireBuiltCli, rowOf, startTui, tokenIdFrom, ttlOf } from '../support/tui-app.ts';

// kubeadm --ttl → the glyph and text the TTL cell must show without colour.
const URGENCIES = [
  { ttl: '2h', cell: /^● 1h5\dm$/ },
  { ttl: '30m', cell: /^◐ (29|30):\d\d$/ },
  { ttl: '3m', cell: /^! 0[23]:\d\d$/ },
  { ttl: '0', cell: /^∞ never$/ },
] as const;

describe('colour off in a real terminal', () => {
  let cliPath: string;
  const ids: string[] = [];
  const sessions: TmuxSession[] = [];

  beforeAll(async () => {
    cliPath = requireBuiltCli();
    for (const urgency of URGENCIES) {
      const result = await kubeadm(['token', 'create', '--ttl', urgency.ttl, '--description', `no-color ${urgency.ttl}`]);
      expect(result.code, result.stderr).toBe(0);
      ids.push(tokenIdFrom(result.stdout));
    }
  });

  afterAll(async () => {
    await Promise.all(sessions.map((session) => session.kill()));
    await Promise.all(ids.map((id) => kubeadm(['token', 'delete', id])));
  });

  async function screenWith(env: Record<string, string>, args: string[] = []): Promise<{ plain: string; colored: string }> {
    const tui = await startTui({ cliPath, kubeconfig: realCluster().kubeconfig, env, args });
    sessions.push(tui);
    const plain = await tui.waitForScreen(
      (screen) => connectionLine(screen).startsWith('● live') && ids.every((id) => rowOf(screen, id) !== undefined),
      15_000,
    );
    return { plain, colored: await tui.capture({ colors: true }) };
  }

  it('writes colour codes by default (the control)', async () => {
    const { colored } = await screenWith({});
    expect(colorSgrCodes(colored).length).toBeGreaterThan(0);
  });

  for (const [label, env, args] of [
    ['NO_COLOR=1', { NO_COLOR: '1' }, []],
    ['--no-color', {}, ['--no-color']],
  ] as const) {
    it(`writes no SGR colour code with ${label}, and shows urgency as glyphs and words`, async () => {
      const { plain, colored } = await screenWith({ ...env }, [...args]);
      expect(colorSgrCodes(colored)).toEqual([]);
      URGENCIES.forEach((urgency, index) => {
        expect(ttlOf(plain, ids[index] ?? '')).toMatch(urgency.cell);
      });
      // chalk level 0 drops inverse too: the cursor glyph alone marks the selected row.
      expect(plain.split('\n').filter((line) => line.startsWith('›'))).toHaveLength(1);
    });
  }
});
