// The server TTL screen as lines: the setting (now, and after a change), what it governs, that
// existing tokens keep their expiry, the outcome; and the pinned prompt for the typed
// confirmation (the server's name) with its status.
import { describeServerTtlChange } from '../../../adapters/operations/server-ttl.ts';
import { formatTtlInput } from '../../../core/ttl-input.ts';
import { headline, problemLines, wrapped, type ScreenLine } from '../../shared/screen-line.ts';
import { gateState, gateWhy } from '../../shared/preview-gate.ts';
import { SERVER_TTL_USAGE, type ServerTtlScreen } from './server-ttl-flow.ts';

const LABEL_WIDTH = 10;
const row = (label: string, value: string, width: number): ScreenLine[] => wrapped(`${label.padEnd(LABEL_WIDTH)}${value}`, width, '  ');
const EXISTING = 'Tokens that exist keep their expiry. This is not part of creating a token: every client that creates one from now on gets the new lifetime.';

export function serverTtlBodyLines(screen: ServerTtlScreen, width: number): ScreenLine[] {
  const { setting, step } = screen;
  const head: ScreenLine[] = [
    ...headline("The server's token lifetime", width, 'text.accent'),
    ...row('Server', screen.server, width),
    ...row('Setting', setting.name, width),
    ...row('Now', setting.value, width),
  ];
  const governs = row('Governs', setting.covers, width);
  if (step.kind === 'show') return [...head, ...governs, ...wrapped(`To change it: ${SERVER_TTL_USAGE.replace(/^usage: /, '')}, confirmed with the server's name ${setting.confirmation}.`, width, '', 'text.secondary')];
  const lines = [...head, ...row('New', formatTtlInput(step.plan.seconds), width), ...governs, ...wrapped(EXISTING, width, '', 'status.warn')];
  switch (step.kind) {
    case 'confirm':
    case 'changing':
      return lines;
    case 'changed':
      return [...lines, ...problemLines(step.problems, width), ...wrapped(`✓ ${setting.name} is now ${step.after.value} (was ${setting.value})`, width, '', 'status.ok')];
    case 'failed':
      return [...lines, ...problemLines(step.problems, width), ...wrapped(`✗ not changed: ${step.error}`, width, '', 'status.danger')];
  }
}

/** The prompt and its status; `now` and `total` (the body's lines) say whether the plan's gate is open. */
export function serverTtlPinnedLines(screen: ServerTtlScreen, now: number, total: number): readonly [ScreenLine, ScreenLine] {
  const { step } = screen;
  switch (step.kind) {
    case 'confirm': {
      const gate = gateState(step.gate, now, total);
      if (gate.kind !== 'open') return [{ text: `⏸ ${gateWhy(gate)}`, role: 'status.warn', bold: true }, { text: 'the confirmation opens once every line was on screen · Esc leaves', role: 'status.muted' }];
      return [
        { text: `Type the server's name ${step.plan.confirmation} to change it: ${step.typed}▏`, bold: true },
        step.refusal === null ? { text: 'nothing is sent before the typed name matches · Enter changes · Esc leaves', role: 'status.muted' } : { text: step.refusal, role: 'status.danger' },
      ];
    }
    case 'changing':
      return [{ text: `changing ${describeServerTtlChange(step.plan)}…`, role: 'status.warn' }, { text: '' }];
    case 'show':
    case 'changed':
    case 'failed':
      return [{ text: 'Enter or Esc: back', role: 'status.muted' }, { text: '' }];
  }
}
