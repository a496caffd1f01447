import { useMemo } from 'react';
import { PromptedScroll } from '../../shared/PromptedScroll.tsx';
import { gateFooterNote, gateState } from '../../shared/preview-gate.ts';
import { chromeOf, type ScreenProps } from '../../view-model/screen-props.ts';
import { canConfirm, makeDefaultGate, type MakeDefaultFlow } from './make-default-flow.ts';
import { makeDefaultBodyLines, makeDefaultPinnedLines } from './make-default-lines.ts';

export interface MakeDefaultScreenProps extends ScreenProps {
  readonly flow: MakeDefaultFlow;
}

/** What changes for machines that use the default, then the confirmation, then the outcome. */
export function MakeDefaultScreen({ state, info, flow }: MakeDefaultScreenProps) {
  const columns = state.viewport.columns;
  const lines = useMemo(() => makeDefaultBodyLines(flow, columns), [flow, columns]);
  const [prompt, status] = makeDefaultPinnedLines(flow, state.now, lines.length);
  const note = canConfirm(flow) ? gateFooterNote(gateState(makeDefaultGate(flow) ?? null, state.now, lines.length)) : null;
  return <PromptedScroll chrome={chromeOf(state, info)} summary="make default" lines={lines} scroll={flow.scroll} prompt={prompt} status={status} positionNote={note} />;
}
