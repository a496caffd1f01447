// Entering the alternate screen keeps the cursor where it was on the main screen. Ink then draws
// its first frame from there, so anything that moved the cursor first (keys echoed while the
// process started, a shell prompt mid-screen) shifts the whole frame for the session: the
// header starts mid-line. This stdout moves the cursor home right after every entry.
const ENTER_ALTERNATE_SCREEN = '\u001b[?1049h';
const CURSOR_HOME = '\u001b[H';

/** `stdout` with every write that enters the alternate screen followed by a cursor home. */
export function homeOnAlternateScreen(stdout: NodeJS.WriteStream): NodeJS.WriteStream {
  const write = stdout.write.bind(stdout) as (chunk: unknown, ...rest: unknown[]) => boolean;
  return new Proxy(stdout, {
    get(target, property) {
      if (property === 'write') {
        return (chunk: unknown, ...rest: unknown[]) =>
          write(typeof chunk === 'string' ? chunk.replaceAll(ENTER_ALTERNATE_SCREEN, ENTER_ALTERNATE_SCREEN + CURSOR_HOME) : chunk, ...rest);
      }
      // Everything else is the stream itself (methods bound to it: listeners, columns, rows).
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
