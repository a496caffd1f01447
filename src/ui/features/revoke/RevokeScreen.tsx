import { useMemo } from 'react';
import { PromptedScroll } from '../../shared/PromptedScroll.tsx';
import { gateFooterNote, gateState } from '../../shared/preview-gate.ts';
import { gateOf, type RevokeFlow } from './revoke-flow.ts';
import { revokeBodyLines, revokePinnedLines } from './revoke-lines.ts';
import { chromeOf, type ScreenProps } from '../../view-model/screen-props.ts';

export interface RevokeScreenProps extends ScreenProps {
  readonly flow: RevokeFlow;
}

/** The impact preview of the token being revoked, then the confirmation it needs, then the outcome. */
export function RevokeScreen({ state, info, flow }: RevokeScreenProps) {
  const columns = state.viewport.columns;
  const lines = useMemo(() => revokeBodyLines(flow, columns), [flow, columns]);
  const [prompt, status] = revokePinnedLines(flow, state.now, lines.length);
  const gate = gateOf(flow.step);
  const note = gate === undefined ? null : gateFooterNote(gateState(gate, state.now, lines.length));
  return <PromptedScroll chrome={chromeOf(state, info)} summary="revoke" lines={lines} scroll={flow.scroll} prompt={prompt} status={status} positionNote={note} />;
}
