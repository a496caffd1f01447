import { Box } from 'ink';
import type { ReactNode } from 'react';
import { bodyLines, type Viewport } from './layout.ts';

export interface FrameProps {
  readonly viewport: Viewport;
  readonly header: ReactNode;
  readonly footer: ReactNode;
  readonly children?: ReactNode;
}

/**
 * Header, body, footer: exactly `rows` lines. The body clips anything taller, so no screen
 * can ever produce a frame taller than the terminal.
 */
export function Frame({ viewport, header, footer, children }: FrameProps) {
  return (
    <Box flexDirection="column" width={viewport.columns} height={viewport.rows}>
      {header}
      <Box flexDirection="column" height={bodyLines(viewport)} overflow="hidden">
        {children}
      </Box>
      {footer}
    </Box>
  );
}
