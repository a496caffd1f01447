import { useMemo } from 'react';
import { Footer } from '../components/Footer.tsx';
import { Frame } from '../components/Frame.tsx';
import { Header } from '../components/Header.tsx';
import { LineList } from '../components/LineList.tsx';
import { footerHints } from '../keys/keymap.ts';
import { bodyLines } from '../layout.ts';
import { commandContext } from '../state/app-state.ts';
import { auditLines, auditSummary, type AuditView } from '../state/audit-model.ts';
import type { ScreenProps } from './screen-props.ts';

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
  const position = lines.length > height ? `lines ${top + 1}-${Math.min(lines.length, top + height)} of ${lines.length}` : '';
  const footer = <Footer hints={footerHints('audit', commandContext(state), state.readonly)} width={viewport.columns} flash={state.flash} position={position} />;
  return (
    <Frame viewport={viewport} header={<Header info={info} data={state.data} summary={auditSummary(journal)} width={viewport.columns} />} footer={footer}>
      <LineList lines={lines} top={top} height={height} />
    </Frame>
  );
}
