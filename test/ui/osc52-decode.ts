// Reading OSC 52 back the way a terminal (or tmux) would, to check what the TUI wrote.
const ESC = '\u001b';

/** Every OSC 52 payload in `bytes`, decoded (what a terminal would put on the clipboard). */
export function decodeOsc52(bytes: string): string[] {
  return [...bytes.matchAll(/\u001b\]52;c;([A-Za-z0-9+/=]*)\u0007/g)].map((match) => Buffer.from(match[1] ?? '', 'base64').toString('utf8'));
}

/** The sequence inside a tmux DCS passthrough, with the doubled ESCs undone; null if none. */
export function unwrapTmux(bytes: string): string | null {
  const match = /\u001bPtmux;([\s\S]*?)\u001b\\$/.exec(bytes);
  return match === null ? null : (match[1] ?? '').replaceAll(ESC + ESC, ESC);
}
