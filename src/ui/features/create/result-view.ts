// The result screen around a created token (create and rotate): which copy was asked for, what
// the screen says about it, and whether the command is shown alone. Pure: the OSC 52 write itself
// happens in useTerminalCopy, once per copy request, which then reports back (copyDone). The secret stays in the wizard's result and
// goes with it (create-wizard.ts 'dismiss'); this view only names what to copy.
import type { CreateWizardResult } from '../../../core/create-wizard.ts';
import { encodedByteLength, OSC52_MAX_ENCODED_BYTES, tooLargeMessage } from '../../clipboard/osc52.ts';
import type { ThemeRole } from '../../shared/theme.ts';

export type CopyTarget = 'command' | 'token';

export interface CopyRequest {
  readonly seq: number;
  readonly what: CopyTarget;
}

export interface ResultNote {
  readonly text: string;
  readonly role: ThemeRole;
}

export interface ResultView {
  /** The fallback view: the command alone on screen. */
  readonly alone: boolean;
  /** The latest copy to write to the terminal (useTerminalCopy writes each seq once). */
  readonly copy: CopyRequest | null;
  readonly note: ResultNote | null;
}

export const initialResultView: ResultView = { alone: false, copy: null, note: null };

/** Delivery cannot be detected (OSC 52 has no acknowledgement): never say "copied". */
export const SENT_NOTE = 'sent to the terminal clipboard (your terminal cannot confirm it)';
export const TMUX_NOTE = 'inside tmux this needs `set -g set-clipboard on` or `allow-passthrough on`';

const LABELS: { readonly [what in CopyTarget]: string } = { command: 'join command', token: 'token' };

export function copyText(result: CreateWizardResult, what: CopyTarget): string | null {
  return what === 'command' ? result.joinCommand : result.created.secret;
}

/** What the fallback view shows: the join command, or the token when there is none. */
export function aloneText(result: CreateWizardResult): string {
  return result.joinCommand ?? result.created.secret;
}

export function joinCommandUnavailable(result: CreateWizardResult): string | null {
  if (result.joinCommand !== null) return null;
  return result.joinCommandError === null ? 'this backend has no join command' : `no join command: ${result.joinCommandError}`;
}

/** y / Y: refused at once when there is nothing to send or it is too large; otherwise queued. */
export function requestCopy(view: ResultView, result: CreateWizardResult, what: CopyTarget, seq: number): ResultView {
  const text = copyText(result, what);
  if (text === null) return { ...view, note: { text: joinCommandUnavailable(result) ?? 'nothing to copy', role: 'status.warn' } };
  const encoded = encodedByteLength(text);
  if (encoded > OSC52_MAX_ENCODED_BYTES) {
    return { ...view, note: { text: `${LABELS[what]} not sent: ${tooLargeMessage(encoded)}; v shows it to select by hand`, role: 'status.warn' } };
  }
  return { ...view, copy: { seq, what }, note: { text: `sending the ${LABELS[what]} to the terminal clipboard…`, role: 'status.muted' } };
}

/** The write happened (error null) or failed: what the screen says about it. */
export function copyDone(view: ResultView, seq: number, error: string | null, tmux: boolean): ResultView {
  if (view.copy?.seq !== seq) return view;
  if (error !== null) return { ...view, note: { text: `could not write to the terminal: ${error}; v shows it to select by hand`, role: 'status.danger' } };
  const tmuxNote = tmux ? ` · ${TMUX_NOTE}` : '';
  return { ...view, note: { text: `${LABELS[view.copy.what]} ${SENT_NOTE}${tmuxNote} · if it did not arrive, v shows it`, role: 'status.ok' } };
}
