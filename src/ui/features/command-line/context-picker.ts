// `:ctx` alone: the contexts this machine knows (saved, discovered, and the embedded demo) in a
// list to pick from, the current one marked. The screen's state, what the filter keeps and the
// lines it shows; context-picker-commands.ts has its keys. Pure.
import type { BackTarget } from '../../shared/back-target.ts';
import type { ScreenLine } from '../../shared/screen-line.ts';
import type { ContextChoice } from '../../../core/context-choice.ts';
import type { ContextSwitchState } from './command-line.ts';

export interface ContextPickerScreen {
  readonly kind: 'context-picker';
  readonly filter: string;
  readonly cursor: number;
  readonly back: BackTarget;
}

/** The choices the filter keeps (by name, kind, adapter or server), in the listed order. */
export function pickerChoices(choices: readonly ContextChoice[] | null, filter: string): readonly ContextChoice[] {
  const needle = filter.trim().toLowerCase();
  return (choices ?? []).filter((choice) => needle === '' || [choice.name, choice.kind, choice.adapter ?? '', choice.server ?? ''].some((field) => field.toLowerCase().includes(needle)));
}

/** The picker as lines: what it is for, then one row per context (the cursor and the current one marked). */
export function pickerLines(contextSwitch: ContextSwitchState, sessionContext: string, screen: ContextPickerScreen): ScreenLine[] {
  const lines: ScreenLine[] = [{ text: 'Switch context: type to filter, Enter switches, :ctx - goes back to the previous one', role: 'text.secondary' }];
  if (contextSwitch.listError !== null) lines.push({ text: `some contexts could not be read: ${contextSwitch.listError}`, role: 'status.warn' });
  if (contextSwitch.choices === null) return [...lines, { text: 'reading the contexts…', role: 'status.muted' }];
  const shown = pickerChoices(contextSwitch.choices, screen.filter);
  if (shown.length === 0) return [...lines, { text: `no context matches "${screen.filter}"`, role: 'status.muted' }];
  const nameWidth = Math.max(...shown.map((choice) => choice.name.length), 4);
  shown.forEach((choice, index) => {
    const here = choice.name === sessionContext ? '●' : ' ';
    const remembered = choice.current ? '*' : ' ';
    const adapter = choice.adapter ?? 'auto';
    const text = `${index === screen.cursor ? '›' : ' '} ${here}${remembered} ${choice.name.padEnd(nameWidth)}  ${choice.kind.padEnd(10)}  ${adapter.padEnd(7)}  ${choice.server ?? ''}`;
    lines.push({ text, bold: index === screen.cursor });
  });
  lines.push({ text: '● this session   * the remembered current context (tokentui contexts use NAME)', role: 'text.secondary' });
  return lines;
}
