import { Text } from 'ink';
import type { FooterHint } from '../commands/keymap.ts';
import type { Flash } from '../shared/flash.ts';
import { displayWidth, screenText, truncateToWidth } from '../shared/text-width.ts';
import { colorOf } from '../shared/theme.ts';

export interface FooterProps {
  readonly hints: readonly FooterHint[];
  readonly width: number;
  /** Replaces the hints until the next key (why a key did nothing). */
  readonly flash?: Flash | null;
  /** Shown before the hints, e.g. the filter prompt `/abc▏`. */
  readonly prompt?: string;
  /** Shown at the right, e.g. `3/42`. */
  readonly position?: string;
}

/**
 * One line of key hints generated from the keymap. Pinned hints (help, quit) are always there,
 * at the end; the others fill the room before them in table order and are dropped when they do
 * not fit.
 */
export function Footer({ hints, width, flash = null, prompt, position = '' }: FooterProps) {
  if (flash !== null) {
    return (
      <Text wrap="truncate" color={colorOf(flash.role)}>
        {truncateToWidth(flash.text, width)}
      </Text>
    );
  }
  const right = position === '' ? '' : ` ${screenText(position)}`;
  const promptText = prompt === undefined ? '' : truncateToWidth(`${prompt}  `, width - displayWidth(right));
  const room = width - displayWidth(right) - displayWidth(promptText);
  const pinnedText = hints.filter((hint) => hint.pinned === true).map((hint) => `${hint.keys} ${hint.label}`).join('  ');
  const roomForOthers = pinnedText === '' ? room : room - displayWidth(pinnedText) - 2;
  let hintText = '';
  for (const hint of hints) {
    if (hint.pinned === true) continue;
    const piece = `${hint.keys} ${hint.label}`;
    const next = hintText === '' ? piece : `${hintText}  ${piece}`;
    if (displayWidth(next) > roomForOthers) break;
    hintText = next;
  }
  if (pinnedText !== '') hintText = truncateToWidth(hintText === '' ? pinnedText : `${hintText}  ${pinnedText}`, room);
  const gap = right === '' ? '' : ' '.repeat(Math.max(0, room - displayWidth(hintText)));
  return (
    <Text wrap="truncate">
      {promptText}
      <Text color={colorOf('text.secondary')}>
        {hintText}
        {gap}
        {right}
      </Text>
    </Text>
  );
}
