import { Box } from 'ink';
import { useMemo } from 'react';
import { LineList, ScreenLineText } from '../../components/LineList.tsx';
import { bodyLines } from '../../shared/layout.ts';
import { ScreenFrame } from '../../shared/ScreenFrame.tsx';
import { problemLines, wrapped, type ScreenLine } from '../../shared/screen-line.ts';
import type { AppState } from '../../view-model/app-state.ts';
import { activeRevoke } from '../../view-model/screen-hub.ts';
import { chromeOf, type ScreenProps } from '../../view-model/screen-props.ts';
import { ResultBody } from '../create/ResultBody.tsx';
import { WizardBody } from '../create/WizardBody.tsx';
import { gateFooterNote, gateState } from '../../shared/preview-gate.ts';
import { gateOf, type RevokeFlow } from '../revoke/revoke-flow.ts';
import { revokeBodyLines, revokePinnedLines } from '../revoke/revoke-lines.ts';
import { rotateStage, type RotateFlow } from './rotate-flow.ts';
import { failureLines, replacementNote, rotatePlanLines, secretLostLines, summaryLines } from './rotate-lines.ts';

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
  const gate = flow.revoke === null ? undefined : gateOf(flow.revoke.step);
  const shut = gate === undefined || flow.revoke === null ? null : gateFooterNote(gateState(gate, state.now, revokeBodyLines(flow.revoke, columns).length));
  const position = [`step ${Math.min(flow.rotation.completedSteps.length + 1, steps)} of ${steps}`, shut ?? ''].filter((part) => part !== '').join(' · ');
  return (
    <ScreenFrame chrome={chromeOf(state, info)} summary={`rotate ${flow.rotation.oldTokenId}`} position={position}>
      <LineList lines={top} top={0} height={top.length} />
      <StageBody state={state} flow={flow} height={height} />
    </ScreenFrame>
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
      return <RevokeStage revoke={stage.revoke} now={state.now} width={width} height={activeRevoke(state)?.viewHeight ?? 1} />;
  }
}

/** The revoke screen's preview and prompt for the old token (typed confirmation and all). */
function RevokeStage({ revoke, now, width, height }: { readonly revoke: RevokeFlow; readonly now: number; readonly width: number; readonly height: number }) {
  const lines: ScreenLine[] = useMemo(() => revokeBodyLines(revoke, width), [revoke, width]);
  const [prompt, status] = revokePinnedLines(revoke, now, lines.length);
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
