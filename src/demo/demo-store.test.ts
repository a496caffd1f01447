import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { currentDemoDir, openDemoGeneration } from './demo-store.ts';

let root: string;
afterEach(() => rmSync(root, { recursive: true, force: true }));

const seedCounter = () => {
  let seeds = 0;
  return {
    seed: async (dbPath: string) => {
      writeFileSync(dbPath, 'db');
      return ++seeds;
    },
    count: () => seeds,
  };
};

describe('the demo state generations', () => {
  it('seeds once, then every process finds the same generation', async () => {
    root = mkdtempSync(join(tmpdir(), 'demo-store-'));
    const counter = seedCounter();
    const first = await openDemoGeneration(root, { reset: false, seed: counter.seed });
    const second = await openDemoGeneration(root, { reset: false, seed: counter.seed });
    expect(first.seeded).toBe(1);
    expect(second.seeded).toBeNull();
    expect(second.dir).toBe(first.dir);
    expect(currentDemoDir(root)).toBe(first.dir);
    expect(counter.count()).toBe(1);
  });

  it('reset swaps in a new generation; the old one stays while a process uses it, and goes once none does', async () => {
    root = mkdtempSync(join(tmpdir(), 'demo-store-'));
    const counter = seedCounter();
    const old = await openDemoGeneration(root, { reset: false, seed: counter.seed });
    // Another (live) process still uses the old generation: mark it with a live pid (our parent's).
    writeFileSync(join(old.dir, 'owners', String(process.ppid)), '');
    old.release();
    const fresh = await openDemoGeneration(root, { reset: true, seed: counter.seed });
    expect(fresh.dir).not.toBe(old.dir);
    expect(currentDemoDir(root)).toBe(fresh.dir);
    expect(existsSync(old.dir)).toBe(true);
    rmSync(join(old.dir, 'owners', String(process.ppid)));
    await openDemoGeneration(root, { reset: false, seed: counter.seed });
    expect(existsSync(old.dir)).toBe(false);
    expect(readdirSync(root).filter((name) => name.startsWith('g-'))).toEqual([fresh.dir.slice(root.length + 1)]);
  });

  it('a current file naming a generation that is gone is replaced, not trusted', async () => {
    root = mkdtempSync(join(tmpdir(), 'demo-store-'));
    writeFileSync(join(root, 'current'), 'g-gone\n');
    const counter = seedCounter();
    const opened = await openDemoGeneration(root, { reset: false, seed: counter.seed });
    expect(opened.seeded).toBe(1);
    expect(currentDemoDir(root)).toBe(opened.dir);
  });
});
