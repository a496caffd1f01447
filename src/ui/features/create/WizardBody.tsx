import { useMemo } from 'react';
import type { CreateWizardState } from '../../../core/create-wizard.ts';
import { useNow } from '../../hooks/useNow.ts';
import type { ScreenLine } from '../../shared/screen-line.ts';
import { wizardLines } from './wizard-lines.ts';
import { LineList } from '../../components/LineList.tsx';

export interface WizardBodyProps {
  readonly wizard: CreateWizardState;
  readonly title: string;
  readonly width: number;
  readonly height: number;
  /** Shown above the step (the rotate screen says where the values came from). */
  readonly lead?: readonly ScreenLine[];
}

/** The wizard's current step; the expiry preview follows the shared clock. */
export function WizardBody({ wizard, title, width, height, lead = [] }: WizardBodyProps) {
  const now = useNow();
  const lines = useMemo(() => [...lead, ...wizardLines(wizard, now, width, title)], [lead, wizard, now, width, title]);
  return <LineList lines={lines} top={0} height={height} />;
}
