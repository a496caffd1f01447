import { useMemo } from 'react';
import type { CreateWizardResult } from '../../../core/create-wizard.ts';
import { CUT_WORDS_NOTE, resultLines, selectableCommand } from './result-lines.ts';
import type { ScreenLine } from '../../shared/screen-line.ts';
import { aloneText, type ResultView } from './result-view.ts';
import { LineList } from '../../components/LineList.tsx';

export interface ResultBodyProps {
  readonly result: CreateWizardResult;
  readonly view: ResultView;
  readonly heading: string;
  readonly width: number;
  readonly height: number;
}

const CUT_NOTE: ScreenLine = { text: CUT_WORDS_NOTE, role: 'status.warn' };

/** The secret and join command, or (v) the command alone, for selecting it by hand. */
export function ResultBody({ result, view, heading, width, height }: ResultBodyProps) {
  const lines = useMemo((): ScreenLine[] => {
    if (!view.alone) return resultLines(result, view, width, heading);
    const selectable = selectableCommand(aloneText(result), width);
    const command = selectable.lines.map((text) => ({ text }));
    return selectable.cutWords ? [...command, { text: '' }, CUT_NOTE] : command;
  }, [result, view, heading, width]);
  return <LineList lines={lines} top={0} height={height} />;
}
