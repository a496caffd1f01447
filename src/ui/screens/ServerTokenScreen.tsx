import { Box } from 'ink';
import { useMemo } from 'react';
import { Footer } from '../components/Footer.tsx';
import { Frame } from '../components/Frame.tsx';
import { Header } from '../components/Header.tsx';
import { LineList, ScreenLineText } from '../components/LineList.tsx';
import { footerHints } from '../keys/keymap.ts';
import { bodyLines } from '../layout.ts';
import { commandContext, modeOf } from '../state/app-state.ts';
import { PINNED_LINES } from '../state/revoke-model.ts';
import type { ServerTokenFlow } from '../state/server-token-flow.ts';
import { serverTokenBodyLines, serverTokenPinnedLines } from '../state/server-token-model.ts';
import type { ScreenProps } from './screen-props.ts';

export interface ServerTokenScreenProps extends ScreenProps {
  readonly flow: ServerTokenFlow;
}

/** k3s server-token rotation: the old token (masked), the impact preview, the typed confirmation, the new token once. */
export function ServerTokenScreen({ state, info, flow }: ServerTokenScreenProps) {
  const { viewport } = state;
  const lines = useMemo(() => serverTokenBodyLines(flow, viewport.columns), [flow, viewport.columns]);
  const [prompt, status] = serverTokenPinnedLines(flow);
  const height = Math.max(1, bodyLines(viewport) - PINNED_LINES);
  const scroll = flow.stage.kind === 'preview' ? flow.stage.scroll : 0;
  const top = Math.max(0, Math.min(scroll, lines.length - height));
  const position = lines.length > height ? `lines ${top + 1}-${Math.min(lines.length, top + height)} of ${lines.length}` : '';
  const footer = <Footer hints={footerHints(modeOf(state), commandContext(state), state.readonly)} width={viewport.columns} flash={state.flash} position={position} />;
  return (
    <Frame viewport={viewport} header={<Header info={info} data={state.data} summary="rotate the k3s server token" width={viewport.columns} />} footer={footer}>
      <Box flexDirection="column" height={height} overflow="hidden">
        <LineList lines={lines} top={top} height={height} />
      </Box>
      <ScreenLineText line={prompt} />
      <ScreenLineText line={status} />
    </Frame>
  );
}
