import { Box, Text } from 'ink';
import { useMemo } from 'react';
import { useNow } from '../../hooks/useNow.ts';
import type { TokenFieldNames } from '../../../core/token.ts';
import type { TokenEntry } from '../../shared/token-data.ts';
import { windowTop, type Selection } from './selection.ts';
import { colorOf } from '../../shared/theme.ts';
import { describeTtl, ttlCellText } from '../../shared/ttl-display.ts';
import type { TableTimeZone } from '../../shared/time-format.ts';
import { headingText, layoutTable, rowPrefixText, widestId } from './table-layout.ts';
import { TokenRow } from './TokenRow.tsx';

export interface TokenTableProps {
  readonly rows: readonly TokenEntry[];
  readonly selection: Selection;
  readonly width: number;
  /** Token rows that fit (the heading line comes on top). */
  readonly height: number;
  /** Ids marked for a bulk action. */
  readonly marked?: ReadonlySet<string>;
  /** The EXPIRES column's zone (its title says which). */
  readonly timeZone?: TableTimeZone;
  /** What the adapter calls description and scope (column titles). */
  readonly fieldNames?: TokenFieldNames;
}

const noMarks: ReadonlySet<string> = new Set();

/**
 * Renders only the rows that fit, in a window that follows the selection, so every frame
 * stays within the terminal height (Ink's incremental rendering depends on it).
 */
export function TokenTable({ rows, selection, width, height, marked = noMarks, timeZone = 'utc', fieldNames }: TokenTableProps) {
  const now = useNow();
  const scoped = useMemo(() => rows.length > 0 && rows.every((entry) => entry.token.scope !== undefined), [rows]);
  const idWidth = useMemo(() => widestId(rows.map((entry) => entry.token)), [rows]);
  const hasUses = useMemo(() => rows.some((entry) => entry.token.usesRemaining !== undefined), [rows]);
  // The local offset in the title changes only across a DST switch: the layout follows the clock by the hour.
  const hour = Math.floor(now / 3_600_000);
  const layout = useMemo(
    () => layoutTable({ width, idWidth, scoped, hasUses, timeZone, now: hour * 3_600_000, ...(fieldNames === undefined ? {} : { fieldNames }) }),
    [width, idWidth, scoped, hasUses, timeZone, hour, fieldNames],
  );
  // The state keeps the window in step with the selection; recomputing here (cheap) keeps
  // a frame correct even in the render between a resize and the reducer catching up.
  const top = windowTop(selection.index, selection.top, height, rows.length);
  // Static row text does not depend on the clock: rebuild it only when the window moves.
  const { window, prefixes } = useMemo(() => {
    const slice = rows.slice(top, top + height);
    const text = slice.map((entry, offset) => rowPrefixText(entry.token, top + offset === selection.index, layout, marked.has(entry.token.id)));
    return { window: slice, prefixes: text };
  }, [rows, top, height, selection.index, layout, marked]);
  return (
    <Box flexDirection="column" width={width}>
      <Text wrap="truncate" bold color={colorOf('text.heading')}>
        {headingText(layout)}
      </Text>
      {window.map((entry, offset) => {
        const ttl = describeTtl(entry.token, now, entry.reportedAt);
        return (
          <TokenRow
            key={entry.token.id}
            prefix={prefixes[offset] ?? ''}
            ttlText={ttlCellText(ttl)}
            ttlRole={ttl.role}
            selected={top + offset === selection.index}
          />
        );
      })}
    </Box>
  );
}
