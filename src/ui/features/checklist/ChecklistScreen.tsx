import { useMemo } from 'react';
import { LineList } from '../../components/LineList.tsx';
import { bodyLines } from '../../shared/layout.ts';
import { ScreenFrame } from '../../shared/ScreenFrame.tsx';
import { chromeOf, type ScreenProps } from '../../view-model/screen-props.ts';
import { checklistLines } from './checklist-state.ts';

export interface ChecklistScreenProps extends ScreenProps {
  readonly ids: readonly string[];
  readonly cursor: number;
}

/** The open post-rotation checklists; the window follows the cursor. */
export function ChecklistScreen({ state, info, ids, cursor }: ChecklistScreenProps) {
  const { viewport } = state;
  const { lines, cursorLine } = useMemo(() => checklistLines(state.serverToken, ids, cursor, viewport.columns), [state.serverToken, ids, cursor, viewport.columns]);
  const height = Math.max(1, bodyLines(viewport));
  const top = Math.max(0, Math.min(cursorLine - Math.floor(height / 2), lines.length - height));
  return (
    <ScreenFrame chrome={chromeOf(state, info)} summary="post-rotation checklist (kept until ticked off)">
      <LineList lines={lines} top={top} height={height} />
    </ScreenFrame>
  );
}
