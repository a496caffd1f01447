// The kubectl-shaped output flags in-process: every -o format of list and get (golden files),
// --no-headers, --sort-by on each field (orders written out by hand), --list-object, token/ID
// arguments, and the combinations that are refused with exit 2 before anything is read.
import { describe, expect, it } from 'vitest';
import { runGet } from '../../src/cli/commands/get.ts';
import { runList } from '../../src/cli/commands/list.ts';
import type { CommandRun } from '../../src/cli/commands/command-run.ts';
import { ManualClock } from '../../src/core/clock.ts';
import type { Token } from '../../src/core/token.ts';
import { createMemoryBackend } from '../support/memory-adapter.ts';
import { runCommandWith } from './command-harness.ts';

const NOW = Date.parse('2026-03-01T12:00:00Z');
const HOUR = 3_600_000;
const token = (id: string, fields: Partial<Token>): Token => ({ id, description: '', expiresAt: null, usages: [], groups: [], invalidReason: null, ...fields });
// Each field orders the three differently (a never-expiring token sorts last either way).
const TOKENS: readonly Token[] = [
  token('aaaaaa', { description: 'zeta', expiresAt: NOW + 3 * HOUR, usages: ['signing'], groups: ['g3'], isDefault: true, usesRemaining: 5, scope: 'x' }),
  token('bbbbbb', { description: 'alpha', expiresAt: null, usages: ['authentication', 'signing'], groups: ['g1'], isDefault: false, usesRemaining: null, scope: 'z' }),
  token('cccccc', { description: 'mid', expiresAt: NOW - HOUR, usages: ['authentication'], groups: ['g2'], isDefault: false, usesRemaining: 2, scope: 'y' }),
];
const KUBEADM_LIKE: readonly Token[] = [
  token('abcdef', { description: 'rack 7', expiresAt: NOW + 23 * HOUR, usages: ['authentication', 'signing'], groups: ['system:bootstrappers:kubeadm:default-node-token'] }),
  token('ghijkl', { description: '', expiresAt: null, usages: ['signing'], groups: [] }),
  token('mnopqr', { description: 'old', expiresAt: NOW - HOUR, usages: ['authentication'], groups: [] }),
];

async function cli(run: CommandRun, argv: readonly string[], tokens: readonly Token[] = TOKENS) {
  const backend = createMemoryBackend({ tokens });
  const result = await runCommandWith(argv, run, async () => backend.adapter, { env: {}, clock: new ManualClock(NOW) });
  return { ...result, requests: backend.requests };
}
const ids = (stdout: string) => stdout.trim().split('\n').map((line) => line.replace('token/', ''));

describe('list and get in every -o format (golden files)', () => {
  // Tables do not depend on the terminal's width (tabwriter layout, as kubeadm): fixed by the data.
  const formats: Readonly<Record<string, readonly string[]>> = {
    table: [],
    wide: ['-o', 'wide'],
    'no-headers': ['--no-headers'],
    json: ['-o', 'json'],
    'json-list-object': ['-o', 'json', '--list-object'],
    yaml: ['-o', 'yaml'],
    name: ['-o', 'name'],
    jsonpath: ['-o', 'jsonpath={range .items[*]}{.id}{"\\t"}{.expiresAt}{"\\n"}{end}'],
    'custom-columns': ['-o', 'custom-columns=ID:.id,EXPIRES:.expiresAt,USAGES:.usages[*]'],
  };
  for (const [name, flags] of Object.entries(formats)) {
    it(`list ${flags.join(' ') || '(table)'}`, async () => {
      const result = await cli(runList, ['list', ...flags], KUBEADM_LIKE);
      expect(result.code, result.stderr).toBe(0);
      await expect(result.stdout).toMatchFileSnapshot(`golden/list.${name}.txt`);
    });
  }

  it('get ID prints the object itself; several ids an array; a missing one is exit 4 after the others print', async () => {
    const one = await cli(runGet, ['get', 'aaaaaa', '-o', 'json']);
    expect(JSON.parse(one.stdout)).toMatchObject({ id: 'aaaaaa', description: 'zeta', expiresAt: '2026-03-01T15:00:00Z', ttlSeconds: 10800 });
    const two = await cli(runGet, ['get', 'aaaaaa', 'token/cccccc', '-o', 'json']);
    expect((JSON.parse(two.stdout) as { id: string }[]).map((item) => item.id)).toEqual(['aaaaaa', 'cccccc']);
    const missing = await cli(runGet, ['get', 'aaaaaa', 'zzzzzz', '-o', 'name']);
    expect(missing.code).toBe(4);
    expect(missing.stdout).toBe('token/aaaaaa\n');
    expect(missing.stderr).toContain('zzzzzz not found');
    const table = await cli(runGet, ['get', 'bbbbbb', 'aaaaaa', '-o', 'wide', '--sort-by', 'id']);
    await expect(table.stdout).toMatchFileSnapshot('golden/get.wide.txt');
    const path = await cli(runGet, ['get', 'aaaaaa', '-o', 'jsonpath={.description}']);
    expect(path.stdout).toBe('zeta');
  });
});

describe('--sort-by', () => {
  const orders: Readonly<Record<string, readonly string[]>> = {
    id: ['aaaaaa', 'bbbbbb', 'cccccc'],
    description: ['bbbbbb', 'cccccc', 'aaaaaa'],
    expiresAt: ['cccccc', 'aaaaaa', 'bbbbbb'],
    ttlSeconds: ['cccccc', 'aaaaaa', 'bbbbbb'],
    status: ['aaaaaa', 'bbbbbb', 'cccccc'],
    usages: ['cccccc', 'bbbbbb', 'aaaaaa'],
    groups: ['bbbbbb', 'cccccc', 'aaaaaa'],
    isDefault: ['bbbbbb', 'cccccc', 'aaaaaa'],
    usesRemaining: ['cccccc', 'aaaaaa', 'bbbbbb'],
    scope: ['aaaaaa', 'cccccc', 'bbbbbb'],
  };
  // Where the reverse is not the order backwards: null stays last, equal values keep list order.
  const reversedOrders: Readonly<Record<string, readonly string[]>> = {
    expiresAt: ['aaaaaa', 'cccccc', 'bbbbbb'],
    ttlSeconds: ['aaaaaa', 'cccccc', 'bbbbbb'],
    usesRemaining: ['aaaaaa', 'cccccc', 'bbbbbb'],
    status: ['cccccc', 'aaaaaa', 'bbbbbb'],
    isDefault: ['aaaaaa', 'bbbbbb', 'cccccc'],
  };
  for (const [field, order] of Object.entries(orders)) {
    it(`${field}, and -${field} reversed (nothing still last)`, async () => {
      expect(ids((await cli(runList, ['list', '-o', 'name', '--sort-by', field])).stdout)).toEqual(order);
      expect(ids((await cli(runList, ['list', '-o', 'name', `--sort-by=.${field}`])).stdout)).toEqual(order);
      expect(ids((await cli(runList, ['list', '-o', 'name', `--sort-by=-${field}`])).stdout)).toEqual(reversedOrders[field] ?? [...order].reverse());
    });
  }

  it('an unknown field is exit 2 with the field meant', async () => {
    const result = await cli(runList, ['list', '--sort-by', 'expires']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--sort-by: no field 'expires'");
    expect(result.stderr).toContain('did you mean expiresAt?');
  });

  it('sorts get and the tables too', async () => {
    const result = await cli(runGet, ['get', 'aaaaaa', 'bbbbbb', 'cccccc', '--no-headers', '--sort-by=-description']);
    expect(result.stdout.split('\n').map((line) => line.split(' ')[0]).filter(Boolean)).toEqual(['aaaaaa', 'cccccc', 'bbbbbb']);
  });
});

describe('refused before anything is read (exit 2)', () => {
  const refused: readonly (readonly [readonly string[], string])[] = [
    [['list', '--no-headers', '-o', 'json'], '--no-headers goes with -o table'],
    [['list', '--list-object'], '--list-object goes with -o json or yaml'],
    [['list', '--watch-timeout', '5s'], '--watch-timeout goes with -w'],
    [['list', '-w', '-o', 'custom-columns=ID:.id'], '-w prints one line per change'],
    [['list', '-w', '--watch-timeout', 'soon'], '--watch-timeout soon'],
    [['list', '-o', 'jsonpath'], '-o jsonpath needs its argument'],
    [['list', '-o', 'json=x'], '-o json takes nothing after'],
    [['list', '-o', 'jsn'], 'did you mean json?'],
    [['get', 'a b'], 'is not a token id'],
    [['get', '$(reboot)'], 'is not a token id'],
  ];
  for (const [argv, message] of refused) {
    it(argv.join(' '), async () => {
      const result = await cli(argv[0] === 'get' ? runGet : runList, argv);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(message);
      expect(result.requests).toEqual([]);
    });
  }

  it('a template or column spec that does not parse: exit 2', async () => {
    const template = await cli(runList, ['list', '-o', 'jsonpath={.items[*].id']);
    expect(template.code).toBe(2);
    expect(template.stderr).toContain('-o jsonpath:');
    const columns = await cli(runList, ['list', '-o', 'custom-columns=ID']);
    expect(columns.code).toBe(2);
    expect(columns.stderr).toContain('is not HEADER:PATH');
  });
});
