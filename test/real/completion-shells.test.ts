// The completion scripts in the real shells, typed into as a user would: an interactive bash,
// zsh and fish in tmux, with `tokentui` on PATH as npm installs it (a link to the built
// dist/cli.js) and the script loaded the way its header says. Tab is pressed, the screen read.
// Needs no cluster: contexts come from a kubeconfig file, token ids from the embedded demo.
// The candidates themselves are tested in-process: test/cli/completion.test.ts.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { removeScratch } from '../support/at-rest.ts';
import { useSilentServer } from '../support/silent-server.ts';
import { startTmux, type ScreenPredicate, type TmuxSession } from '../support/tmux.ts';
import { nodeBin, requireBuiltCli } from '../support/tui-app.ts';

// tmux's capture drops trailing blanks, so a prompt line ends at its `$`.
const PROMPT = /^READY\$$/m;

let scratch: string;
let env: Record<string, string>;

/** A kubeconfig with two contexts; nothing connects to its server while completing names. */
function writeKubeconfig(path: string, server: string): void {
  writeFileSync(path, [
    'apiVersion: v1', 'kind: Config',
    'clusters:', '- name: lab', '  cluster:', `    server: ${server}`,
    'users:', '- name: admin', '  user:', '    token: not-a-real-token',
    'contexts:',
    '- name: lab-admin', '  context:', '    cluster: lab', '    user: admin',
    '- name: staging', '  context:', '    cluster: lab', '    user: admin',
    'current-context: lab-admin', '',
  ].join('\n'));
}

beforeAll(() => {
  const cli = requireBuiltCli();
  scratch = mkdtempSync(join(tmpdir(), 'tokentui-completion-'));
  const bin = join(scratch, 'bin');
  mkdirSync(bin);
  // As `npm install -g` lays it out: tokentui -> dist/cli.js (#!/usr/bin/env node), Node 24 as `node`.
  symlinkSync(cli, join(bin, 'tokentui'));
  symlinkSync(nodeBin, join(bin, 'node'));
  const kubeconfig = join(scratch, 'kubeconfig');
  writeKubeconfig(kubeconfig, 'https://127.0.0.1:1');
  env = {
    PATH: `${bin}:/usr/bin:/bin`,
    HOME: scratch,
    KUBECONFIG: kubeconfig,
    TOKENTUI_SYSTEM_KUBECONFIGS: '',
    XDG_CONFIG_HOME: join(scratch, 'config'),
    XDG_STATE_HOME: join(scratch, 'state'),
    XDG_DATA_HOME: join(scratch, 'data'),
    TMPDIR: scratch,
    TERM: 'xterm-256color',
  };
});

afterAll(() => removeScratch(scratch));

describe('completion in real shells', () => {
  let shell: TmuxSession | undefined;
  afterEach(async () => {
    await shell?.kill();
    shell = undefined;
  });

  /** The shell in tmux, with the script loaded as its header says; resolves at the prompt. */
  async function openShell(command: readonly string[], load: string, prompt: RegExp): Promise<TmuxSession> {
    // PATH through env(1): tmux puts its own PATH over one given with -e.
    const session = await startTmux({ command: ['env', `PATH=${env.PATH}`, ...command], columns: 120, rows: 30, cwd: scratch, env });
    await session.waitForScreen((screen) => screen.trim() !== '', 10_000); // its first prompt, whatever it is
    await session.sendText(`${load}; clear\n`);
    await session.waitForScreen((screen) => screen.trim().split('\n').length === 1 && prompt.test(screen), 15_000);
    return session;
  }

  /** Types `line`, presses Tab (twice where the shell lists only on the second), returns the screen once it matches. */
  async function tab(session: TmuxSession, line: string, tabs: number, expected: ScreenPredicate): Promise<string> {
    await session.sendText(line);
    for (let index = 0; index < tabs; index++) await session.sendKeys('Tab');
    const screen = await session.waitForScreen(expected, 15_000);
    await session.sendKeys('C-c');
    await session.sendText('clear\n');
    return screen;
  }

  it('bash: `tokentui re<Tab>` completes revoke, `--context <Tab><Tab>` lists the contexts', async () => {
    shell = await openShell(['bash', '--norc', '--noprofile'], "PS1='READY$ '; source <(tokentui completion bash)", PROMPT);
    await tab(shell, 'tokentui re', 1, /^READY\$ tokentui revoke$/m);
    const contexts = await tab(shell, 'tokentui --context ', 2, /^lab-admin\s+staging\s*$/m);
    expect(contexts).toMatch(/^READY\$ tokentui --context$/m);
    // bash splits `--context=st` at the `=`; the script reads the line itself.
    await tab(shell, 'tokentui list --context=st', 1, /^READY\$ tokentui list --context=staging$/m);
    // Token ids from the backend the line names: the demo's nine tokens.
    const ids = await tab(shell, 'tokentui --demo revoke ', 2, (screen) => (screen.match(/\b[a-z0-9]{6}\b/g) ?? []).length >= 9);
    expect(ids).toMatch(/^READY\$ tokentui --demo revoke$/m);
  });

  it('zsh: the same candidates, with their descriptions', async () => {
    shell = await openShell(['zsh', '-f'], "PS1='READY$ '; autoload -Uz compinit && compinit -u && source <(tokentui completion zsh)", PROMPT);
    await tab(shell, 'tokentui re', 1, /^READY\$ tokentui revoke$/m);
    // zsh groups values that share a description.
    await tab(shell, 'tokentui --context ', 1, /^lab-admin\s+staging\s+--\s+discovered$/m);
    const commands = await tab(shell, 'tokentui r', 1, /^revoke\s+-- revoke tokens after their impact preview/m);
    expect(commands).toMatch(/^rotate\s+-- replace a token/m);
  });

  it('fish: the same candidates, with their descriptions', async () => {
    shell = await openShell(['fish', '--no-config', '-C', "function fish_prompt; echo -n 'READY$ '; end"], 'tokentui completion fish | source', PROMPT);
    await tab(shell, 'tokentui re', 1, /^READY\$ tokentui revoke$/m);
    const contexts = await tab(shell, 'tokentui --context ', 1, /lab-admin\s+\(discovered\)/);
    expect(contexts).toMatch(/staging\s+\(discovered\)/);
  });
});

describe('a Tab against a backend that never answers', () => {
  const silent = useSilentServer();

  it('the process ends after the time limit with nothing offered, the request still open', async () => {
    const kubeconfig = join(scratch, 'hanging-kubeconfig');
    writeKubeconfig(kubeconfig, silent.url);
    const started = Date.now();
    const result = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      execFile(nodeBin, [requireBuiltCli(), '__complete', 'revoke', ''], { env: { ...env, KUBECONFIG: kubeconfig }, timeout: 60_000 }, (error, stdout, stderr) => {
        resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : null, stdout, stderr });
      });
    });
    const elapsed = Date.now() - started;
    expect(result).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(silent.requests).toBeGreaterThan(0);
    expect(elapsed).toBeGreaterThanOrEqual(1_500); // it did wait for the backend, up to the limit
    expect(elapsed).toBeLessThan(10_000); // and did not wait for the request (kube client timeouts are far longer)
  });
});
