import { describe, expect, it } from 'vitest';
import { COMMAND_IDS, COMMANDS, COPY_ONLY_ON_RESULT, type CommandContext, type Mode } from '../../src/ui/keys/commands.ts';
import { isPrintableKey } from '../../src/ui/keys/key-press.ts';
import { commandForKey, footerHints, helpEntries, KEYMAP } from '../../src/ui/keys/keymap.ts';

const MODES: readonly Mode[] = [
  ...(['list', 'filter', 'details', 'help', 'too-small', 'command', 'revoke', 'revoke-confirm', 'revoke-typing', 'audit'] as const),
  ...(['wizard-text', 'wizard-ttl', 'wizard-usages', 'wizard-review', 'wizard-busy', 'result', 'result-fallback'] as const),
  ...(['rotate-busy', 'rotate-continue', 'rotate-summary', 'interrupted', 'interrupted-abandon'] as const),
  ...(['server-token-busy', 'server-token-secret', 'server-token-confirm', 'server-token-result', 'server-token-failed', 'checklist'] as const),
];
const TEXT_MODES: readonly Mode[] = ['filter', 'command', 'revoke-typing', 'wizard-text', 'wizard-ttl', 'server-token-secret', 'server-token-confirm'];
const idle: CommandContext = {
  hasSelection: true,
  filterActive: false,
  hasMarks: false,
  canRevoke: true,
  busy: false,
  createUnavailable: null,
  rotateUnavailable: null,
  joinCommandUnavailable: null,
  pendingWork: null,
  serverTokenUnavailable: null,
};

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

  it('leaves every printable key to the text in the filter, command and typed-id prompts', () => {
    for (const mode of TEXT_MODES) {
      const printable = COMMAND_IDS.filter((id) => COMMANDS[id].modes.includes(mode)).flatMap((id) => KEYMAP[id].filter(isPrintableKey));
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
    for (const id of COMMAND_IDS.filter((command) => COMMANDS[command].dangerous)) {
      expect(KEYMAP[id].every((key) => !key.startsWith('ctrl+')), id).toBe(true);
    }
  });

  it('says why create, rotate and copy cannot run, and binds y/Y/v on the result screen', () => {
    expect(COMMANDS['token.create'].disabledReason(idle)).toBeNull();
    expect(COMMANDS['token.create'].disabledReason({ ...idle, createUnavailable: 'this backend cannot create tokens' })).toBe('this backend cannot create tokens');
    expect(COMMANDS['token.rotate'].disabledReason(idle)).toBeNull();
    expect(COMMANDS['token.rotate'].disabledReason({ ...idle, hasSelection: false })).toBe('no token is selected');
    expect(COMMANDS['token.rotate'].disabledReason({ ...idle, rotateUnavailable: 'this backend cannot revoke tokens' })).toBe('this backend cannot revoke tokens');
    expect(COMMANDS['token.copy'].disabledReason(idle)).toBe(COPY_ONLY_ON_RESULT);
    expect(commandForKey('result', 'y')).toBe('result.copyCommand');
    expect(commandForKey('result', 'Y')).toBe('result.copyToken');
    expect(commandForKey('result', 'v')).toBe('result.showAlone');
    expect(commandForKey('result-fallback', 'y')).toBe('result.copyCommand');
    expect(COMMANDS['result.copyCommand'].disabledReason({ ...idle, joinCommandUnavailable: 'this backend has no join command' })).toBe('this backend has no join command');
    expect(COMMANDS['wizard.back'].disabledReason({ ...idle, pendingWork: 'the token is being created' })).toMatch(/being created: wait/);
    expect(COMMANDS['token.revoke'].disabledReason(idle)).toBeNull();
    expect(COMMANDS['token.revoke'].disabledReason({ ...idle, canRevoke: false })).toBe('this backend cannot revoke tokens');
    expect(COMMANDS['token.revoke'].disabledReason({ ...idle, hasSelection: false, hasMarks: true })).toBeNull();
    expect(COMMANDS['revoke.back'].disabledReason({ ...idle, busy: true })).toMatch(/in progress/);
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
    expect(footerHints('list', { ...idle, canRevoke: false }, false).map((hint) => hint.label)).not.toContain('revoke');
    expect(footerHints('list', idle, true).map((hint) => hint.label)).not.toContain('revoke'); // read-only
    const filtered = footerHints('list', { ...idle, filterActive: true }, false).map((hint) => hint.label);
    expect(filtered).toContain('clear filter');
  });

  it('lists disabled commands in the help with their reason', () => {
    const rotate = helpEntries({ ...idle, rotateUnavailable: 'this backend does not support rotation' }, false).find((entry) => entry.id === 'token.rotate');
    expect(rotate).toMatchObject({ keys: 'r', disabledReason: 'this backend does not support rotation' });
    const revoke = helpEntries({ ...idle, canRevoke: false }, false).find((entry) => entry.id === 'token.revoke');
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
