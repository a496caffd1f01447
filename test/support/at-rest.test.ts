import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { removeScratch, secretsAtRest } from './at-rest.ts';

function scratchWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'tokentui-at-rest-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

describe('the at-rest check every test cleanup runs', () => {
  it('finds a planted secret in a tokentui file and still removes the directory', () => {
    const dir = scratchWith({
      'state/tokentui/audit.jsonl': '{"tokenId":"abcdef"}\n{"note":"abcdef.0123456789abcdef"}\n',
      'config/tokentui/config.json': '{"apiKey":"ttk_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}',
      'server.db': 'SQLite format 3\u0000K10' + 'a'.repeat(64) + '::server:pw',
    });
    expect(secretsAtRest(dir)).toHaveLength(3);
    expect(() => removeScratch(dir)).toThrow(/bootstrap token id\.secret[\s\S]*REST API key[\s\S]*k3s secure token|k3s secure token/);
    expect(existsSync(dir)).toBe(false);
  });

  it('passes ids, hashes and files tokentui did not write (a test\'s own kubeconfig)', () => {
    const dir = scratchWith({
      'state/tokentui/audit.jsonl': '{"tokenId":"abcdef","oldTokenHash":"0123456789ab"}\n',
      'kubeconfig': 'token: abcdef.0123456789abcdef\n',
    });
    expect(secretsAtRest(dir)).toEqual([]);
    removeScratch(dir);
    expect(existsSync(dir)).toBe(false);
  });
});
