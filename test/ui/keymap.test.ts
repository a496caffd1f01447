import { describe, expect, it } from 'vitest';
import { COMMAND_IDS, COMMANDS, NOT_IN_THIS_BUILD, type CommandContext, type Mode } from '../../src/ui/keys/commands.ts';
import { isPrintableKey } from '../../src/ui/keys/key-press.ts';
import { commandForKey, footerHints, helpEntries, KEYMAP } from '../../src/ui/keys/keymap.ts';

const MODES: readonly Mode[] = ['list', 'filter', 'details', 'help', 'too-small'];
const idle: CommandContext = { hasSelection: true, filterActive: false };

describe('keymap as data', () => {
  it('binds and describes every command exactly once', () => {
    expect(Object.keys(KEYMAP).sort()).toEqual([...COMMAND_IDS].sort());
    for (const id of COMMAND_IDS) {
      expect(COMMANDS[id].description.trim(), id).not.toBe('');
      expect(KEYMAP[id].length, `${id} has no key`).toBeGreaterThan(0);
      expect(COMMANDS[id].modes.length, `${id} applies nowhere`).toBeGreaterThan(0);
    }
    const descriptions = COMMAND_IDS.map((id) => COMMANDS[id].description);
    expect(new Set(descriptions).size).toBe(descriptions.length);
  });

  it('has no key clash within a mode', () => {
    for (const mode of MODES) {
      const seen = new Map<string, string>();
      for (const id of COMMAND_IDS.filter((command) => COMMANDS[command].modes.includes(mode))) {
        for (const key of KEYMAP[id]) {
          expect(seen.get(key), `${mode}: ${key} is bound to ${seen.get(key)} and ${id}`).toBeUndefined();
          seen.set(key, id);
        }
      }
    }
  });

  it('resolves keys per mode', () => {
    expect(commandForKey('list', 'j')).toBe('list.down');
    expect(commandForKey('details', 'j')).toBe('details.scrollDown');
    expect(commandForKey('filter', 'j')).toBeUndefined();
    expect(commandForKey('filter', 'enter')).toBe('filter.apply');
    expect(commandForKey('too-small', 'q')).toBe('app.quit');
    expect(commandForKey('too-small', 'j')).toBeUndefined();
  });

  it('leaves every printable key to the text in the filter prompt', () => {
    const printable = COMMAND_IDS.filter((id) => COMMANDS[id].modes.includes('filter')).flatMap((id) => KEYMAP[id].filter(isPrintableKey));
    expect(printable).toEqual([]);
  });

  it('keeps mutations on plain keys, never on a control chord', () => {
    for (const id of COMMAND_IDS.filter((command) => COMMANDS[command].dangerous)) {
      expect(KEYMAP[id].every((key) => !key.startsWith('ctrl+')), id).toBe(true);
    }
  });

  it('declares the commands of later issues as disabled, with the reason', () => {
    for (const id of ['token.create', 'token.rotate', 'token.revoke', 'token.copy', 'command.line'] as const) {
      expect(COMMANDS[id].disabledReason(idle)).toBe(NOT_IN_THIS_BUILD);
    }
    expect(KEYMAP['token.create']).toEqual(['c']);
    expect(KEYMAP['token.rotate']).toEqual(['r']);
    expect(KEYMAP['token.revoke']).toEqual(['d']);
    expect(KEYMAP['token.copy']).toEqual(['y']);
    expect(KEYMAP['command.line']).toEqual([':']);
  });
});

describe('generated footer and help', () => {
  it('shows only runnable commands in the footer, merging shared labels', () => {
    const labels = footerHints('list', idle, false).map((hint) => `${hint.keys} ${hint.label}`);
    expect(labels).toContain('↑↓ move');
    expect(labels).toContain('? help');
    expect(labels).not.toContain('Esc clear filter');
    expect(labels.some((label) => label.includes('revoke'))).toBe(false); // disabled in this build
    const filtered = footerHints('list', { ...idle, filterActive: true }, false).map((hint) => hint.label);
    expect(filtered).toContain('clear filter');
  });

  it('lists disabled commands in the help with their reason', () => {
    const revoke = helpEntries(idle, false).find((entry) => entry.id === 'token.revoke');
    expect(revoke).toMatchObject({ keys: 'd', disabledReason: NOT_IN_THIS_BUILD });
  });

  it('removes every dangerous command in read-only mode', () => {
    const ids = helpEntries(idle, true).map((entry) => entry.id);
    expect(ids).not.toContain('token.create');
    expect(ids).not.toContain('token.rotate');
    expect(ids).not.toContain('token.revoke');
    expect(ids).toContain('token.copy');
    expect(helpEntries(idle, false).map((entry) => entry.id)).toContain('token.revoke');
  });
});
