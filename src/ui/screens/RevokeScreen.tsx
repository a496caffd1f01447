import { Box } from 'ink';
import { useMemo } from 'react';
import { Footer } from '../components/Footer.tsx';
import { Frame } from '../components/Frame.tsx';
import { Header } from '../components/Header.tsx';
import { LineList, ScreenLineText } from '../components/LineList.tsx';
import { footerHints } from '../keys/keymap.ts';
import { bodyLines } from '../layout.ts';
import { commandContext, modeOf } from '../state/app-state.ts';
import type { RevokeFlow } from '../state/revoke-flow.ts';
import { PINNED_LINES, revokeBodyLines, revokePinnedLines } from '../state/revoke-model.ts';
import type { ScreenProps } from './screen-props.ts';

export interface RevokeScreenProps extends ScreenProps {
  readonly flow: RevokeFlow;
}

/** The impact preview of the token being revoked, then the confirmation it needs, then the outcome. */
export function RevokeScreen({ state, info, flow }: RevokeScreenProps) {
  const { viewport } = state;
  const lines = useMemo(() => revokeBodyLines(flow, viewport.columns), [flow, viewport.columns]);
  const [prompt, status] = revokePinnedLines(flow);
  const height = Math.max(1, bodyLines(viewport) - PINNED_LINES);
  const top = Math.max(0, Math.min(flow.scroll, lines.length - height));
  const position = lines.length > height ? `lines ${top + 1}-${Math.min(lines.length, top + height)} of ${lines.length}` : '';
  const footer = <Footer hints={footerHints(modeOf(state), commandContext(state), state.readonly)} width={viewport.columns} flash={state.flash} position={position} />;
  return (
    <Frame viewport={viewport} header={<Header info={info} data={state.data} summary="revoke" width={viewport.columns} />} footer={footer}>
      <Box flexDirection="column" height={height} overflow="hidden">
        <LineList lines={lines} top={top} height={height} />
      </Box>
      <ScreenLineText line={prompt} />
      <ScreenLineText line={status} />
    </Frame>
  );
}
