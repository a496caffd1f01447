// Semantic colours: components name a role, never a raw colour, so a palette change (or a
// colour-blind theme later) touches this file only. `undefined` = the terminal's own colour,
// which also costs no SGR bytes on every countdown tick.
export type ThemeRole =
  | 'text.primary'
  | 'text.secondary'
  | 'text.accent'
  | 'text.heading'
  | 'status.ok'
  | 'status.warn'
  | 'status.danger'
  | 'status.muted';

export const theme: { readonly [role in ThemeRole]: string | undefined } = {
  'text.primary': undefined,
  'text.secondary': 'gray',
  'text.accent': 'cyan',
  'text.heading': undefined,
  'status.ok': 'green',
  'status.warn': 'yellow',
  'status.danger': 'red',
  'status.muted': 'gray',
};

export function colorOf(role: ThemeRole | undefined): string | undefined {
  return role === undefined ? undefined : theme[role];
}
