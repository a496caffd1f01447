import { useMemo } from 'react';
import { PromptedScroll } from '../../shared/PromptedScroll.tsx';
import { gateFooterNote, gateState } from '../../shared/preview-gate.ts';
import type { ServerTokenFlow } from './server-token-flow.ts';
import { serverTokenBodyLines, serverTokenPinnedLines } from './server-token-lines.ts';
import { chromeOf, type ScreenProps } from '../../view-model/screen-props.ts';

export interface ServerTokenScreenProps extends ScreenProps {
  readonly flow: ServerTokenFlow;
}

/** k3s server-token rotation: the old token (masked), the impact preview, the typed confirmation, the new token once. */
export function ServerTokenScreen({ state, info, flow }: ServerTokenScreenProps) {
  const columns = state.viewport.columns;
  const lines = useMemo(() => serverTokenBodyLines(flow, columns), [flow, columns]);
  const [prompt, status] = serverTokenPinnedLines(flow, state.now, lines.length);
  const scroll = flow.stage.kind === 'preview' ? flow.stage.scroll : 0;
  const note = flow.stage.kind === 'preview' ? gateFooterNote(gateState(flow.stage.gate, state.now, lines.length)) : null;
  return <PromptedScroll chrome={chromeOf(state, info)} summary="rotate the k3s server token" lines={lines} scroll={scroll} prompt={prompt} status={status} positionNote={note} />;
}
