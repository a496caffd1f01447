import { Text } from 'ink';
import type { ScreenLine } from '../shared/screen-line.ts';
import { screenText } from '../shared/text-width.ts';
import { colorOf } from '../shared/theme.ts';

export interface LineListProps {
  readonly lines: readonly ScreenLine[];
  /** First line shown. */
  readonly top: number;
  readonly height: number;
}

/** A window of prepared lines, each truncated to the width (wrapping was done by the model). */
export function LineList({ lines, top, height }: LineListProps) {
  return (
    <>
      {lines.slice(top, top + height).map((line, index) => (
        <ScreenLineText key={`${top + index}`} line={line} />
      ))}
    </>
  );
}

/** One prepared line; its text is made terminal-safe here whatever built it (the screens' one choke point). */
export function ScreenLineText({ line }: { readonly line: ScreenLine }) {
  return (
    <Text wrap="truncate" color={colorOf(line.role)} bold={line.bold === true}>
      {line.text === '' ? ' ' : screenText(line.text)}
    </Text>
  );
}
