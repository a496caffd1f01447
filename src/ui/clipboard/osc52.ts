// OSC 52: the terminal escape that sets the clipboard of the terminal the operator is looking
// at, so a copy works over SSH. Pure: building the bytes only; the
// UI writes them to the TTY outside Ink's frame. The terminal never acknowledges a write, so
// callers must say "sent", never "copied".
//
// Inside tmux two copies are sent, because neither reaches the outer terminal in tmux's default
// configuration and each works under a different setting:
// - the plain sequence, which tmux itself handles when `set-clipboard on`;
// - the same sequence in a DCS passthrough (`ESC P tmux; … ESC \`, every ESC doubled), which tmux
//   forwards untouched when `allow-passthrough on` (tmux 3.3+; always, before 3.3).
// When both get through, the clipboard is set twice to the same text.

const ESC = '\u001b';
const BEL = '\u0007';

/** k9s's K9S_OSC52_MAX default: larger payloads are refused rather than truncated by a terminal. */
export const OSC52_MAX_ENCODED_BYTES = 74_994;

export type Osc52Build =
  | { readonly ok: true; readonly bytes: string; readonly encodedBytes: number }
  | { readonly ok: false; readonly error: string; readonly encodedBytes: number };

export interface Osc52Options {
  /** Wrap for tmux passthrough as well (see above). */
  readonly tmux: boolean;
  readonly maxEncodedBytes?: number;
}

export function base64Utf8(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}

/** The length the payload has once base64-encoded: what the size limit counts. */
export function encodedByteLength(text: string): number {
  return 4 * Math.ceil(Buffer.byteLength(text, 'utf8') / 3);
}

/** `ESC ] 52 ; c ; <base64> BEL`: selection `c` (the clipboard), terminated by BEL. */
export function osc52Sequence(text: string): string {
  return `${ESC}]52;c;${base64Utf8(text)}${BEL}`;
}

/** tmux DCS passthrough: every ESC inside is doubled. */
export function wrapForTmux(sequence: string): string {
  return `${ESC}Ptmux;${sequence.replaceAll(ESC, ESC + ESC)}${ESC}\\`;
}

/** tmux sets $TMUX in every pane it starts. */
export function insideTmux(env: Readonly<Record<string, string | undefined>>): boolean {
  return (env['TMUX'] ?? '') !== '';
}

export function tooLargeMessage(encodedBytes: number, maxEncodedBytes: number = OSC52_MAX_ENCODED_BYTES): string {
  return `too large for the terminal clipboard (${encodedBytes} bytes encoded, limit ${maxEncodedBytes})`;
}

/** The bytes to write for `text`, or why nothing should be written. */
export function buildOsc52(text: string, options: Osc52Options): Osc52Build {
  const max = options.maxEncodedBytes ?? OSC52_MAX_ENCODED_BYTES;
  const encodedBytes = encodedByteLength(text);
  if (encodedBytes > max) return { ok: false, error: tooLargeMessage(encodedBytes, max), encodedBytes };
  const sequence = osc52Sequence(text);
  return { ok: true, bytes: options.tmux ? sequence + wrapForTmux(sequence) : sequence, encodedBytes };
}
