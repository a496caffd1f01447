import { Box, Text } from 'ink';
import { MIN_COLUMNS, MIN_ROWS, type Viewport } from '../shared/layout.ts';
import { colorOf } from '../shared/theme.ts';

/** Instead of a broken frame: what size is needed, and how to get out. */
export function TooSmallScreen({ viewport }: { readonly viewport: Viewport }) {
  return (
    <Box flexDirection="column" width={viewport.columns} height={viewport.rows} overflow="hidden">
      <Text wrap="wrap" color={colorOf('status.warn')}>
        terminal too small (need {MIN_COLUMNS}×{MIN_ROWS}, have {viewport.columns}×{viewport.rows})
      </Text>
      <Text wrap="wrap" color={colorOf('text.secondary')}>
        enlarge the window, or press q to quit
      </Text>
    </Box>
  );
}
