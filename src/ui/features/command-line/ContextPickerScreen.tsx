import { LineList } from '../../components/LineList.tsx';
import { bodyLines } from '../../shared/layout.ts';
import { ScreenFrame } from '../../shared/ScreenFrame.tsx';
import { chromeOf, type ScreenProps } from '../../view-model/screen-props.ts';
import { pickerLines, type ContextPickerScreen as PickerState } from './context-picker.ts';

export interface ContextPickerScreenProps extends ScreenProps {
  readonly picker: PickerState;
}

/** `:ctx` alone: the contexts to switch to, filtered by what is typed (the prompt is in the footer). */
export function ContextPickerScreen({ state, info, picker }: ContextPickerScreenProps) {
  const lines = pickerLines(state.contextSwitch, state.target.context, picker);
  const height = bodyLines(state.viewport);
  // The cursor's row stays on screen: the list starts one header line above it at most.
  const top = Math.max(0, Math.min(picker.cursor, lines.length - height));
  return (
    <ScreenFrame chrome={chromeOf(state, info)} summary="switch context">
      <LineList lines={lines} top={top} height={height} />
    </ScreenFrame>
  );
}
