import { describe, expect, it } from 'vitest';
import type { GlobalOptions } from '../../src/cli/args.ts';
import { resolveTargetSettings } from '../../src/cli/target.ts';
import { TokenTuiError } from '../../src/core/errors.ts';

const none: GlobalOptions = { readonly: false, demo: false, noColor: false };

function usageMessage(globals: Partial<GlobalOptions>): string {
  try {
    resolveTargetSettings({ ...none, ...globals }, { HOME: '/nonexistent' }, '/');
  } catch (error) {
    expect(error).toBeInstanceOf(TokenTuiError);
    expect((error as TokenTuiError).exitCode).toBe(2);
    return (error as TokenTuiError).message;
  }
  throw new Error('expected a usage error');
}

describe('resolveTargetSettings', () => {
  it('--server selects the rest adapter with the API key from TOKENTUI_API_KEY', () => {
    const settings = resolveTargetSettings({ ...none, server: 'https://tokens.example.com/', adapter: 'rest' }, { TOKENTUI_API_KEY: 'k-123' }, '/');
    expect(settings).toEqual({ adapter: 'rest', context: 'https://tokens.example.com', server: 'https://tokens.example.com', apiKey: 'k-123' });
  });

  it('--server without TOKENTUI_API_KEY names the variable (exit 2)', () => {
    expect(usageMessage({ server: 'http://127.0.0.1:8080' })).toBe('--server needs an API key in the TOKENTUI_API_KEY environment variable');
  });

  it('refuses combinations that cannot mean anything', () => {
    expect(usageMessage({ server: 'https://x', adapter: 'kubeadm' })).toMatch(/--server is for the lxd and rest adapters;/);
    expect(usageMessage({ server: 'ftp://x' })).toMatch(/not an http\(s\) URL/);
    expect(usageMessage({ adapter: 'rest' })).toMatch(/needs --server URL/);
  });

  it('without any kubeconfig says where it looked', () => {
    expect(usageMessage({})).toBe('no kubeconfig found (looked for /nonexistent/.kube/config)');
  });
});
