import { useMemo } from 'react';
import type { RotationState } from '../../../core/rotation-plan.ts';
import { LineList } from '../../components/LineList.tsx';
import { bodyLines } from '../../shared/layout.ts';
import { ScreenFrame } from '../../shared/ScreenFrame.tsx';
import { chromeOf, type ScreenProps } from '../../view-model/screen-props.ts';
import { interruptedLines } from './rotate-lines.ts';

export interface InterruptedScreenProps extends ScreenProps {
  readonly rotations: readonly RotationState[];
  readonly confirmAbandon: boolean;
}

/** "rotation of X interrupted after step N": resume, abandon (after saying what stays), or later. */
export function InterruptedScreen({ state, info, rotations, confirmAbandon }: InterruptedScreenProps) {
  const { viewport } = state;
  const lines = useMemo(() => interruptedLines(rotations, confirmAbandon, viewport), [rotations, confirmAbandon, viewport]);
  return (
    <ScreenFrame chrome={chromeOf(state, info)} summary="unfinished rotation">
      <LineList lines={lines} top={0} height={bodyLines(viewport)} />
    </ScreenFrame>
  );
}
