import { Box } from 'ink';
import { useMemo } from 'react';
import { Footer } from '../components/Footer.tsx';
import { Frame } from '../components/Frame.tsx';
import { Header } from '../components/Header.tsx';
import { LineList, ScreenLineText } from '../components/LineList.tsx';
import { ResultBody } from '../components/ResultBody.tsx';
import { WizardBody } from '../components/WizardBody.tsx';
import { footerHints } from '../keys/keymap.ts';
import { bodyLines } from '../layout.ts';
import { commandContext, modeOf, type AppState } from '../state/app-state.ts';
import { revokeViewHeight } from '../state/revoke-actions.ts';
import type { RevokeFlow } from '../state/revoke-flow.ts';
import { revokeBodyLines, revokePinnedLines, wrapped, type ScreenLine } from '../state/revoke-model.ts';
import { rotateStage, type RotateFlow } from '../state/rotate-flow.ts';
import { failureLines, problemLines, replacementNote, rotatePlanLines, secretLostLines, summaryLines } from '../state/rotate-model.ts';
import type { ScreenProps } from './screen-props.ts';

export interface RotateScreenProps extends ScreenProps {
  readonly flow: RotateFlow;
}

/** The rotation plan with its progress on top; below it, whatever the current step needs. */
export function RotateScreen({ state, info, flow }: RotateScreenProps) {
  const { viewport } = state;
  const { columns } = viewport;
  const top = useMemo(
    () => [...rotatePlanLines(flow.rotation, viewport), ...problemLines(flow.problems, columns)],
    [flow.rotation, flow.problems, viewport, columns],
  );
  const height = Math.max(1, bodyLines(viewport) - top.length);
  const steps = flow.rotation.steps.length;
  const position = `step ${Math.min(flow.rotation.completedSteps.length + 1, steps)} of ${steps}`;
  const footer = <Footer hints={footerHints(modeOf(state), commandContext(state), state.readonly)} width={columns} flash={state.flash} position={position} />;
  return (
    <Frame viewport={viewport} header={<Header info={info} data={state.data} summary={`rotate ${flow.rotation.oldTokenId}`} width={columns} />} footer={footer}>
      <LineList lines={top} top={0} height={top.length} />
      <StageBody state={state} flow={flow} height={height} />
    </Frame>
  );
}

function StageBody({ state, flow, height }: { readonly state: AppState; readonly flow: RotateFlow; readonly height: number }) {
  const width = state.viewport.columns;
  const stage = rotateStage(flow);
  switch (stage.kind) {
    case 'wizard': {
      const { wizard } = stage;
      if (wizard.phase === 'created') {
        const heading = `✓ replacement ${wizard.result.created.token.id} created`;
        return <ResultBody result={wizard.result} view={flow.view} heading={heading} width={width} height={height} />;
      }
      return <WizardBody wizard={wizard} title="Replacement" width={width} height={height} lead={wrapped(replacementNote(flow), width, '', 'text.secondary')} />;
    }
    case 'secret-lost':
      return <LineList lines={secretLostLines(flow.rotation, width)} top={0} height={height} />;
    case 'make-default':
      return <LineList lines={[{ text: `making ${flow.rotation.newTokenId ?? ''} the default token…`, role: 'status.muted' }]} top={0} height={height} />;
    case 'failed':
      return <LineList lines={failureLines(flow, stage.failure, width)} top={0} height={height} />;
    case 'summary':
      return <LineList lines={summaryLines(flow, width)} top={0} height={height} />;
    case 'revoke':
      return <RevokeStage revoke={stage.revoke} width={width} height={revokeViewHeight(state)} />;
  }
}

/** The revoke screen's preview and prompt for the old token (typed confirmation and all). */
function RevokeStage({ revoke, width, height }: { readonly revoke: RevokeFlow; readonly width: number; readonly height: number }) {
  const lines: ScreenLine[] = useMemo(() => revokeBodyLines(revoke, width), [revoke, width]);
  const [prompt, status] = revokePinnedLines(revoke);
  const top = Math.max(0, Math.min(revoke.scroll, lines.length - height));
  return (
    <>
      <Box flexDirection="column" height={height} overflow="hidden">
        <LineList lines={lines} top={top} height={height} />
      </Box>
      <ScreenLineText line={prompt} />
      <ScreenLineText line={status} />
    </>
  );
}
