// A small tmux driver for real-terminal tests, screenshots and benchmarks: one private tmux
// server per session (its own -L socket, so parallel runs never meet), a pane of a fixed size
// running one command, keys sent by name, the screen read with capture-pane. Screens are
// awaited by polling capture-pane, never by fixed sleeps.
// Plain erasable TypeScript: the .mjs scripts import it directly (Node 24 strips the types).
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';

export interface TmuxStartOptions {
  /** argv of the program to run in the pane (quoted for the shell by this module). */
  readonly command: readonly string[];
  readonly columns: number;
  readonly rows: number;
  /** Extra environment for the program (on top of a cleaned copy of process.env). */
  readonly env?: Readonly<Record<string, string>>;
  readonly cwd?: string;
  /** tmux server socket name (-L); default: a fresh unique name. */
  readonly socket?: string;
}

export interface CaptureOptions {
  /** Keep SGR colour/attribute codes (capture-pane -e). */
  readonly colors?: boolean;
}

export type ScreenPredicate = RegExp | ((screen: string) => boolean);

export interface WaitOptions extends CaptureOptions {
  /** Poll interval; default 50 ms. */
  readonly intervalMs?: number;
}

// Variables that would change what the app under test does with colour or tmux itself:
// vitest sets FORCE_COLOR=0, and a developer's shell may be inside tmux already.
const SCRUBBED_ENV = ['FORCE_COLOR', 'NO_COLOR', 'TMUX', 'TMUX_PANE', 'CI', 'COLORTERM'];

/** Quotes one argument for /bin/sh. */
export function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`;
}

function tmuxEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of SCRUBBED_ENV) delete env[name];
  return env;
}

function runTmux(socket: string, args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('tmux', ['-L', socket, '-f', '/dev/null', ...args], { env: tmuxEnv(), maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`tmux ${args[0] ?? ''} failed: ${stderr.trim() || error.message}`));
      else resolve(stdout);
    });
  });
}

export class TmuxSession {
  readonly socket: string;
  readonly target = 'app';
  #recording: string | null = null;

  constructor(socket: string) {
    this.socket = socket;
  }

  /** Runs a tmux command against this session's server. */
  tmux(...args: string[]): Promise<string> {
    return runTmux(this.socket, args);
  }

  /** The visible screen, one line per row (trailing blanks trimmed by tmux). */
  async capture(options: CaptureOptions = {}): Promise<string> {
    const out = await this.tmux('capture-pane', '-p', ...(options.colors === true ? ['-e'] : []), '-t', this.target);
    return out.endsWith('\n') ? out.slice(0, -1) : out;
  }

  /**
   * Sends keys by tmux name (`Down`, `Enter`, `Escape`, `PageDown`, `C-c`, `q`). All keys of one
   * call reach the app in one chunk, like fast typing over SSH.
   */
  async sendKeys(...keys: string[]): Promise<void> {
    await this.tmux('send-keys', '-t', this.target, ...keys);
  }

  /** Types text literally (no key-name lookup). */
  async sendText(text: string): Promise<void> {
    await this.tmux('send-keys', '-t', this.target, '-l', text);
  }

  /**
   * Polls capture-pane until the screen matches; resolves with that screen. On timeout the
   * error carries the last screen, which is what one needs to see when a real test fails.
   */
  async waitForScreen(predicate: ScreenPredicate, timeoutMs: number, options: WaitOptions = {}): Promise<string> {
    const test = typeof predicate === 'function' ? predicate : (screen: string) => predicate.test(screen);
    const deadline = Date.now() + timeoutMs;
    let last = '';
    for (;;) {
      last = await this.capture(options);
      if (test(last)) return last;
      if (Date.now() >= deadline) {
        const status = await this.exitStatus().catch(() => null);
        const exited = status === null ? '' : ` (the program exited with status ${status})`;
        throw new Error(`tmux: screen did not match ${String(predicate)} within ${timeoutMs} ms${exited}; last screen:\n${last}`);
      }
      await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 50));
    }
  }

  async resize(columns: number, rows: number): Promise<void> {
    await this.tmux('resize-window', '-t', this.target, '-x', String(columns), '-y', String(rows));
  }

  /** Appends every byte the program writes from now on to `file` (tmux pipe-pane). */
  async startRecording(file: string): Promise<void> {
    await this.tmux('pipe-pane', '-o', '-t', this.target, `cat >> ${shellQuote(file)}`);
    this.#recording = file;
  }

  async stopRecording(): Promise<void> {
    if (this.#recording === null) return;
    await this.tmux('pipe-pane', '-t', this.target);
    this.#recording = null;
  }

  /** PID of the program in the pane (for RSS readings), or null once it has exited. */
  async pid(): Promise<number | null> {
    const out = await this.tmux('display-message', '-p', '-t', this.target, '#{pane_dead} #{pane_pid}');
    const [dead, pid] = out.trim().split(' ');
    return dead === '1' || pid === undefined ? null : Number(pid);
  }

  /**
   * Exit status of the program once it has ended (the pane stays: remain-on-exit), else null.
   * Also null when tmux marked the pane dead (its terminal closed) without the status, which
   * tmux 3.3 can do for good (tmux/tmux#4841), and after death by a signal. A test that must
   * see the status records it itself (`sh -c '"$@"; echo $? > FILE'`).
   */
  async exitStatus(): Promise<number | null> {
    const out = await this.tmux('display-message', '-p', '-t', this.target, '#{pane_dead} #{pane_dead_status}');
    const [dead, status = ''] = out.trim().split(' ');
    return dead === '1' && status !== '' ? Number(status) : null;
  }

  /** Stops the program and this session's tmux server. Never throws (safe in finally). */
  async kill(): Promise<void> {
    await this.tmux('kill-server').catch(() => undefined);
  }
}

/**
 * Starts a private tmux server with one detached session of exactly columns×rows running
 * the command. The pane is kept after the program exits so its last screen stays readable.
 */
export async function startTmux(options: TmuxStartOptions): Promise<TmuxSession> {
  const socket = options.socket ?? `tokentui-${process.pid}-${randomBytes(4).toString('hex')}`;
  const session = new TmuxSession(socket);
  const envArgs = Object.entries(options.env ?? {}).flatMap(([name, value]) => ['-e', `${name}=${value}`]);
  const command = options.command.map(shellQuote).join(' ');
  // One tmux invocation: the options are set before the program starts, so an early exit or an
  // early first frame is never missed.
  await runTmux(socket, [
    'start-server', ';',
    'set-option', '-g', 'remain-on-exit', 'on', ';',
    'set-option', '-g', 'status', 'off', ';',
    'set-option', '-g', 'history-limit', '0', ';',
    'new-session', '-d', '-s', session.target, '-x', String(options.columns), '-y', String(options.rows),
    ...(options.cwd === undefined ? [] : ['-c', options.cwd]),
    ...envArgs,
    command,
  ]);
  return session;
}
