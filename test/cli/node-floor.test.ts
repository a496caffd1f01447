// The launcher's Node version check (src/node-floor.ts) against npm's own reading of
// package.json `engines`: they must accept and refuse the same versions. The check on real old
// Node binaries (14 and 18) is in test/real/install.test.ts.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isSupportedNode, SUPPORTED_NODE_RANGE, unsupportedNodeMessage } from '../../src/node-floor.ts';

const semver = createRequire(import.meta.url)('semver') as { satisfies(version: string, range: string): boolean };
const manifest = JSON.parse(readFileSync(join(import.meta.dirname, '../../package.json'), 'utf8')) as { engines: { node: string } };

describe('the Node floor', () => {
  it('is the range package.json states in engines', () => {
    expect(manifest.engines.node).toBe(SUPPORTED_NODE_RANGE);
  });

  it('accepts exactly the versions npm reads engines to accept', () => {
    const versions: string[] = [];
    for (let major = 12; major <= 30; major++) for (let minor = 0; minor <= 30; minor++) versions.push(`${major}.${minor}.${minor % 3}`);
    const disagreements = versions.filter((version) => isSupportedNode(`v${version}`) !== semver.satisfies(version, SUPPORTED_NODE_RANGE));
    expect(disagreements).toEqual([]);
    // The list does cross the floor both ways (control).
    expect(isSupportedNode('v22.12.0')).toBe(false);
    expect(isSupportedNode('v22.13.0')).toBe(true);
    expect(isSupportedNode('v23.11.1')).toBe(false);
    expect(isSupportedNode('v24.0.0')).toBe(true);
  });

  it('refuses what it cannot read', () => {
    expect(isSupportedNode('')).toBe(false);
    expect(isSupportedNode('v24')).toBe(false);
  });

  it('says what it needs, what it found, and both ways out, on one line', () => {
    const message = unsupportedNodeMessage('v18.20.4', '/usr/bin/node');
    expect(message).not.toContain('\n');
    expect(message).toMatch(/^tokentui: needs Node\.js 22\.13 .*24 or newer; found v18\.20\.4 \(\/usr\/bin\/node\)\./);
    expect(message).toContain('Install a newer Node.js');
    expect(message).toContain('single executable tokentui-linux-x64, which needs no Node.js');
  });
});
