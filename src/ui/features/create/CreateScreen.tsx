import { LineList } from '../../components/LineList.tsx';
import { bodyLines } from '../../shared/layout.ts';
import { ScreenFrame } from '../../shared/ScreenFrame.tsx';
import { problemLines } from '../../shared/screen-line.ts';
import { chromeOf, type ScreenProps } from '../../view-model/screen-props.ts';
import type { CreateScreenState } from './create-screen.ts';
import { ResultBody } from './ResultBody.tsx';
import { WizardBody } from './WizardBody.tsx';

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
  return (
    <ScreenFrame chrome={chromeOf(state, info)} summary={summary}>
      <LineList lines={problems} top={0} height={problems.length} />
      {wizard.phase === 'created' ? (
        <ResultBody result={wizard.result} view={create.view} heading={`✓ token ${wizard.result.created.token.id} created`} width={viewport.columns} height={height} />
      ) : (
        <WizardBody wizard={wizard} title="Create a token" width={viewport.columns} height={height} />
      )}
    </ScreenFrame>
  );
}
