import { Box, Text } from 'ink';
import { useMemo } from 'react';
import { useNow } from '../../hooks/useNow.ts';
import { bodyLines } from '../../shared/layout.ts';
import { linesPosition, ScreenFrame } from '../../shared/ScreenFrame.tsx';
import { displayWidth, fitToWidth, screenText, truncateToWidth } from '../../shared/text-width.ts';
import { colorOf, type ThemeRole } from '../../shared/theme.ts';
import type { TokenEntry } from '../../shared/token-data.ts';
import { CLOCK_SKEW_GRACE_MS, describeTtl, ttlCellText, ttlState } from '../../shared/ttl-display.ts';
import { chromeOf, type ScreenProps } from '../../view-model/screen-props.ts';
import { detailFields, detailLines, type DetailLine, type LiveField } from './details-model.ts';

export interface DetailsScreenProps extends ScreenProps {
  readonly tokenId: string;
  readonly scroll: number;
}

/** Every field of one token, the join command shape with the secret masked, live TTL. */
export function DetailsScreen({ state, info, tokenId, scroll }: DetailsScreenProps) {
  const { viewport } = state;
  const entry = state.data.entries.get(tokenId);
  const lines = useMemo(
    () => (entry === undefined ? [] : detailLines(detailFields(entry, state.target), viewport.columns)),
    [entry, state.target, viewport.columns],
  );
  const height = bodyLines(viewport);
  const top = Math.max(0, Math.min(scroll, lines.length - height));
  const labelColumn = Math.max(0, ...lines.map((line) => displayWidth(line.label))) + 2;
  return (
    <ScreenFrame chrome={chromeOf(state, info)} summary={`token ${tokenId}`} position={linesPosition(top, height, lines.length)}>
      {entry === undefined ? (
        <Text color={colorOf('status.warn')} wrap="wrap">
          token {screenText(tokenId)} is no longer listed: the backend removed it. Esc returns to the list.
        </Text>
      ) : (
        lines.slice(top, top + height).map((line, index) => (
          <DetailRow key={`${top + index}`} line={line} entry={entry} labelColumn={labelColumn} width={viewport.columns} />
        ))
      )}
    </ScreenFrame>
  );
}

interface DetailRowProps {
  readonly line: DetailLine;
  readonly entry: TokenEntry;
  readonly labelColumn: number;
  readonly width: number;
}

function DetailRow({ line, entry, labelColumn, width }: DetailRowProps) {
  const valueWidth = Math.max(0, width - labelColumn);
  return (
    <Box width={width}>
      <Text color={colorOf('text.secondary')}>{fitToWidth(line.label, labelColumn)}</Text>
      {line.live === undefined ? (
        <Text wrap="truncate" color={colorOf(line.role)}>
          {screenText(line.text)}
        </Text>
      ) : (
        <LiveValue entry={entry} field={line.live} width={valueWidth} />
      )}
    </Box>
  );
}

function LiveValue({ entry, field, width }: { readonly entry: TokenEntry; readonly field: LiveField; readonly width: number }) {
  const now = useNow();
  const value = field === 'ttl' ? ttlValue(entry, now) : statusValue(entry, now);
  return (
    <Text wrap="truncate" color={colorOf(value.role)}>
      {truncateToWidth(value.text, width)}
    </Text>
  );
}

function ttlValue(entry: TokenEntry, now: number): { text: string; role: ThemeRole } {
  const ttl = describeTtl(entry.token, now, entry.reportedAt);
  return { text: ttlCellText(ttl), role: ttl.role };
}

function statusValue(entry: TokenEntry, now: number): { text: string; role: ThemeRole } {
  switch (ttlState(entry.token, now, entry.reportedAt)) {
    case 'ok':
    case 'soon':
    case 'critical':
    case 'never':
      return { text: 'active', role: 'status.ok' };
    case 'expired':
      return { text: 'expired (listed until the backend removes it)', role: 'status.danger' };
    case 'clock-skew':
      return {
        text: `clock skew: the backend still reported it over ${CLOCK_SKEW_GRACE_MS / 1000}s after it expired by this machine's clock`,
        role: 'status.warn',
      };
    case 'used-up':
      return { text: 'used up: every use is spent, nothing can join with it (listed until revoked or expired)', role: 'status.danger' };
    case 'invalid':
      return { text: 'invalid (see "Invalid because")', role: 'status.danger' };
  }
}
