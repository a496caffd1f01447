import { Text } from 'ink';
import { tableRows } from '../../shared/layout.ts';
import { ScreenFrame } from '../../shared/ScreenFrame.tsx';
import { screenText } from '../../shared/text-width.ts';
import { colorOf } from '../../shared/theme.ts';
import { chromeOf, countLabel, type ScreenProps } from '../../view-model/screen-props.ts';
import { checklistNotice } from '../checklist/checklist-state.ts';
import { TokenTable } from './TokenTable.tsx';

/** The token table, also in filter-prompt mode (the prompt replaces the footer's start). */
export function ListScreen({ state, info }: ScreenProps) {
  const { viewport, rows, data, selection, filter, sort } = state;
  const total = data.entries.size;
  const shown = filter === '' ? countLabel(total) : `${rows.length} of ${countLabel(total)} match "${filter}"`;
  const marks = state.marked.size === 0 ? '' : ` · ${state.marked.size} marked`;
  // An open server-token checklist is the one reminder worth the header's room.
  const notice = checklistNotice(state.serverToken);
  const summary = `${shown} · sort: ${sort}${marks}${notice === null ? '' : ` · ${notice}`}`;
  return (
    <ScreenFrame chrome={chromeOf(state, info)} summary={summary} position={rows.length === 0 ? '' : `${selection.index + 1}/${rows.length}`}>
      {body()}
    </ScreenFrame>
  );

  function body() {
    if (!data.loaded) {
      const detail = data.error === null ? '' : ` (${data.error})`;
      return (
        <Text wrap="wrap" color={colorOf('status.muted')}>
          {screenText(`loading tokens from ${info.server}…${detail}`)}
        </Text>
      );
    }
    if (rows.length === 0) {
      const message = filter === '' ? 'no tokens on this backend' : `no token matches "${filter}" (Esc clears the filter)`;
      return (
        <Text wrap="truncate" color={colorOf('status.muted')}>
          {screenText(message)}
        </Text>
      );
    }
    return <TokenTable rows={rows} selection={selection} width={viewport.columns} height={tableRows(viewport)} marked={state.marked} timeZone={state.timeZone} fieldNames={state.target.fieldNames} />;
  }
}
