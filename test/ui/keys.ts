// Keys named by command (lazygit style): remapping a key never breaks a test.
import { KEYMAP, type CommandId } from '../../src/ui/view-model/commands.ts';

const SEQUENCES: Readonly<Record<string, string>> = {
  up: '\u001b[A',
  down: '\u001b[B',
  pageup: '\u001b[5~',
  pagedown: '\u001b[6~',
  home: '\u001b[H',
  end: '\u001b[F',
  enter: '\r',
  escape: '\u001b',
  backspace: '\u007f',
  tab: '\t',
  'ctrl+c': '\u0003',
  'ctrl+space': '\u0000',
};

/** The bytes a terminal sends for a key name of the keymap. */
export function bytesForKey(name: string): string {
  return SEQUENCES[name] ?? name;
}

/** The bytes of each command's first key, concatenated: one chunk, as tmux sends them. */
export function keysFor(...commands: CommandId[]): string {
  return commands
    .map((command) => {
      const key = KEYMAP[command][0];
      if (key === undefined) throw new Error(`${command} has no key`);
      return bytesForKey(key);
    })
    .join('');
}
