// The built TUI in tmux against a hostile REST token server (in this process, on loopback): every
// byte the app writes (pipe-pane, from before its first frame) and the screen tmux shows
// (capture-pane -e) hold no escape sequence, C1 control or bidi character that came from server
// data; the escapes are shown as visible text instead; the pane title is untouched; and a created
// token whose secret carries an OSC 52 clipboard write is refused, never shown or copied.
// Needs `npm run build` and tmux; no cluster.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY, startFakeRestServer, tokensRoute, wireToken, type FakeRestServer } from '../hostile/fake-rest-server.ts';
import { removeScratch } from '../support/at-rest.ts';
import { HOSTILE_SAMPLES } from '../support/hostile-text.ts';
import { sendJson } from '../support/hostile-server.ts';
import { startTmux, type TmuxSession } from '../support/tmux.ts';
import { createThroughWizard } from '../support/tui-flows.ts';
import { nodeBin, repoRoot, requireBuiltCli } from '../support/tui-app.ts';

const HOSTILE_SECRET = 'abcdef.0123456789abcde\u001b]52;c;ZXZpbA==\u0007';

/** What the app's own drawing never writes, so any of it in the recording came from the server. */
const FROM_SERVER = [
  ['OSC (title, clipboard)', '\u001b]'],
  ['DCS (tmux passthrough)', '\u001bP'],
  ['a 256-colour SGR', '\u001b[38;5;201m'],
  ['8-bit CSI (UTF-8)', '\u00c2\u009b'],
  ['8-bit OSC (UTF-8)', '\u00c2\u009d'],
  ['RIGHT-TO-LEFT OVERRIDE (UTF-8)', '\u00e2\u0080\u00ae'],
] as const;

function expectNothingFromServer(bytes: string, where: string): void {
  for (const [what, sequence] of FROM_SERVER) expect(bytes.includes(sequence), `${what} in ${where}`).toBe(false);
  // No C1 control at all (UTF-8 C2 80..C2 9F): Ink writes none.
  expect(/\u00c2[\u0080-\u009f]/.test(bytes), `a C1 control in ${where}`).toBe(false);
}

describe('the TUI against a hostile REST server', () => {
  let server: FakeRestServer;
  let tui: TmuxSession;
  let scratch: string;
  const recording = () => readFileSync(join(scratch, 'pane.bytes'), 'latin1');

  beforeAll(async () => {
    const cli = requireBuiltCli();
    server = await startFakeRestServer();
    server.tokens = HOSTILE_SAMPLES.map((sample, index) => wireToken(`tok${index}${index === 1 ? sample : ''}`, { description: `d${index} ${sample}`, scope: sample, createdBy: sample, etag: `"e${index}"` }));
    server.tokens.push(wireToken('badexp', { description: 'unreadable expiry', expiresAt: 'tomorrow\u009b2J' }));
    server.route(tokensRoute((_request, response) => void sendJson(response, 201, { token: wireToken('abcdef'), secret: HOSTILE_SECRET }), 'POST'));
    scratch = mkdtempSync(join(tmpdir(), 'tokentui-hostile-tui-'));
    const go = join(scratch, 'go');
    // The program waits for `go`, so the recording starts before its first byte.
    tui = await startTmux({
      command: ['sh', '-c', 'while [ ! -e "$0" ]; do sleep 0.05; done; exec "$@"', go, nodeBin, cli, '--server', server.url],
      columns: 120,
      rows: 36,
      cwd: repoRoot,
      env: { TOKENTUI_API_KEY: API_KEY, XDG_CONFIG_HOME: join(scratch, 'config'), XDG_STATE_HOME: join(scratch, 'state'), HOME: scratch },
    });
    await tui.startRecording(join(scratch, 'pane.bytes'));
    writeFileSync(go, '');
  }, 30_000);

  afterAll(async () => {
    await tui?.kill();
    await server?.close();
    if (scratch !== undefined) removeScratch(scratch);
  });

  it('lists and details hostile tokens with the escapes visible and none of them acted on', async () => {
    const list = await tui.waitForScreen(/8 tokens/, 15_000);
    expect(list).toContain('\\x1b]2;pwned\\x07');
    expect(list).toContain('\\u202eevil');
    expect(list).toMatch(/badexp .*⊘ invalid/);
    // The table has one line per token: a line break in a description drew nothing.
    expect(list.split('\n').filter((line) => / d\d /.test(line))).toHaveLength(HOSTILE_SAMPLES.length);
    await tui.sendKeys('g', 'Enter');
    await tui.waitForScreen(/Revision/, 10_000);
    await tui.sendKeys('Escape');
    await tui.waitForScreen(/8 tokens/, 10_000);
    expectNothingFromServer(await tui.capture({ colors: true }), 'capture-pane -e');
    expectNothingFromServer(recording(), 'the pane output');
    expect((await tui.tmux('display-message', '-p', '-t', tui.target, '#{pane_title}')).trim()).not.toContain('pwned');
  }, 60_000);

  it('refuses a created token whose secret writes to the clipboard: not shown, not copied', async () => {
    await createThroughWizard(tui, 'hostile');
    const refused = await tui.waitForScreen(/REST contract does not allow/, 15_000);
    expect(refused).not.toContain('0123456789abcde');
    // No result screen, so nothing to copy: no OSC 52 (no OSC at all) ever reached the terminal.
    expectNothingFromServer(recording(), 'the pane output');
    expect(server.requests.filter((request) => request.method === 'POST')).toHaveLength(1);
  }, 60_000);
});
