import { useMemo } from 'react';
import { Footer } from '../components/Footer.tsx';
import { Frame } from '../components/Frame.tsx';
import { Header } from '../components/Header.tsx';
import { LineList } from '../components/LineList.tsx';
import { footerHints } from '../keys/keymap.ts';
import { bodyLines } from '../layout.ts';
import { commandContext, modeOf } from '../state/app-state.ts';
import { checklistLines } from '../state/checklist-screen.ts';
import type { ScreenProps } from './screen-props.ts';

export interface ChecklistScreenProps extends ScreenProps {
  readonly ids: readonly string[];
  readonly cursor: number;
}

/** The open post-rotation checklists; the window follows the cursor. */
export function ChecklistScreen({ state, info, ids, cursor }: ChecklistScreenProps) {
  const { viewport } = state;
  const { lines, cursorLine } = useMemo(() => checklistLines(state, ids, cursor), [state, ids, cursor]);
  const height = Math.max(1, bodyLines(viewport));
  const top = Math.max(0, Math.min(cursorLine - Math.floor(height / 2), lines.length - height));
  const footer = <Footer hints={footerHints(modeOf(state), commandContext(state), state.readonly)} width={viewport.columns} flash={state.flash} />;
  return (
    <Frame viewport={viewport} header={<Header info={info} data={state.data} summary="post-rotation checklist (kept until ticked off)" width={viewport.columns} />} footer={footer}>
      <LineList lines={lines} top={top} height={height} />
    </Frame>
  );
}
