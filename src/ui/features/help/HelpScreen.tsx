import { Text } from 'ink';
import { bodyLines } from '../../shared/layout.ts';
import { linesPosition, ScreenFrame } from '../../shared/ScreenFrame.tsx';
import { colorOf } from '../../shared/theme.ts';
import { commandContext } from '../../view-model/command-context.ts';
import { COMMAND_TABLE } from '../../view-model/commands.ts';
import { chromeOf, type ScreenProps } from '../../view-model/screen-props.ts';
import { helpLineMatches, helpLines, type HelpSearch } from './help-model.ts';

export interface HelpScreenProps extends ScreenProps {
  readonly scroll: number;
  readonly search: HelpSearch | null;
}

/** Keys, generated from the command table (disabled ones say why), and the TTL legend. */
export function HelpScreen({ state, info, scroll, search }: HelpScreenProps) {
  const { viewport } = state;
  const lines = helpLines(COMMAND_TABLE, commandContext(state), state.readonly);
  const height = bodyLines(viewport);
  const top = Math.max(0, Math.min(scroll, lines.length - height));
  return (
    <ScreenFrame chrome={chromeOf(state, info)} summary="help" position={linesPosition(top, height, lines.length)}>
      {lines.slice(top, top + height).map((line, index) => (
        <Text key={`${top + index}`} wrap="truncate" color={colorOf(line.role)} bold={line.role === 'text.heading'} inverse={search !== null && helpLineMatches(line, search.text)}>
          {line.text}
          {line.note === undefined ? null : <Text color={colorOf('status.muted')}> {line.note}</Text>}
        </Text>
      ))}
    </ScreenFrame>
  );
}
