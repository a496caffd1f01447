import { Box, Text } from 'ink';
import { formatShortHumanDuration } from '../../core/duration.ts';
import { useNow } from '../hooks/useNow.ts';
import { targetLine, type HeaderInfo } from '../shared/header-info.ts';
import type { DataState } from '../shared/token-data.ts';
import { displayWidth, truncateToWidth } from '../shared/text-width.ts';
import { colorOf, type ThemeRole } from '../shared/theme.ts';


export interface HeaderProps {
  readonly info: HeaderInfo;
  readonly data: DataState;
  /** `42 tokens · sort: expiry` — what the current screen wants to say on line two. */
  readonly summary: string;
  readonly width: number;
}

/** Two lines: where we are connected to, and how fresh the data is. */
export function Header({ info, data, summary, width }: HeaderProps) {
  // Words in brackets so the flags survive NO_COLOR.
  const badges = [info.readonly ? '[READ-ONLY]' : '', info.demo ? '[DEMO]' : ''].filter((badge) => badge !== '').join(' ');
  const badgeWidth = badges === '' ? 0 : displayWidth(badges) + 1;
  const where = targetLine(info);
  return (
    <Box flexDirection="column" width={width}>
      <Box width={width}>
        <Text wrap="truncate" bold>
          {truncateToWidth(where, width - badgeWidth)}
        </Text>
        {badges === '' ? null : (
          <Text color={colorOf('status.warn')} bold>
            {' '}
            {badges}
          </Text>
        )}
      </Box>
      <ConnectionLine data={data} summary={summary} width={width} />
    </Box>
  );
}

interface ConnectionLineProps {
  readonly data: DataState;
  readonly summary: string;
  readonly width: number;
}

function ConnectionLine({ data, summary, width }: ConnectionLineProps) {
  const now = useNow();
  const status = connectionStatus(data, now);
  const error = data.connection === 'live' || data.error === null ? '' : ` · ${data.error}`;
  const rest = truncateToWidth(` · ${summary}${error}`, Math.max(0, width - displayWidth(status.text)));
  return (
    <Text wrap="truncate">
      <Text color={colorOf(status.role)}>{status.text}</Text>
      {rest}
    </Text>
  );
}

/** The state word with a glyph, and the data's age whenever it is not live. */
export function connectionStatus(data: DataState, now: number): { readonly text: string; readonly role: ThemeRole } {
  const age = data.syncedAt === null ? null : formatShortHumanDuration(Math.max(0, now - data.syncedAt) / 1000);
  switch (data.connection) {
    case 'connecting':
      return { text: '◌ connecting…', role: 'status.muted' };
    case 'live':
      return { text: '● live', role: 'status.ok' };
    case 'polling':
      // Fresh, but only as fresh as the last list: say so, with its age.
      return { text: `◐ polling (data ${age ?? '0s'} old)`, role: 'status.ok' };
    case 'reconnecting':
      return { text: `↻ reconnecting (${age === null ? 'no data yet' : `data ${age} old`})`, role: 'status.warn' };
    case 'stale':
      return { text: age === null ? '✗ stale (no data yet)' : `✗ stale ${age}`, role: 'status.danger' };
  }
}
