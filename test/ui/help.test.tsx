// The `?` screen in-process: it pages (PgDn/PgUp), jumps to either end (g/G), and searches (`/`,
// then n/N), so the TTL legend at its end is one key away instead of fifty.
import { describe, expect, it } from 'vitest';
import { frameLines } from '../support/render.tsx';
import { T0, HOUR, token } from './fixtures.ts';
import { keysFor } from './keys.ts';
import { useAppHarness, type AppHarness } from './render-app.tsx';

const open = useAppHarness((options) => ({ tokens: [token('abcdef', { expiresAt: T0 + 2 * HOUR })], rows: 16, columns: 80, ...options }));

/** The help's body: the lines between the two header lines and the footer. */
const body = (app: AppHarness): string[] => app.lines().slice(2, -1);

async function openHelp(app: AppHarness): Promise<void> {
  await app.waitForText('abcdef');
  app.ui.write(keysFor('app.help'));
  await app.waitForText('Token list');
}

describe('help', () => {
  it('pages with PgDn/PgUp and jumps with G (the TTL legend) and g', async () => {
    const app = open();
    await openHelp(app);
    const first = body(app);
    expect(first[0]).toBe('Token list');
    const total = Number(/lines 1-\d+ of (\d+)/.exec(app.lines().at(-1) ?? '')?.[1]);
    expect(total).toBeGreaterThan(40);
    app.ui.write(keysFor('help.pageDown'));
    await app.waitForText(`lines ${first.length + 1}-${2 * first.length} of ${total}`);
    expect(body(app)[0]).not.toBe(first[0]);
    app.ui.write(keysFor('help.pageUp'));
    await app.waitForText(`lines 1-${first.length} of ${total}`);
    app.ui.write(keysFor('help.bottom'));
    const end = await app.waitForText(`lines ${total - first.length + 1}-${total} of ${total}`);
    expect(frameLines(end).join('\n')).toContain('○  used up');
    app.ui.write(keysFor('help.top'));
    await app.waitForText(`lines 1-${first.length} of ${total}`);
  });

  it('/ searches: Enter scrolls the first match to the top, n and N walk the matches, a miss says so', async () => {
    const app = open();
    await openHelp(app);
    app.ui.write(keysFor('help.search') + 'clock skew');
    await app.waitForText('/clock skew▏');
    app.ui.write(keysFor('help.searchRun'));
    await app.waitForText('"clock skew": line');
    // Near the end the match cannot reach the top: it is on screen, highlighted.
    expect(body(app).some((line) => line.includes('clock skew'))).toBe(true);
    app.ui.write(keysFor('help.search') + 'scroll' + keysFor('help.searchRun'));
    const firstHit = Number(/"scroll": line (\d+)/.exec(await app.waitForText('"scroll": line'))?.[1]);
    app.ui.write(keysFor('help.searchNext'));
    await app.ui.waitForFrame((frame) => {
      const line = Number(/"scroll": line (\d+)/.exec(frame)?.[1]);
      return line > firstHit;
    });
    app.ui.write(keysFor('help.searchPrevious'));
    await app.waitForText(`"scroll": line ${firstHit} of`);
    app.ui.write(keysFor('help.search') + 'no such words' + keysFor('help.searchRun'));
    await app.waitForText('no help line matches "no such words"');
  });
});
