// Where tokentui keeps its files, per the XDG Base Directory spec:
// state (the audit journal) under $XDG_STATE_HOME/tokentui, config under $XDG_CONFIG_HOME/tokentui,
// what may be thrown away (remembered detections) under $XDG_CACHE_HOME/tokentui.
// The spec says relative values are invalid and must be ignored, so they fall back to the default.
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';

export const APP_DIR_NAME = 'tokentui';

export interface PathEnvironment {
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** The home directory (default: os.homedir()). */
  readonly home?: string;
}

function xdgBase(variable: string, fallbackUnderHome: string, options: PathEnvironment): string {
  const value = (options.env ?? process.env)[variable];
  if (value !== undefined && value !== '' && isAbsolute(value)) return value;
  return join(options.home ?? homedir(), fallbackUnderHome);
}

/** `$XDG_STATE_HOME/tokentui`, or `~/.local/state/tokentui`. */
export function stateDir(options: PathEnvironment = {}): string {
  return join(xdgBase('XDG_STATE_HOME', join('.local', 'state'), options), APP_DIR_NAME);
}

/** `$XDG_STATE_HOME/tokentui/demo`: the embedded demo's persistent state and its own journals. */
export function demoStateDir(options: PathEnvironment = {}): string {
  return join(stateDir(options), 'demo');
}

/** `$XDG_CONFIG_HOME/tokentui`, or `~/.config/tokentui`. */
export function configDir(options: PathEnvironment = {}): string {
  return join(xdgBase('XDG_CONFIG_HOME', '.config', options), APP_DIR_NAME);
}

/** `$XDG_CACHE_HOME/tokentui`, or `~/.cache/tokentui`. */
export function cacheDir(options: PathEnvironment = {}): string {
  return join(xdgBase('XDG_CACHE_HOME', '.cache', options), APP_DIR_NAME);
}
