// `list -A` / --contexts / --context-glob in-process: two fake apiservers answer, one refuses with
// 403, one is a server that never answers; the hung one costs a line after its deadline and
// never holds back the others. The real-backend proof is test/real/fleet-cli.test.ts.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acrossContexts, openAcrossContexts } from '../../src/adapters/operations/fleet.ts';
import { globMatcher } from '../../src/cli/fleet-contexts.ts';
import { TokenTuiError } from '../../src/core/errors.ts';
import { removeScratch } from '../support/at-rest.ts';
import { startFakeApiserver, type FakeApiserver } from '../support/fake-apiserver.ts';
import { useSilentServer } from '../support/silent-server.ts';
import { createMemoryBackend } from '../support/memory-adapter.ts';
import { bootstrapSecret, runTokentui } from './harness.ts';

const silent = useSilentServer();
let alpha: FakeApiserver;
let beta: FakeApiserver;
let denied: FakeApiserver;
let home: string;
let env: Record<string, string>;

beforeAll(async () => {
  [alpha, beta, denied] = await Promise.all([startFakeApiserver(), startFakeApiserver(), startFakeApiserver()]);
  alpha.put('secrets', bootstrapSecret('aaaaaa', '0123456789abcdef', { description: 'alpha one' }));
  alpha.put('secrets', bootstrapSecret('aaaabb', '0123456789abcdef', { description: 'alpha two' }));
  beta.put('secrets', bootstrapSecret('bbbbbb', '0123456789abcdef', { description: 'beta one' }));
  home = mkdtempSync(join(tmpdir(), 'tokentui-fleet-list-'));
  const entries = [['prod-alpha', alpha.url], ['prod-beta', beta.url], ['lab-denied', denied.url], ['lab-hung', silent.url]] as const;
  const kubeconfig = join(home, 'fleet.yaml');
  writeFileSync(
    kubeconfig,
    [
      `clusters: [${entries.map(([name, url]) => `{name: ${name}, cluster: {server: '${url}'}}`).join(', ')}]`,
      `users: [{name: u, user: {token: t}}]`,
      `contexts: [${entries.map(([name]) => `{name: ${name}, context: {cluster: ${name}, user: u}}`).join(', ')}]`,
      'current-context: prod-alpha',
      '',
    ].join('\n'),
  );
  env = { HOME: home, KUBECONFIG: kubeconfig, TOKENTUI_SYSTEM_KUBECONFIGS: '', XDG_STATE_HOME: home, XDG_CONFIG_HOME: join(home, 'config') };
});

afterAll(async () => {
  await Promise.all([alpha.close(), beta.close(), denied.close()]);
  removeScratch(home);
});

describe('tokentui list across contexts', () => {
  it('-A -o json: every answering context\'s tokens carry their context; the 403 and the hung one cost a line each', async () => {
    denied.failNext({ code: 403, reason: 'Forbidden', message: 'secrets is forbidden: User "u" cannot list resource "secrets"' }, { times: 100 });
    const started = Date.now();
    const result = await runTokentui(['list', '-A', '-o', 'json', '--context-timeout', '2s'], { env });
    const elapsed = Date.now() - started;
    expect(result.code).toBe(1);
    const listed = JSON.parse(result.stdout) as { context: string; id: string; description: string }[];
    expect(listed.map((token) => `${token.context}/${token.id}`).sort()).toEqual(['prod-alpha/aaaaaa', 'prod-alpha/aaaabb', 'prod-beta/bbbbbb']);
    expect(Object.keys(listed[0]!)[0]).toBe('context');
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines.find((line) => line.includes('"lab-denied"'))).toMatch(/^tokentui: context "lab-denied": forbidden: /);
    expect(lines.find((line) => line.includes('"lab-hung"'))).toBe('tokentui: context "lab-hung": unreachable: no answer within 2 s');
    expect(silent.requests).toBeGreaterThan(0);
    // The hung context held nobody longer than its own deadline (plus a loaded machine's slack).
    expect(elapsed).toBeLessThan(8_000);
  });

  it('--contexts and --context-glob choose; the table puts CONTEXT first; all answered = exit 0', async () => {
    const named = await runTokentui(['list', '--contexts', 'prod-beta,prod-alpha'], { env });
    expect(named.stderr).toBe('');
    expect(named.code).toBe(0);
    const [header, ...rows] = named.stdout.trim().split('\n');
    expect(header).toMatch(/^CONTEXT\s+TOKEN\s+TTL/);
    expect(rows.map((row) => row.split(/\s+/).slice(0, 2).join(' ')).sort()).toEqual(['prod-alpha aaaaaa', 'prod-alpha aaaabb', 'prod-beta bbbbbb']);
    const globbed = await runTokentui(['list', '--context-glob', 'prod-*', '-o', 'json'], { env });
    expect(globbed.code).toBe(0);
    expect(new Set((JSON.parse(globbed.stdout) as { context: string }[]).map((token) => token.context))).toEqual(new Set(['prod-alpha', 'prod-beta']));
  });

  it('takes every -o format and flag `list` takes, through the same view: CONTEXT first, context first, CONTEXT/token/ID', async () => {
    const run = (...argv: string[]) => runTokentui(['list', '--contexts', 'prod-beta,prod-alpha', ...argv], { env });
    const wide = await run('-o', 'wide', '--no-headers');
    expect(wide.code).toBe(0);
    const wideRows = wide.stdout.trim().split('\n');
    expect(wideRows.map((row) => row.split(/\s+/).slice(0, 2).join(' ')).sort()).toEqual(['prod-alpha aaaaaa', 'prod-alpha aaaabb', 'prod-beta bbbbbb']);
    expect(wideRows.every((row) => / active$/.test(row))).toBe(true); // STATUS, the wide column, last
    const names = await run('-o', 'name');
    expect(names.stdout.trim().split('\n').sort()).toEqual(['prod-alpha/token/aaaaaa', 'prod-alpha/token/aaaabb', 'prod-beta/token/bbbbbb']);
    // --sort-by orders across contexts, not within each.
    const sorted = await run('-o', 'jsonpath={range .items[*]}{.context}:{.description}{"\\n"}{end}', '--sort-by', 'description');
    expect(sorted.stdout).toBe('prod-alpha:alpha one\nprod-alpha:alpha two\nprod-beta:beta one\n');
    const reversed = await run('-o', 'custom-columns=WHERE:.context,ID:.id', '--sort-by=-description', '--no-headers');
    expect(reversed.stdout.trim().split('\n').map((line) => line.split(/\s+/).join(' '))).toEqual(['prod-beta bbbbbb', 'prod-alpha aaaabb', 'prod-alpha aaaaaa']);
    const list = JSON.parse((await run('-o', 'json', '--list-object')).stdout) as { kind: string; items: { context: string }[] };
    expect(list.kind).toBe('List');
    expect(list.items).toHaveLength(3);
    const yaml = await run('-o', 'yaml');
    expect(yaml.stdout).toMatch(/^- context: prod-(alpha|beta)\n {2}id: /);
  });

  it('-w: the list, then each context\'s changes on its own stream with its context; a 403 costs its line and exit 1', async () => {
    denied.failNext({ code: 403, reason: 'Forbidden', message: 'secrets is forbidden' }, { times: 100 });
    const run = runTokentui(['list', '--contexts', 'prod-alpha,prod-beta,lab-denied', '-w', '-o', 'json', '--watch-timeout', '3s'], { env });
    // Made while the watch runs (or just before it starts: the watch's first snapshot shows it then).
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    // (Left there: the tests before this one count beta's tokens, none after it does.)
    beta.put('secrets', bootstrapSecret('bbbbcc', '0123456789abcdef', { description: 'beta two' }));
    const result = await run;
    expect(result.code).toBe(1);
    const events = result.stdout.trim().split('\n').map((line) => JSON.parse(line) as { event: string; token: { context: string; id: string } });
    expect(events.filter((event) => event.event === 'listed').map((event) => `${event.token.context}/${event.token.id}`).sort()).toEqual(['prod-alpha/aaaaaa', 'prod-alpha/aaaabb', 'prod-beta/bbbbbb']);
    expect(events.filter((event) => event.event !== 'listed').map((event) => `${event.event} ${event.token.context}/${event.token.id}`)).toEqual(['added prod-beta/bbbbcc']);
    expect(Object.keys(events[0]!.token)[0]).toBe('context');
    expect(result.stderr).toMatch(/^tokentui: context "lab-denied": forbidden: /m);
    // When no context answers there is nothing to watch: exit 1 at once, not at --watch-timeout.
    const started = Date.now();
    const none = await runTokentui(['list', '--contexts', 'lab-denied', '-w', '--watch-timeout', '1m'], { env });
    expect(none.code).toBe(1);
    expect(none.stdout).toBe('');
    expect(Date.now() - started).toBeLessThan(10_000);
  }, 30_000);

  it('a kubeconfig that does not parse costs its line: -A and a glob are incomplete (exit 1), names all found only warn', async () => {
    denied.failNext({ code: 403, reason: 'Forbidden', message: 'no' }, { times: 100 });
    const broken = join(home, 'broken.yaml');
    writeFileSync(broken, 'contexts:\n- name: prod-gamma\n  context: [\n');
    const chained = { ...env, KUBECONFIG: `${broken}:${env.KUBECONFIG}` };
    const every = await runTokentui(['list', '--context-glob', 'prod-*', '-o', 'json'], { env: chained });
    expect(every.code).toBe(1);
    expect(new Set((JSON.parse(every.stdout) as { context: string }[]).map((token) => token.context))).toEqual(new Set(['prod-alpha', 'prod-beta']));
    expect(every.stderr).toMatch(new RegExp(`^tokentui: kubeconfig ${broken}: .+ \\(its contexts were not asked\\)$`, 'm'));
    const named = await runTokentui(['list', '--contexts', 'prod-alpha,prod-beta', '-o', 'json'], { env: chained });
    expect(named.code).toBe(0);
    expect(named.stderr).toMatch(new RegExp(`^tokentui: warning: kubeconfig ${broken}: `, 'm'));
    // A name the broken file would have held: the refusal says which file could not be read.
    const missing = await runTokentui(['list', '--contexts', 'prod-gamma'], { env: chained });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`no saved or discovered context named "prod-gamma"; unreadable: kubeconfig ${broken}: `);
  });

  it('an explicit --kubeconfig that is not there is refused (exit 2), not listed as an empty fleet', async () => {
    const before = alpha.requests.length;
    const result = await runTokentui(['list', '-A', '--kubeconfig', join(home, 'no-such.yaml')], { env });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`--kubeconfig ${join(home, 'no-such.yaml')}: no such file`);
    expect(alpha.requests.length).toBe(before);
    // `contexts` names it too, instead of listing the saved contexts as if the file were empty.
    const contexts = await runTokentui(['contexts', '--kubeconfig', join(home, 'no-such.yaml')], { env });
    expect(contexts.stderr).toContain(`tokentui: warning: kubeconfig ${join(home, 'no-such.yaml')}: no such file`);
  });

  it('refuses unknown names, empty globs and conflicting flags before connecting (exit 2)', async () => {
    const before = alpha.requests.length;
    const unknown = await runTokentui(['list', '--contexts', 'prod-alpha,nope'], { env });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no saved or discovered context named "nope"');
    const empty = await runTokentui(['list', '--context-glob', 'staging-*'], { env });
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('matches no saved or discovered context');
    const both = await runTokentui(['list', '-A', '--context', 'prod-alpha'], { env });
    expect(both.code).toBe(2);
    const badTimeout = await runTokentui(['list', '-A', '--context-timeout', 'soon'], { env });
    expect(badTimeout.code).toBe(2);
    expect(badTimeout.stderr).toContain('--context-timeout');
    expect(alpha.requests.length).toBe(before);
  });
});

describe('acrossContexts', () => {
  it('runs the contexts concurrently and closes every adapter it opened', async () => {
    const closed: string[] = [];
    const member = (context: string, delayMs: number, fail?: TokenTuiError) => ({
      context,
      readonly: false,
      open: async () => {
        const { adapter } = createMemoryBackend();
        return { ...adapter, close: async () => void closed.push(context) };
      },
      delayMs,
      fail,
    });
    const members = [member('a', 300), member('b', 300), member('c', 10, new TokenTuiError('transport', 'cannot reach x'))];
    const started = Date.now();
    const answers = await acrossContexts(members, async (_adapter, m) => {
      const { delayMs, fail } = m as (typeof members)[number];
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      if (fail !== undefined) throw fail;
      return m.context;
    });
    // Sequentially this would take 600 ms and more.
    expect(Date.now() - started).toBeLessThan(590);
    expect(answers.map((answer) => (answer.ok ? answer.value : answer.reason))).toEqual(['a', 'b', 'unreachable: cannot reach x']);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(closed.sort()).toEqual(['a', 'b', 'c']);
  });

  it('openAcrossContexts hands back the adapters that answered, open; a failed or late one is closed', async () => {
    const closed: string[] = [];
    const member = (context: string, delayMs: number, fail = false) => ({
      context,
      readonly: false,
      open: async () => ({ ...createMemoryBackend().adapter, close: async () => void closed.push(context) }),
      delayMs,
      fail,
    });
    const members = [member('answers', 10), member('refuses', 10, true), member('late', 2_000)];
    const answers = await openAcrossContexts(members, async (_adapter, m) => {
      const { delayMs, fail } = m as (typeof members)[number];
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      if (fail) throw new TokenTuiError('forbidden', 'no');
      return m.context;
    }, { timeoutMs: 1_000 });
    expect(answers.map((answer) => (answer.ok ? answer.value.value : answer.kind))).toEqual(['answers', 'forbidden', 'timeout']);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(closed.sort()).toEqual(['late', 'refuses']);
    const [first] = answers;
    if (!first?.ok) throw new Error('expected an answer');
    await first.value.adapter.close?.();
    expect(closed).toContain('answers');
  });

  it('globs are anchored and treat only * and ? as special', () => {
    expect(globMatcher('prod-*')('prod-eu')).toBe(true);
    expect(globMatcher('prod-*')('xprod-eu')).toBe(false);
    expect(globMatcher('lab-?')('lab-1')).toBe(true);
    expect(globMatcher('a.b')('axb')).toBe(false);
  });
});
