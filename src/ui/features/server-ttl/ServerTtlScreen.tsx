import { useMemo } from 'react';
import { PromptedScroll } from '../../shared/PromptedScroll.tsx';
import { gateFooterNote, gateState } from '../../shared/preview-gate.ts';
import { chromeOf, type ScreenProps } from '../../view-model/screen-props.ts';
import type { ServerTtlScreen as ServerTtlScreenState } from './server-ttl-flow.ts';
import { serverTtlBodyLines, serverTtlPinnedLines } from './server-ttl-lines.ts';

export interface ServerTtlScreenProps extends ScreenProps {
  readonly screen: ServerTtlScreenState;
}

/** `:server-ttl [DUR]`: the setting, a change with its typed confirmation (the server's name), the outcome. */
export function ServerTtlScreen({ state, info, screen }: ServerTtlScreenProps) {
  const columns = state.viewport.columns;
  const lines = useMemo(() => serverTtlBodyLines(screen, columns), [screen, columns]);
  const [prompt, status] = serverTtlPinnedLines(screen, state.now, lines.length);
  const note = screen.step.kind === 'confirm' ? gateFooterNote(gateState(screen.step.gate, state.now, lines.length)) : null;
  return <PromptedScroll chrome={chromeOf(state, info)} summary="the server's token lifetime" lines={lines} scroll={screen.scroll} prompt={prompt} status={status} positionNote={note} />;
}
