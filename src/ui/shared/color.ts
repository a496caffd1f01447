// Colour policy. Ink 8 ignores NO_COLOR: chalk fixes its level at import from stdout, so
// the level has to be forced to 0 here, before the first render.
import chalk from 'chalk';

export type ColorEnv = Readonly<Record<string, string | undefined>>;

/** `--no-color`, a non-empty NO_COLOR (no-color.org) or TERM=dumb. */
export function colorDisabled(noColorFlag: boolean, env: ColorEnv): boolean {
  return noColorFlag || (env.NO_COLOR ?? '') !== '' || env.TERM === 'dumb';
}

export function applyColorPolicy(noColorFlag: boolean, env: ColorEnv): void {
  if (colorDisabled(noColorFlag, env)) chalk.level = 0;
}
