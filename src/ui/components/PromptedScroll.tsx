// A scrolling body with two pinned lines under it (a prompt and its status), inside the usual
// frame: the revoke preview and the k3s server-token rotation both ask for typed confirmation
// under a preview that may be longer than the terminal.
import { Box } from 'ink';
import { Footer } from './Footer.tsx';
import { Frame } from './Frame.tsx';
import { Header } from './Header.tsx';
import { LineList, ScreenLineText } from './LineList.tsx';
import { footerHints } from '../keys/keymap.ts';
import { bodyLines } from '../layout.ts';
import { commandContext, modeOf } from '../state/app-state.ts';
import { PINNED_LINES, type ScreenLine } from '../state/revoke-model.ts';
import type { ScreenProps } from '../screens/screen-props.ts';

export interface PromptedScrollProps extends ScreenProps {
  /** The header's summary of this screen. */
  readonly summary: string;
  readonly lines: readonly ScreenLine[];
  readonly scroll: number;
  readonly prompt: ScreenLine;
  readonly status: ScreenLine;
}

export function PromptedScroll({ state, info, summary, lines, scroll, prompt, status }: PromptedScrollProps) {
  const { viewport } = state;
  const height = Math.max(1, bodyLines(viewport) - PINNED_LINES);
  const top = Math.max(0, Math.min(scroll, lines.length - height));
  const position = lines.length > height ? `lines ${top + 1}-${Math.min(lines.length, top + height)} of ${lines.length}` : '';
  const footer = <Footer hints={footerHints(modeOf(state), commandContext(state), state.readonly)} width={viewport.columns} flash={state.flash} position={position} />;
  return (
    <Frame viewport={viewport} header={<Header info={info} data={state.data} summary={summary} width={viewport.columns} />} footer={footer}>
      <Box flexDirection="column" height={height} overflow="hidden">
        <LineList lines={lines} top={top} height={height} />
      </Box>
      <ScreenLineText line={prompt} />
      <ScreenLineText line={status} />
    </Frame>
  );
}
