import { describe, expect, it } from 'vitest';
import type { CommandContext } from '../../src/ui/commands/command-spec.ts';
import { isPrintableKey } from '../../src/ui/commands/key-press.ts';
import { footerHints as footerHintsOf, helpEntries as helpEntriesOf } from '../../src/ui/commands/keymap.ts';
import { MODES, TEXT_MODES, type Mode } from '../../src/ui/commands/modes.ts';
import { COPY_ONLY_ON_RESULT } from '../../src/ui/features/create/create-commands.ts';
import { COMMAND_IDS, COMMAND_TABLE, commandForKey, KEYMAP } from '../../src/ui/view-model/commands.ts';

const footerHints = (mode: Mode, context: CommandContext, readonly: boolean) => footerHintsOf(COMMAND_TABLE, mode, context, readonly);
const helpEntries = (context: CommandContext, readonly: boolean) => helpEntriesOf(COMMAND_TABLE, context, readonly);
const CANNOT_REVOKE = 'this backend cannot revoke tokens';
const idle: CommandContext = {
  hasSelection: true,
  filterActive: false,
  hasMarks: false,
  revokeUnavailable: null,
  busy: false,
  createUnavailable: null,
  makeDefaultUnavailable: null,
  helpSearch: null,
  rotateUnavailable: null,
  joinCommandUnavailable: null,
  pendingWork: null,
  serverTokenUnavailable: null,
  contextSwitchUnavailable: null,
  serverTtlUnavailable: null,
};

describe('keymap as data', () => {
  it('binds and describes every command exactly once', () => {
    expect(Object.keys(KEYMAP).sort()).toEqual([...COMMAND_IDS].sort());
    for (const id of COMMAND_IDS) {
      expect(COMMAND_TABLE[id].description.trim(), id).not.toBe('');
      // A key, or (for what only the command line reaches) a `:` word.
      expect(KEYMAP[id].length + (COMMAND_TABLE[id].words?.length ?? 0), `${id} has no key and no word`).toBeGreaterThan(0);
      expect(COMMAND_TABLE[id].modes.length, `${id} applies nowhere`).toBeGreaterThan(0);
      expect(typeof COMMAND_TABLE[id].run, `${id} has no handler`).toBe('function');
    }
    const descriptions = COMMAND_IDS.map((id) => COMMAND_TABLE[id].description);
    expect(new Set(descriptions).size).toBe(descriptions.length);
  });

  it('gives every `:` word one command, and the command line names them all', () => {
    const words = COMMAND_IDS.flatMap((id) => COMMAND_TABLE[id].words ?? []);
    expect(new Set(words).size).toBe(words.length);
    expect([...words].sort()).toEqual(['audit', 'checklist', 'ctx', 'find', 'fleet', 'help', 'q', 'quit', 'rotate-server-token', 'server-ttl']);
    const described = COMMAND_TABLE['command.line'].description;
    for (const word of words.filter((word) => word !== 'quit')) expect(described, word).toMatch(new RegExp(`:${word}\\b`));
  });

  it('has no key clash within a mode', () => {
    for (const mode of MODES) {
      const seen = new Map<string, string>();
      for (const id of COMMAND_IDS.filter((command) => COMMAND_TABLE[command].modes.includes(mode))) {
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

  it('leaves every printable key to the text in the filter, command and typed-id prompts', () => {
    for (const mode of TEXT_MODES) {
      const printable = COMMAND_IDS.filter((id) => COMMAND_TABLE[id].modes.includes(mode)).flatMap((id) => KEYMAP[id].filter(isPrintableKey));
      expect(printable, mode).toEqual([]);
    }
  });

  it('binds every mode to a way out', () => {
    for (const mode of MODES) {
      expect(commandForKey(mode, 'ctrl+c'), mode).toBe('app.interrupt');
      if (mode !== 'too-small' && mode !== 'list') expect(commandForKey(mode, 'escape'), mode).toBeDefined();
    }
  });

  it('keeps mutations on plain keys, never on a control chord', () => {
    for (const id of COMMAND_IDS.filter((command) => COMMAND_TABLE[command].dangerous)) {
      expect(KEYMAP[id].every((key) => !key.startsWith('ctrl+')), id).toBe(true);
    }
  });

  it('says why create, rotate and copy cannot run, and binds y/Y/v on the result screen', () => {
    expect(COMMAND_TABLE['token.create'].disabledReason(idle)).toBeNull();
    expect(COMMAND_TABLE['token.create'].disabledReason({ ...idle, createUnavailable: 'this backend cannot create tokens' })).toBe('this backend cannot create tokens');
    expect(COMMAND_TABLE['token.rotate'].disabledReason(idle)).toBeNull();
    expect(COMMAND_TABLE['token.rotate'].disabledReason({ ...idle, hasSelection: false })).toBe('no token is selected');
    expect(COMMAND_TABLE['token.rotate'].disabledReason({ ...idle, rotateUnavailable: 'this backend cannot revoke tokens' })).toBe('this backend cannot revoke tokens');
    expect(COMMAND_TABLE['token.copy'].disabledReason(idle)).toBe(COPY_ONLY_ON_RESULT);
    expect(commandForKey('result', 'y')).toBe('result.copyCommand');
    expect(commandForKey('result', 'Y')).toBe('result.copyToken');
    expect(commandForKey('result', 'v')).toBe('result.showAlone');
    expect(commandForKey('result-fallback', 'y')).toBe('result.copyCommand');
    expect(COMMAND_TABLE['result.copyCommand'].disabledReason({ ...idle, joinCommandUnavailable: 'this backend has no join command' })).toBe('this backend has no join command');
    expect(COMMAND_TABLE['wizard.back'].disabledReason({ ...idle, pendingWork: 'the token is being created' })).toMatch(/being created: wait/);
    expect(COMMAND_TABLE['token.revoke'].disabledReason(idle)).toBeNull();
    expect(COMMAND_TABLE['token.revoke'].disabledReason({ ...idle, revokeUnavailable: CANNOT_REVOKE })).toBe('this backend cannot revoke tokens');
    expect(COMMAND_TABLE['token.revoke'].disabledReason({ ...idle, hasSelection: false, hasMarks: true })).toBeNull();
    expect(COMMAND_TABLE['revoke.back'].disabledReason({ ...idle, busy: true })).toMatch(/in progress/);
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
    expect(labels).toContain('d revoke');
    expect(footerHints('list', { ...idle, revokeUnavailable: CANNOT_REVOKE }, false).map((hint) => hint.label)).not.toContain('revoke');
    expect(footerHints('list', idle, true).map((hint) => hint.label)).not.toContain('revoke'); // read-only
    const filtered = footerHints('list', { ...idle, filterActive: true }, false).map((hint) => hint.label);
    expect(filtered).toContain('clear filter');
  });

  it('lists disabled commands in the help with their reason', () => {
    const rotate = helpEntries({ ...idle, rotateUnavailable: 'this backend does not support rotation' }, false).find((entry) => entry.id === 'token.rotate');
    expect(rotate).toMatchObject({ keys: 'r', disabledReason: 'this backend does not support rotation' });
    const revoke = helpEntries({ ...idle, revokeUnavailable: CANNOT_REVOKE }, false).find((entry) => entry.id === 'token.revoke');
    expect(revoke).toMatchObject({ keys: 'd', disabledReason: 'this backend cannot revoke tokens' });
  });

  it('removes every dangerous command in read-only mode', () => {
    const ids = helpEntries(idle, true).map((entry) => entry.id);
    expect(ids).not.toContain('token.create');
    expect(ids).not.toContain('token.rotate');
    expect(ids).not.toContain('token.revoke');
    expect(ids).not.toContain('revoke.confirm');
    expect(ids).not.toContain('revoke.submit');
    expect(ids).not.toContain('wizard.create');
    expect(ids).not.toContain('interrupted.resume');
    expect(ids).toContain('token.copy');
    expect(helpEntries(idle, false).map((entry) => entry.id)).toContain('token.revoke');
  });
});
