import { Text } from 'ink';
import { Footer } from '../components/Footer.tsx';
import { Frame } from '../components/Frame.tsx';
import { Header } from '../components/Header.tsx';
import { TokenTable } from '../components/TokenTable.tsx';
import { footerHints } from '../keys/keymap.ts';
import { tableRows } from '../layout.ts';
import { commandContext, footerPrompt, modeOf } from '../state/app-state.ts';
import { checklistNotice } from '../state/checklist-screen.ts';
import { colorOf } from '../theme.ts';
import { countLabel, type ScreenProps } from './screen-props.ts';

/** The token table, also in filter-prompt mode (the prompt replaces the footer's start). */
export function ListScreen({ state, info }: ScreenProps) {
  const { viewport, rows, data, selection, filter, sort } = state;
  const mode = modeOf(state);
  const total = data.entries.size;
  const shown = filter === '' ? countLabel(total) : `${rows.length} of ${countLabel(total)} match "${filter}"`;
  const marks = state.marked.size === 0 ? '' : ` · ${state.marked.size} marked`;
  // An open server-token checklist is the one reminder worth the header's room (k3s).
  const notice = checklistNotice(state);
  const summary = `${shown} · sort: ${sort}${marks}${notice === null ? '' : ` · ${notice}`}`;
  const footer = (
    <Footer
      hints={footerHints(mode, commandContext(state), state.readonly)}
      width={viewport.columns}
      flash={state.flash}
      prompt={footerPrompt(state)}
      position={rows.length === 0 ? '' : `${selection.index + 1}/${rows.length}`}
    />
  );
  return (
    <Frame viewport={viewport} header={<Header info={info} data={data} summary={summary} width={viewport.columns} />} footer={footer}>
      {body()}
    </Frame>
  );

  function body() {
    if (!data.loaded) {
      const detail = data.error === null ? '' : ` (${data.error})`;
      return (
        <Text wrap="wrap" color={colorOf('status.muted')}>
          loading tokens from {info.server}…{detail}
        </Text>
      );
    }
    if (rows.length === 0) {
      const message = filter === '' ? 'no tokens on this backend' : `no token matches "${filter}" (Esc clears the filter)`;
      return (
        <Text wrap="truncate" color={colorOf('status.muted')}>
          {message}
        </Text>
      );
    }
    return <TokenTable rows={rows} selection={selection} width={viewport.columns} height={tableRows(viewport)} marked={state.marked} />;
  }
}
