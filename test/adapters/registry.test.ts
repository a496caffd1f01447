// Adding an adapter means: a folder under src/adapters/<id>, an entry in the registry, and a
// conformance test file. This test fails when any of the three is missing.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { adapterIds, adapterRegistry, isAdapterId } from '../../src/adapters/registry.ts';

const adaptersDir = join(import.meta.dirname, '../../src/adapters');
// Beside the adapters: the operations layer every front end calls (not an adapter).
const SHARED_FOLDERS = new Set(['operations']);
const adapterFolders = readdirSync(adaptersDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && !SHARED_FOLDERS.has(entry.name))
  .map((entry) => entry.name);

describe('adapter registry', () => {
  it('registers every adapter folder, and every registered id has a folder', () => {
    expect(adapterFolders.sort()).toEqual([...adapterIds].sort());
  });

  it.each(adapterFolders)('%s has a conformance test that runs the shared suite', (id) => {
    const file = join(import.meta.dirname, `${id}.conformance.test.ts`);
    expect(existsSync(file), `missing ${file}`).toBe(true);
    expect(readFileSync(file, 'utf8')).toContain('describeAdapterConformance(');
  });

  it('loads a factory for every registered adapter', async () => {
    for (const id of adapterIds) {
      expect(adapterRegistry[id].id).toBe(id);
      expect(typeof (await adapterRegistry[id].load())).toBe('function');
    }
  });

  it('recognises only registered ids', () => {
    expect(isAdapterId('kubeadm')).toBe(true);
    expect(isAdapterId('toString')).toBe(false);
    expect(isAdapterId('nope')).toBe(false);
  });
});
