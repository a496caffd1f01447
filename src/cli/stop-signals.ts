// What "the process is told to stop" means for the command line: SIGINT (Ctrl+C outside the
// TUI), SIGTERM (kill, systemd) and SIGHUP (the terminal or SSH session went away). A command
// that holds something to clean up (the reference server, the demo's temporary database)
// subscribes; while anything is subscribed the signal no longer kills the process at once:
// the cleanups run, then the process ends with the code they chose. A second signal during
// the cleanup ends it immediately.
import { constants } from 'node:os';

export const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
export type StopSignal = (typeof STOP_SIGNALS)[number];

/** Runs once on the first stop signal; resolves to the exit code the process ends with. */
export type StopCleanup = (signal: StopSignal) => Promise<number>;

/** Subscribes a cleanup; returns the unsubscribe. */
export type OnStopSignal = (cleanup: StopCleanup) => () => void;

/** The shell's convention for "ended by a signal": 128 + its number (SIGINT 130, SIGTERM 143). */
export function exitCodeForSignal(signal: StopSignal): number {
  return 128 + constants.signals[signal];
}

/** A cleanup that fails, even synchronously, still lets the process end (with the signal's code). */
function runCleanup(cleanup: StopCleanup, signal: StopSignal): Promise<number> {
  try {
    return cleanup(signal).catch(() => exitCodeForSignal(signal));
  } catch {
    return Promise.resolve(exitCodeForSignal(signal));
  }
}

export interface SignalSource {
  on(signal: StopSignal, listener: (signal: StopSignal) => void): unknown;
  off(signal: StopSignal, listener: (signal: StopSignal) => void): unknown;
}

/** Binds OnStopSignal to a process (src/process-main.ts: the real one; tests: an emitter and a fake exit). */
export function bindStopSignals(source: SignalSource, exit: (code: number) => void): OnStopSignal {
  const cleanups = new Set<StopCleanup>();
  let stopping = false;

  const onSignal = (signal: StopSignal) => {
    if (stopping) {
      exit(exitCodeForSignal(signal));
      return;
    }
    stopping = true;
    const running = [...cleanups].map((cleanup) => runCleanup(cleanup, signal));
    void Promise.all(running).then((codes) => exit(codes.find((code) => code !== 0) ?? 0));
  };

  const listen = () => STOP_SIGNALS.forEach((signal) => source.on(signal, onSignal));
  // Without subscribers the default action (end the process) applies again.
  const unlisten = () => STOP_SIGNALS.forEach((signal) => source.off(signal, onSignal));

  return (cleanup) => {
    if (cleanups.size === 0) listen();
    cleanups.add(cleanup);
    return () => {
      if (!cleanups.delete(cleanup) || cleanups.size > 0 || stopping) return;
      unlisten();
    };
  };
}
