import { Footer } from '../components/Footer.tsx';
import { Frame } from '../components/Frame.tsx';
import { Header } from '../components/Header.tsx';
import { LineList } from '../components/LineList.tsx';
import { ResultBody } from '../components/ResultBody.tsx';
import { WizardBody } from '../components/WizardBody.tsx';
import { footerHints } from '../keys/keymap.ts';
import { bodyLines } from '../layout.ts';
import { commandContext, modeOf } from '../state/app-state.ts';
import type { CreateScreenState } from '../state/create-screen.ts';
import { problemLines } from '../state/rotate-model.ts';
import type { ScreenProps } from './screen-props.ts';

export interface CreateScreenProps extends ScreenProps {
  readonly create: CreateScreenState;
}

/** The create wizard step by step, then the created token's secret and join command, once. */
export function CreateScreen({ state, info, create }: CreateScreenProps) {
  const { viewport } = state;
  const { wizard } = create;
  const problems = problemLines(create.problems, viewport.columns);
  const height = Math.max(1, bodyLines(viewport) - problems.length);
  const summary = wizard.phase === 'created' ? 'token created: the secret is shown once' : 'create a token';
  const footer = <Footer hints={footerHints(modeOf(state), commandContext(state), state.readonly)} width={viewport.columns} flash={state.flash} />;
  return (
    <Frame viewport={viewport} header={<Header info={info} data={state.data} summary={summary} width={viewport.columns} />} footer={footer}>
      <LineList lines={problems} top={0} height={problems.length} />
      {wizard.phase === 'created' ? (
        <ResultBody result={wizard.result} view={create.view} heading={`✓ token ${wizard.result.created.token.id} created`} width={viewport.columns} height={height} />
      ) : (
        <WizardBody wizard={wizard} title="Create a token" width={viewport.columns} height={height} />
      )}
    </Frame>
  );
}
