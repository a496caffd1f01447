// The one-line message in the footer: why a key did nothing, or what a screen did when it closed.
import type { ThemeRole } from './theme.ts';

export interface Flash {
  readonly text: string;
  readonly role: ThemeRole;
}
