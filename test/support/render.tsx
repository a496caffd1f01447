// A fixed-size Ink renderer for layout tests. ink-testing-library's stdout has 100 columns
// and no rows (so useWindowSize() reads the real terminal); this one sets both and can
// resize, the way a terminal emulator does (new size, then a 'resize' event).
import { EventEmitter } from 'node:events';
import { render as inkRender } from 'ink';
import type { ReactElement } from 'react';

class FixedStdout extends EventEmitter {
  readonly frames: string[] = [];
  isTTY = false;
  constructor(
    public columns: number,
    public rows: number,
  ) {
    super();
  }
  // Ink waits for write callbacks before it reports the app as exited.
  write = (frame: string, encodingOrCallback?: unknown, callback?: unknown): boolean => {
    this.frames.push(frame);
    const done = typeof encodingOrCallback === 'function' ? encodingOrCallback : callback;
    if (typeof done === 'function') queueMicrotask(() => (done as () => void)());
    return true;
  };
}

class FakeStdin extends EventEmitter {
  isTTY = true;
  private pending: string | null = null;
  write = (data: string): void => {
    this.pending = data;
    this.emit('readable');
    this.emit('data', data);
  };
  read = (): string | null => {
    const data = this.pending;
    this.pending = null;
    return data;
  };
  setEncoding(): void {}
  setRawMode(): void {}
  resume(): void {}
  pause(): void {}
  ref(): void {}
  unref(): void {}
}

export interface FakeTerminal {
  /** Pass as `stdout`; `frames` holds every write, `isTTY` is true like a real terminal. */
  readonly stdout: NodeJS.WriteStream & { readonly frames: readonly string[] };
  readonly stdin: NodeJS.ReadStream & { write(data: string): void };
}

/** Streams for code that calls Ink's render() itself (runTui): a TTY of a fixed size. */
export function createFakeTerminal(columns = 100, rows = 30): FakeTerminal {
  const stdout = new FixedStdout(columns, rows);
  stdout.isTTY = true;
  return {
    stdout: stdout as unknown as FakeTerminal['stdout'],
    stdin: new FakeStdin() as unknown as FakeTerminal['stdin'],
  };
}

export interface FixedSizeRender {
  /** Every frame Ink wrote, in order (debug mode writes whole frames). */
  readonly frames: readonly string[];
  lastFrame(): string;
  /** Writes raw bytes to stdin in one chunk, like a paste or `tmux send-keys A B`. */
  write(data: string): void;
  resize(columns: number, rows: number): void;
  /** Resolves with the first frame (current or future) that satisfies `predicate`. */
  waitForFrame(predicate: (frame: string) => boolean, timeoutMs?: number): Promise<string>;
  /** Lets pending renders and timers at 0 ms run. */
  settle(ms?: number): Promise<void>;
  unmount(): void;
  readonly columns: number;
  readonly rows: number;
}

export interface FixedSizeOptions {
  readonly columns?: number;
  readonly rows?: number;
}

export function renderFixedSize(tree: ReactElement, options: FixedSizeOptions = {}): FixedSizeRender {
  const stdout = new FixedStdout(options.columns ?? 100, options.rows ?? 30);
  const stdin = new FakeStdin();
  const instance = inkRender(tree, {
    stdout: stdout as unknown as NodeJS.WriteStream,
    stdin: stdin as unknown as NodeJS.ReadStream,
    stderr: new FixedStdout(stdout.columns, stdout.rows) as unknown as NodeJS.WriteStream,
    debug: true,
    exitOnCtrlC: false,
    patchConsole: false,
  });
  const lastFrame = (): string => stdout.frames.at(-1) ?? '';
  const settle = (ms = 0): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
  return {
    frames: stdout.frames,
    lastFrame,
    write: (data) => stdin.write(data),
    resize(columns, rows) {
      stdout.columns = columns;
      stdout.rows = rows;
      stdout.emit('resize');
    },
    async waitForFrame(predicate, timeoutMs = 2_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const frame = lastFrame();
        if (predicate(frame)) return frame;
        if (Date.now() > deadline) throw new Error(`no frame matched within ${timeoutMs} ms; last frame:\n${frame}`);
        await settle(5);
      }
    },
    settle,
    unmount: () => instance.unmount(),
    get columns() {
      return stdout.columns;
    },
    get rows() {
      return stdout.rows;
    },
  };
}

/** Visible lines of a frame (SGR codes removed). */
export function frameLines(frame: string): string[] {
  return frame.replace(/\u001b\[[0-9;]*m/g, '').replace(/\n$/, '').split('\n');
}
