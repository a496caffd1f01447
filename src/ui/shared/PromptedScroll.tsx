// A scrolling body with two pinned lines under it (a prompt and its status), inside the screen
// frame: the revoke preview and the server-token rotation both ask for typed confirmation under
// a preview that may be longer than the terminal.
import { Box } from 'ink';
import { LineList, ScreenLineText } from '../components/LineList.tsx';
import { linesPosition, ScreenFrame, type ScreenChrome } from './ScreenFrame.tsx';
import { promptedBodyHeight, type ScreenLine } from './screen-line.ts';

export interface PromptedScrollProps {
  readonly chrome: ScreenChrome;
  /** The header's summary of this screen. */
  readonly summary: string;
  readonly lines: readonly ScreenLine[];
  readonly scroll: number;
  readonly prompt: ScreenLine;
  readonly status: ScreenLine;
  /** After the footer's `lines 3-20 of 36`: why the prompt is shut, e.g. `read to the end to confirm`. */
  readonly positionNote?: string | null;
}

export function PromptedScroll({ chrome, summary, lines, scroll, prompt, status, positionNote = null }: PromptedScrollProps) {
  const height = promptedBodyHeight(chrome.viewport);
  const top = Math.max(0, Math.min(scroll, lines.length - height));
  const position = [linesPosition(top, height, lines.length), positionNote ?? ''].filter((part) => part !== '').join(' · ');
  return (
    <ScreenFrame chrome={chrome} summary={summary} position={position}>
      <Box flexDirection="column" height={height} overflow="hidden">
        <LineList lines={lines} top={top} height={height} />
      </Box>
      <ScreenLineText line={prompt} />
      <ScreenLineText line={status} />
    </ScreenFrame>
  );
}
