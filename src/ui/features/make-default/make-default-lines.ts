// The make-default screen as lines: the preview (what changes for machines that use the default,
// what stays, warnings, or why the token cannot be the default), and under it the prompt and its
// status, pinned while the preview scrolls. While the preview's gate is shut, the prompt says why.
import { gateState, gateWhy } from '../../shared/preview-gate.ts';
import { headline, problemLines, wrapped, type ScreenLine } from '../../shared/screen-line.ts';
import { canConfirm, makeDefaultGate, type MakeDefaultFlow } from './make-default-flow.ts';

export function makeDefaultBodyLines(flow: MakeDefaultFlow, width: number): ScreenLine[] {
  const lines: ScreenLine[] = [...problemLines(flow.problems, width), ...headline(`Make ${flow.tokenId} the default token`, width, 'text.accent')];
  const { phase } = flow;
  const preview = phase.kind === 'loading' ? null : phase.preview;
  if (preview === null) {
    if (phase.kind === 'loading') lines.push({ text: 'reading the tokens…', role: 'status.muted' });
    return lines;
  }
  if (preview.alreadyDefault) {
    lines.push(...wrapped(`${preview.tokenId} is already the default: nothing to change`, width, '  ', 'status.ok'));
    return lines;
  }
  lines.push(...wrapped(`current default: ${preview.previous === null ? 'none' : preview.previous.id}`, width, '  '));
  lines.push(...wrapped('What changes for machines that use the default', width, '', 'text.heading'));
  for (const change of preview.changes) lines.push(...wrapped(`• ${change}`, width, '  '));
  for (const warning of preview.warnings) lines.push(...wrapped(`! ${warning}`, width, '  ', 'status.warn'));
  if (preview.blocked !== null) lines.push(...wrapped(`✗ ${preview.blocked}`, width, '  ', 'status.danger'));
  return lines;
}

/** The prompt and its status under the preview; `now` and `total` (the body's lines) say whether its gate is open. */
export function makeDefaultPinnedLines(flow: MakeDefaultFlow, now: number, total: number): readonly [ScreenLine, ScreenLine] {
  const { phase } = flow;
  const gate = canConfirm(flow) ? gateState(makeDefaultGate(flow) ?? null, now, total) : null;
  if (gate !== null && gate.kind !== 'open') return [{ text: `⏸ ${gateWhy(gate)}`, role: 'status.warn', bold: true }, { text: 'the confirmation opens once every line was on screen · Esc/n: cancel', role: 'status.muted' }];
  switch (phase.kind) {
    case 'loading':
      return [{ text: '' }, { text: 'computing the preview…', role: 'status.muted' }];
    case 'preview':
      if (phase.preview.alreadyDefault) return [{ text: 'Esc: back' }, { text: 'nothing to do', role: 'status.muted' }];
      if (phase.preview.blocked !== null) return [{ text: 'Esc: back' }, { text: 'this token cannot be the default; nothing was changed', role: 'status.danger' }];
      return [{ text: `y/Enter: make ${flow.tokenId} the default · Esc/n: cancel`, bold: true }, { text: 'nothing changes before you confirm', role: 'status.muted' }];
    case 'applying':
      return [{ text: '' }, { text: `making ${flow.tokenId} the default…`, role: 'status.muted' }];
    case 'done':
      return phase.verified
        ? [{ text: 'Enter/Esc: back' }, { text: `✓ ${flow.tokenId} is now the default token (read back)`, role: 'status.ok' }]
        : [{ text: 'Enter/Esc: back' }, { text: `${flow.tokenId} was made the default, but reading it back did not confirm it`, role: 'status.warn' }];
    case 'failed':
      return [{ text: 'Enter/Esc: back' }, { text: `✗ ${phase.error}`, role: 'status.danger' }];
  }
}
