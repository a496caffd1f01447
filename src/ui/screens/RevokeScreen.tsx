import { useMemo } from 'react';
import { PromptedScroll } from '../components/PromptedScroll.tsx';
import type { RevokeFlow } from '../state/revoke-flow.ts';
import { revokeBodyLines, revokePinnedLines } from '../state/revoke-model.ts';
import type { ScreenProps } from './screen-props.ts';

export interface RevokeScreenProps extends ScreenProps {
  readonly flow: RevokeFlow;
}

/** The impact preview of the token being revoked, then the confirmation it needs, then the outcome. */
export function RevokeScreen({ state, info, flow }: RevokeScreenProps) {
  const columns = state.viewport.columns;
  const lines = useMemo(() => revokeBodyLines(flow, columns), [flow, columns]);
  const [prompt, status] = revokePinnedLines(flow);
  return <PromptedScroll state={state} info={info} summary="revoke" lines={lines} scroll={flow.scroll} prompt={prompt} status={status} />;
}
