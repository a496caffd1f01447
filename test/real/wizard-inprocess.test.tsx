// Issue 5: a token created through the wizard by an in-process keyboard session (Ink rendered
// with ink-testing-library) against the REAL control plane authenticates and carries the chosen
// values as the real `kubeadm token list -o json` sees them.
import chalk from 'chalk';
import { afterAll, describe, expect, it } from 'vitest';
import { createAdapter } from '../../src/adapters/registry.ts';
import { systemClock } from '../../src/core/clock.ts';
import { loadKubeconfig } from '../../src/kube/kubeconfig.ts';
import { resolveKubeConnection } from '../../src/kube/kubeconfig-resolve.ts';
import { App } from '../../src/ui/app/App.tsx';
import { bearerStatus, kubeadm, realCluster, waitFor } from '../support/real-cluster.ts';
import { renderFixedSize } from '../support/render.tsx';
import { parseJsonStream } from '../support/run-cli.ts';
import { FakeTime } from '../ui/fixtures.ts';
import { keysFor } from '../ui/keys.ts';
import { createMemoryJournal } from '../ui/memory-journal.ts';
import { createMemoryRotations } from '../ui/memory-rotations.ts';

const cleanup: (() => Promise<unknown> | void)[] = [];
afterAll(async () => {
  for (const step of cleanup.reverse()) await step();
});

describe('create wizard in-process on the real control plane', () => {
  it('creates a token that authenticates and carries the typed description, TTL, usages and groups', async () => {
    chalk.level = 0;
    const kube = resolveKubeConnection(loadKubeconfig([realCluster().kubeconfig]));
    const adapter = await createAdapter({ adapter: 'kubeadm', kube }, { clock: systemClock });
    cleanup.push(() => adapter.close?.());
    const time = new FakeTime();
    time.clock.set(Date.now());
    const journal = createMemoryJournal();
    const ui = renderFixedSize(
      <App adapter={adapter} readonly={false} demo={false} contextLabel="real" pollIntervalMs={1000}
        clock={time.clock} ticks={time.ticks} audit={journal} operator={{ user: 'test', host: 'ci' }}
        verify={{ attempts: 1 }} rotations={createMemoryRotations([])} env={{}} />,
      { columns: 120, rows: 30 },
    );
    cleanup.push(() => ui.unmount());
    await ui.waitForFrame((frame) => frame.includes('live'), 10_000);
    ui.write(keysFor('token.create'));
    await ui.waitForFrame((frame) => frame.includes('step 1 of'));
    ui.write('in-process wizard' + keysFor('wizard.next'));
    await ui.waitForFrame((frame) => frame.includes('step 2 of'));
    ui.write(keysFor('wizard.deleteChar').repeat(12) + '2h' + keysFor('wizard.next'));
    await ui.waitForFrame((frame) => frame.includes('step 3 of'));
    // Usages: the cursor starts on authentication; move to signing and switch it off.
    ui.write(keysFor('wizard.usageDown', 'wizard.toggleUsage'));
    ui.write(keysFor('wizard.next'));
    await ui.waitForFrame((frame) => frame.includes('step 4 of'));
    ui.write(keysFor('wizard.next'));
    const review = await ui.waitForFrame((frame) => frame.includes('step 5 of 5'));
    expect(review).toMatch(/Usages\s+authentication\s*$/m);
    const createdAt = Date.now();
    ui.write(keysFor('wizard.create'));
    const result = await ui.waitForFrame((frame) => /[a-z0-9]{6}\.[a-z0-9]{16}/.test(frame), 15_000);
    const token = /([a-z0-9]{6})\.([a-z0-9]{16})/.exec(result)!;
    cleanup.push(() => kubeadm(['token', 'delete', token[1]!]));
    expect(await bearerStatus(token[0])).toBe(200);
    const listed = parseJsonStream((await kubeadm(['token', 'list', '-o', 'json'])).stdout) as {
      token: string; description?: string; expires?: string; usages?: string[]; groups?: string[];
    }[];
    const mine = listed.find((entry) => entry.token.startsWith(`${token[1]}.`));
    expect(mine?.description).toBe('in-process wizard');
    expect(mine?.usages).toEqual(['authentication']);
    expect(mine?.groups).toEqual(['system:bootstrappers:kubeadm:default-node-token']);
    expect(Math.abs(Date.parse(mine!.expires!) - (createdAt + 2 * 3_600_000))).toBeLessThan(120_000);
    await waitFor(() => journal.records.some((record) => record.action === 'create' && record.outcome === 'success'), { timeoutMs: 5_000 });
  }, 60_000);
});
