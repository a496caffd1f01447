import { useMemo } from 'react';
import { LineList } from '../../components/LineList.tsx';
import { bodyLines } from '../../shared/layout.ts';
import { linesPosition, ScreenFrame } from '../../shared/ScreenFrame.tsx';
import { chromeOf, type ScreenProps } from '../../view-model/screen-props.ts';
import { auditLines, auditSummary, type AuditView } from './audit-model.ts';

export interface AuditScreenProps extends ScreenProps {
  readonly journal: AuditView;
  readonly scroll: number;
}

/** The local audit journal, newest record first. */
export function AuditScreen({ state, info, journal, scroll }: AuditScreenProps) {
  const { viewport } = state;
  const lines = useMemo(() => auditLines(journal, viewport.columns), [journal, viewport.columns]);
  const height = bodyLines(viewport);
  const top = Math.max(0, Math.min(scroll, lines.length - height));
  return (
    <ScreenFrame chrome={chromeOf(state, info)} summary={auditSummary(journal)} position={linesPosition(top, height, lines.length)}>
      <LineList lines={lines} top={top} height={height} />
    </ScreenFrame>
  );
}
