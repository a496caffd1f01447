import { Text } from 'ink';
import { Footer } from '../components/Footer.tsx';
import { Frame } from '../components/Frame.tsx';
import { Header } from '../components/Header.tsx';
import { footerHints } from '../keys/keymap.ts';
import { bodyLines } from '../layout.ts';
import { commandContext } from '../state/app-state.ts';
import { helpLines } from '../state/help-model.ts';
import { colorOf } from '../theme.ts';
import type { ScreenProps } from './screen-props.ts';

export interface HelpScreenProps extends ScreenProps {
  readonly scroll: number;
}

/** Keys, generated from the command table (disabled ones say why), and the TTL legend. */
export function HelpScreen({ state, info, scroll }: HelpScreenProps) {
  const { viewport } = state;
  const context = commandContext(state);
  const lines = helpLines(context, state.readonly);
  const height = bodyLines(viewport);
  const top = Math.max(0, Math.min(scroll, lines.length - height));
  const position = lines.length > height ? `lines ${top + 1}-${Math.min(lines.length, top + height)} of ${lines.length}` : '';
  const footer = <Footer hints={footerHints('help', context, state.readonly)} width={viewport.columns} flash={state.flash} position={position} />;
  return (
    <Frame viewport={viewport} header={<Header info={info} data={state.data} summary="help" width={viewport.columns} />} footer={footer}>
      {lines.slice(top, top + height).map((line, index) => (
        <Text key={`${top + index}`} wrap="truncate" color={colorOf(line.role)} bold={line.role === 'text.heading'}>
          {line.text}
          {line.note === undefined ? null : <Text color={colorOf('status.muted')}> {line.note}</Text>}
        </Text>
      ))}
    </Frame>
  );
}
