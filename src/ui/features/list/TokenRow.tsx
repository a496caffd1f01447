import { Text } from 'ink';
import { memo } from 'react';
import { colorOf, type ThemeRole } from '../../shared/theme.ts';

export interface TokenRowProps {
  /** The row up to the TTL column (already fitted to the column widths). */
  readonly prefix: string;
  readonly ttlText: string;
  readonly ttlRole: ThemeRole;
  readonly selected: boolean;
}

// Memoised on plain strings: on a tick only rows whose TTL text changed render again.
export const TokenRow = memo(function TokenRow({ prefix, ttlText, ttlRole, selected }: TokenRowProps) {
  return (
    <Text wrap="truncate" inverse={selected}>
      {prefix}
      <Text color={colorOf(ttlRole)}>{ttlText}</Text>
    </Text>
  );
});
