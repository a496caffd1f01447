// Who owns the terminal while an exec credential plugin wants it. The CLI never takes the screen,
// so a plugin simply inherits the terminal; the TUI registers a handoff (Ink's suspendTerminal)
// so that an interactive plugin run after the TUI has taken the screen gets it back: the TUI
// leaves the alternate screen and raw mode, the plugin prompts and reads, the TUI redraws.

/** Runs `work` while the UI has handed the terminal back; resolves with its result. */
export type TerminalHandoff = (work: () => Promise<void>) => Promise<void>;

let handoff: TerminalHandoff | undefined;
/** False while the terminal is only held without a screen drawn (keys held while the TUI starts). */
let handoffDrawsScreen = true;
// One plugin at a time may hold the terminal (two prompts at once would interleave).
let queue: Promise<unknown> = Promise.resolve();

/**
 * Registers the UI's handoff; the returned function unregisters it (when the UI exits).
 * `drawsScreen` false: the terminal is held (keys not echoed) but nothing is drawn yet, so a
 * plugin's stray output may still go to it.
 */
export function setTerminalHandoff(next: TerminalHandoff, drawsScreen = true): () => void {
  handoff = next;
  handoffDrawsScreen = drawsScreen;
  return () => {
    if (handoff === next) handoff = undefined;
  };
}

/** True while a UI holds the screen: a plugin's stray output would land inside its frame. */
export function terminalHeldByUi(): boolean {
  return handoff !== undefined && handoffDrawsScreen;
}

interface ReadingHandle {
  reading?: boolean;
  readStop?: () => number;
  readStart?: () => number;
}

/**
 * Stops this process reading its terminal until the returned function is called. Ink 8's
 * suspendTerminal detaches its listener and turns raw mode off, but the tty handle keeps reading
 * into the stream's buffer, so what the user types for the plugin would reach the TUI instead
 * (seen in tmux: the child never got its line). stream.pause() does not stop a tty handle; only
 * the handle's own readStop does, which Node keeps internal, hence the guarded access.
 */
export function holdTerminalInput(stdin: NodeJS.ReadStream): () => void {
  const handle = (stdin as unknown as { _handle?: ReadingHandle })._handle;
  if (handle?.readStop === undefined || handle.readStart === undefined || handle.reading !== true) return () => undefined;
  handle.reading = false;
  handle.readStop();
  return () => {
    handle.reading = true;
    handle.readStart?.();
  };
}

/** Runs `work` with the terminal: directly when no UI holds it, else inside the UI's handoff. */
export function withTerminal<T>(work: () => Promise<T>): Promise<T> {
  const run = async (): Promise<T> => {
    const current = handoff;
    if (current === undefined) return work();
    let result: { value: T } | undefined;
    await current(async () => {
      const release = holdTerminalInput(process.stdin);
      try {
        result = { value: await work() };
      } finally {
        release();
      }
    });
    if (result === undefined) throw new Error('the terminal handoff ended without running the plugin');
    return result.value;
  };
  const next = queue.then(run, run);
  queue = next.catch(() => undefined);
  return next;
}
