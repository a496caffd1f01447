import { describe, expect, it } from 'vitest';
import { configDir, stateDir } from './paths.ts';

const home = '/home/sre';

describe('XDG paths', () => {
  it('uses absolute XDG_STATE_HOME and XDG_CONFIG_HOME', () => {
    const env = { XDG_STATE_HOME: '/var/state', XDG_CONFIG_HOME: '/etc/me' };
    expect(stateDir({ env, home })).toBe('/var/state/tokentui');
    expect(configDir({ env, home })).toBe('/etc/me/tokentui');
  });

  it.each([
    ['unset', {}],
    ['empty', { XDG_STATE_HOME: '', XDG_CONFIG_HOME: '' }],
    ['relative (invalid per the spec)', { XDG_STATE_HOME: 'state', XDG_CONFIG_HOME: './config' }],
  ])('falls back to the defaults under home when %s', (_label, env) => {
    expect(stateDir({ env, home })).toBe('/home/sre/.local/state/tokentui');
    expect(configDir({ env, home })).toBe('/home/sre/.config/tokentui');
  });
});
