import { useMemo } from 'react';
import type { RotationState } from '../../core/rotation-plan.ts';
import { Footer } from '../components/Footer.tsx';
import { Frame } from '../components/Frame.tsx';
import { Header } from '../components/Header.tsx';
import { LineList } from '../components/LineList.tsx';
import { footerHints } from '../keys/keymap.ts';
import { bodyLines } from '../layout.ts';
import { commandContext, modeOf } from '../state/app-state.ts';
import { interruptedLines } from '../state/rotate-model.ts';
import type { ScreenProps } from './screen-props.ts';

export interface InterruptedScreenProps extends ScreenProps {
  readonly rotations: readonly RotationState[];
  readonly confirmAbandon: boolean;
}

/** "rotation of X interrupted after step N": resume, abandon (after saying what stays), or later. */
export function InterruptedScreen({ state, info, rotations, confirmAbandon }: InterruptedScreenProps) {
  const { viewport } = state;
  const lines = useMemo(() => interruptedLines(rotations, confirmAbandon, viewport), [rotations, confirmAbandon, viewport]);
  const footer = <Footer hints={footerHints(modeOf(state), commandContext(state), state.readonly)} width={viewport.columns} flash={state.flash} />;
  return (
    <Frame viewport={viewport} header={<Header info={info} data={state.data} summary="unfinished rotation" width={viewport.columns} />} footer={footer}>
      <LineList lines={lines} top={0} height={bodyLines(viewport)} />
    </Frame>
  );
}
