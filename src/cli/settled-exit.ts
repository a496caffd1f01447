// The end of a one-shot command's process. Once the command has left nothing running, the process
// ends through process.exit instead of through Node's teardown of the heap and the environment,
// which an ended event loop goes through first: ~1.5-3 ms of a fleet list, whose heap holds
// thousands of tokens (paired runs over the real fleet, bench/fleet-list.mjs's command).

/** The parts of `process` this reads. */
export interface SettlingProcess {
  getActiveResourcesInfo(): string[];
  readonly stdout: { readonly writableLength: number };
  readonly stderr: { readonly writableLength: number };
  exit(): void;
}

/** Only the standard streams are left (a pipe or a terminal each, at most three). */
export function onlyStandardStreamsLeft(resources: readonly string[]): boolean {
  return resources.length <= 3 && resources.every((kind) => kind === 'PipeWrap' || kind === 'TTYWrap');
}

/**
 * Exits, keeping process.exitCode, when nothing but the standard streams is left and they have
 * written everything. A child, a socket, a ref'd timer or a file write still going leaves the
 * exit to Node, as before (an unref'd timer is not listed, and holds Node back no more than it
 * holds this). After a turn of the event loop, so that promise callbacks queued by the end of
 * the command run first. process.exit emits 'exit' as a natural end does; nothing in tokentui
 * listens for 'beforeExit', which it skips.
 */
export function exitOnceSettled(process: SettlingProcess, later: (run: () => void) => void = setImmediate): void {
  later(() => {
    if (!onlyStandardStreamsLeft(process.getActiveResourcesInfo())) return;
    if (process.stdout.writableLength === 0 && process.stderr.writableLength === 0) process.exit();
  });
}
