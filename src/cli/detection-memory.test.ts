// The remembered detections file: kept across instances (processes), six hours, 0600, and a
// corrupt or unwritable file never fails a command.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DETECTION_TTL_MS, detectionMemory } from './detection-memory.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function cacheHome(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tokentui-detections-'));
  dirs.push(dir);
  return dir;
}

describe('detectionMemory', () => {
  it('keeps an answer for the next process, in $XDG_CACHE_HOME/tokentui/detected.json, mode 0600', () => {
    const home = cacheHome();
    const env = { XDG_CACHE_HOME: home };
    let now = 1_000_000;
    detectionMemory(env, () => now).set('kube-flavour https://a ca-sha256:1', 'k3s');
    const file = join(home, 'tokentui', 'detected.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    now += DETECTION_TTL_MS - 1;
    expect(detectionMemory(env, () => now).get('kube-flavour https://a ca-sha256:1')).toBe('k3s');
    now += 1;
    expect(detectionMemory(env, () => now).get('kube-flavour https://a ca-sha256:1')).toBeUndefined();
  });

  it('an answer expires in a memory that lives longer than six hours too (one per environment, the TUI)', () => {
    let now = 1_000_000;
    const memory = detectionMemory({ XDG_CACHE_HOME: cacheHome() }, () => now);
    memory.set('k', 'k3s');
    now += DETECTION_TTL_MS - 1;
    expect(memory.get('k')).toBe('k3s');
    now += 1;
    expect(memory.get('k')).toBeUndefined();
  });

  it('a corrupt or foreign file is an empty memory, and the next answer replaces it', () => {
    const home = cacheHome();
    mkdirSync(join(home, 'tokentui'));
    const file = join(home, 'tokentui', 'detected.json');
    for (const text of ['{not json', '[]', '{"entries":{"k":{"answer":7,"at":"x"}}}']) {
      writeFileSync(file, text);
      expect(detectionMemory({ XDG_CACHE_HOME: home }).get('k')).toBeUndefined();
    }
    detectionMemory({ XDG_CACHE_HOME: home }).set('k', 'kubeadm');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ version: 1, entries: { k: { answer: 'kubeadm' } } });
  });

  it('an answer from the future (a clock set back) is not trusted', () => {
    const home = cacheHome();
    detectionMemory({ XDG_CACHE_HOME: home }, () => 5_000_000).set('k', 'k3s');
    expect(detectionMemory({ XDG_CACHE_HOME: home }, () => 4_000_000).get('k')).toBeUndefined();
  });

  it('a cache directory that cannot be written is forgotten, not an error', () => {
    const home = cacheHome();
    // A file where the directory should be: no write can succeed, whoever runs the test.
    writeFileSync(join(home, 'tokentui'), 'not a directory');
    const memory = detectionMemory({ XDG_CACHE_HOME: home });
    expect(() => memory.set('k', 'k3s')).not.toThrow();
    expect(memory.get('k')).toBe('k3s'); // still known to this process
    expect(detectionMemory({ XDG_CACHE_HOME: home }).get('k')).toBeUndefined();
  });
});
