// The verbs and words kubectl and kubeadm users type first, in-process through main() against the
// fake apiserver: "did you mean" for commands, flags and formats; help [COMMAND]; version; one
// TTL vocabulary with the TUI; malformed ids as invalid input; result commands in every format;
// token/ID arguments; the target a mutation acted on. Every "nothing sent" is the request log's.
import { describe, expect, it } from 'vitest';
import { commandHelp, generalHelp } from '../../src/cli/help.ts';
import { findCommand } from '../../src/cli/command-table.ts';
import { buildCreateRequest } from '../../src/core/create-wizard-rules.ts';
import { createRestAdapter } from '../../src/adapters/rest/index.ts';
import { useReferenceServer } from './reference-server-fixture.ts';
import { useClusterWithToken } from './cluster-with-token-fixture.ts';
import { runTokentui } from './harness.ts';

const ID = 'abcdef';
const { cluster, clock } = useClusterWithToken(ID, { description: 'rack 7', 'usage-bootstrap-signing': 'true' });
const reference = useReferenceServer();
const run = (...argv: string[]) => runTokentui(argv, { env: cluster.env(), clock });
const sent = () => cluster.apiserver.requests;
const mutations = () => sent().filter((request) => request.method !== 'GET');

describe('did you mean', () => {
  it.each([
    [['lst'], "unknown command 'lst'", 'did you mean list?'],
    [['rovoke', ID], "unknown command 'rovoke'", 'did you mean revoke?'],
    [['rot'], "unknown command 'rot'", 'did you mean rotate?'],
    [['create', '--tll', '1h'], "unknown option '--tll'", 'did you mean --ttl?'],
    [['create', '--tl=1h'], "unknown option '--tl'", 'did you mean --ttl?'],
    [['create', '--description-', 'x'], "unknown option '--description-'", 'did you mean --description?'],
    [['list', '--sort', 'id'], "unknown option '--sort'", 'did you mean --sort-by?'],
    [['list', '--no-header'], "unknown option '--no-header'", 'did you mean --no-headers?'],
    [['list', '-o', 'yml'], '-o yml is not supported', 'did you mean yaml?'],
    [['help', 'revok'], "unknown command 'revok'", 'did you mean revoke?'],
  ])('%j', async (argv, message, suggestion) => {
    const result = await run(...argv);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain(`hint: ${suggestion}`);
    expect(sent()).toEqual([]);
  });

  it('suggests nothing for a word close to nothing', async () => {
    const result = await run('frobnicate');
    expect(result.code).toBe(2);
    expect(result.stderr).not.toContain('did you mean');
    expect(result.stderr).toContain('commands: list, find, get, create');
  });
});

describe('the fleet listing', () => {
  it('checks -w\'s format and --watch-timeout before any context is asked (exit 2)', async () => {
    const columns = await run('list', '-A', '-w', '-o', 'custom-columns=ID:.id');
    expect(columns.code).toBe(2);
    expect(columns.stderr).toContain('-w prints one line per change');
    const timeout = await run('list', '--contexts', 'a,b', '-w', '--watch-timeout', 'soon');
    expect(timeout.code).toBe(2);
    expect(timeout.stderr).toContain('--watch-timeout soon');
    expect(sent()).toEqual([]);
  });
});

describe('help and version', () => {
  it('help is --help; help COMMAND is COMMAND --help', async () => {
    expect((await run('help')).stdout).toBe(generalHelp());
    const list = await run('help', 'list');
    expect(list.code).toBe(0);
    expect(list.stdout).toBe(commandHelp(findCommand('list')!));
    expect(list.stdout).toBe((await run('list', '--help')).stdout);
    expect((await run('help', 'list', 'get')).code).toBe(2);
  });

  it('version prints the version; -o json adds node, platform and build', async () => {
    const text = await run('version');
    expect(text.stdout).toMatch(/^tokentui \d+\.\d+\.\d+\n$/);
    const json = JSON.parse((await run('version', '-o', 'json')).stdout) as Record<string, string>;
    expect(json).toEqual({ version: text.stdout.trim().split(' ')[1], node: process.version, platform: `${process.platform}-${process.arch}`, build: 'source' });
    expect(sent()).toEqual([]);
  });
});

describe('one error vocabulary', () => {
  it('--ttl 400d says what the TUI create form says (REST server, 365d at most), with nothing sent', async () => {
    const result = await reference.cli('create', '--ttl', '400d');
    expect(result.code).toBe(2);
    expect(reference.serverLog.filter((line) => line.startsWith('POST'))).toEqual([]);
    // What the TUI's create form runs on the same input and the same adapter's bounds.
    const adapter = await createRestAdapter({ adapter: 'rest', context: 'c', server: reference.server.url, apiKey: reference.server.apiKey }, { clock });
    const tui = buildCreateRequest({ description: '', ttlText: '400d', usages: [], groupsText: '', fields: {} }, adapter.capabilities);
    await adapter.close?.();
    const words = tui.ok ? '' : tui.problem.message;
    expect(words).toBe('TTL must be at most 365d for this backend');
    expect(result.stderr).toContain(`--ttl: ${words} (the rest adapter)`);
  });

  it.each([['impact'], ['revoke'], ['get'], ['rotate']])('%s with a malformed id is invalid input (exit 2), nothing sent', async (verb) => {
    for (const id of ['ABC', 'a b', 'abcdef.0123456789abcdef']) {
      const result = await run(verb, id);
      expect(result.code, `${verb} ${id}: ${result.stderr}`).toBe(2);
      expect(result.stderr).not.toContain('0123456789abcdef');
    }
    expect(mutations()).toEqual([]);
  });
});

describe('result commands in every format', () => {
  it('impact -o yaml, -o name, -o jsonpath; computedAt is RFC 3339', async () => {
    const yaml = await run('impact', ID, '-o', 'yaml');
    expect(yaml.stdout).toContain("computedAt: '2026-03-01T12:00:00Z'");
    expect((await run('impact', `token/${ID}`, '-o', 'name')).stdout).toBe(`token/${ID}\n`);
    expect((await run('impact', ID, '-o', 'jsonpath={.severity} {.requiredConfirmation}')).stdout).toMatch(/^(none|low|high) (yes|type-id)$/);
  });

  it('a revoke with a template that does not parse sends nothing (exit 2)', async () => {
    const result = await run('revoke', ID, '--confirm', ID, '-o', 'jsonpath={.outcome');
    expect(result.code).toBe(2);
    expect(sent()).toEqual([]);
  });

  it('revoke token/ID --confirm token/ID (what -o name prints) revokes, and names the target it acted on', async () => {
    const result = await run('revoke', `token/${ID}`, '--confirm', `token/${ID}`, '-o', 'json');
    expect(result.code, result.stderr).toBe(0);
    const json = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(json).toMatchObject({ outcome: 'revoked', context: 'fake-admin', adapter: 'kubeadm', server: cluster.apiserver.url });
    expect(mutations().map((request) => request.method)).toContain('DELETE');
  });

  it('text output of a mutation starts with the target', async () => {
    const result = await run('revoke', ID, '--dry-run');
    expect(result.stdout.split('\n')[0]).toBe(`Target: context fake-admin (kubeadm, ${cluster.apiserver.url})`);
  });
});
