// Every command's -o json is what its schema in docs/schemas/ says (the contract scripts rely
// on), checked on real output: kubeadm commands over the fake apiserver, make-default over the
// reference REST server, server-ttl through an adapter whose server sets the lifetime.
import { readdirSync, readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { runServerTtl } from '../../src/cli/commands/server-ttl.ts';
import { ManualClock } from '../../src/core/clock.ts';
import { createMemoryBackend, memoryCapabilities } from '../support/memory-adapter.ts';
import { useClusterWithToken } from './cluster-with-token-fixture.ts';
import { runCommandWith, tempStateHome } from './command-harness.ts';
import { runTokentui } from './harness.ts';
import { useReferenceServer } from './reference-server-fixture.ts';

const SCHEMAS = new URL('../../docs/schemas/', import.meta.url);
const ajv = new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: true });
for (const file of readdirSync(SCHEMAS)) ajv.addSchema(JSON.parse(readFileSync(new URL(file, SCHEMAS), 'utf8')) as object);
const checked = new Set<string>();

function schema(name: string): ValidateFunction {
  const validate = ajv.getSchema(`https://tokentui.invalid/schemas/${name}.schema.json`);
  if (validate === undefined) throw new Error(`no schema ${name}`);
  checked.add(name);
  return validate;
}

function expectValid(name: string, text: string): void {
  const validate = schema(name);
  const value: unknown = JSON.parse(text);
  expect(validate(value), `${name}: ${ajv.errorsText(validate.errors)}\n${text}`).toBe(true);
}

const ID = 'abcdef';
const { cluster, clock } = useClusterWithToken(ID, { description: 'rack 7', 'usage-bootstrap-signing': 'true' });
const reference = useReferenceServer();
const run = async (...argv: string[]) => runTokentui(argv, { env: cluster.env(), clock });

describe('the JSON of each command matches docs/schemas/', () => {
  it('list, list --list-object, get (one, several, --list-object)', async () => {
    expectValid('list', (await run('list', '-o', 'json')).stdout);
    expectValid('list', (await run('list', '-o', 'json', '--list-object')).stdout);
    expectValid('get', (await run('get', ID, '-o', 'json')).stdout);
    expectValid('get', (await run('get', ID, ID, '-o', 'json')).stdout);
    expectValid('get', (await run('get', ID, '-o', 'json', '--list-object')).stdout);
  });

  it('impact, revoke (refused and revoked), create, rotate (refused), contexts, audit, version', async () => {
    expectValid('impact', (await run('impact', ID, '-o', 'json')).stdout);
    const refused = await run('revoke', ID, '-o', 'json');
    expect(refused.code).toBe(3);
    expectValid('revoke', refused.stdout);
    const created = await run('create', '--ttl', '1h', '-o', 'json');
    expectValid('create', created.stdout);
    const rotated = await run('rotate', ID, '-o', 'json');
    expect(rotated.code).toBe(3);
    expectValid('rotate', rotated.stdout);
    const batch = await run('revoke', ID, created.stdout.match(/"id": "([a-z0-9]{6})"/)![1]!, '-o', 'json');
    expect(batch.code).toBe(3);
    expectValid('revoke', batch.stdout);
    const revoked = await run('revoke', ID, '--confirm', ID, '-o', 'json');
    expect(revoked.code).toBe(0);
    expectValid('revoke', revoked.stdout);
    expectValid('contexts', (await run('contexts', '-o', 'json')).stdout);
    expectValid('contexts', (await run('contexts', '-o', 'json', '--list-object')).stdout);
    expectValid('audit', (await run('audit', '-o', 'json')).stdout);
    expectValid('version', (await run('version', '-o', 'json')).stdout);
  });

  it('list -w -o json: every line is one event', async () => {
    const watched = await run('list', '-w', '--watch-timeout', '1s', '-o', 'json');
    expect(watched.code).toBe(0);
    const lines = watched.stdout.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expectValid('list-watch', line);
  });

  it('make-default (REST reference server) and server-ttl', async () => {
    const made = await reference.cli('create', '--ttl', '1h', '-o', 'json');
    const { id } = JSON.parse(made.stdout) as { id: string };
    const result = await reference.cli('make-default', id, '--confirm', id, '-o', 'json');
    expect(result.code).toBe(0);
    expectValid('make-default', result.stdout);
    const serverSetting = { name: 'cluster.join_token_expiry', value: '3H', covers: 'every join token', changeable: true, confirmation: 'lxd-1' };
    const backend = createMemoryBackend({ capabilities: memoryCapabilities({ ttl: { defaultSeconds: 10800, minSeconds: 10800, maxSeconds: 10800, allowNever: false, serverSetting } }) });
    let setting = serverSetting;
    const adapter = { ...backend.adapter, get capabilities() {
      return { ...backend.adapter.capabilities, ttl: { ...backend.adapter.capabilities.ttl, serverSetting: setting } };
    }, setServerTtl: async (seconds: number) => {
      setting = { ...setting, value: `${seconds / 3600}H` };
    } };
    const state = tempStateHome();
    const options = { env: { XDG_STATE_HOME: state.path }, clock: new ManualClock(0) };
    const shown = await runCommandWith(['server-ttl', '-o', 'json'], runServerTtl, async () => adapter, options);
    expect(shown.code, shown.stderr).toBe(0);
    expectValid('server-ttl', shown.stdout);
    const changed = await runCommandWith(['server-ttl', '1h', '--confirm', 'lxd-1', '-o', 'json'], runServerTtl, async () => adapter, options);
    state.remove();
    expect(changed.code, changed.stderr).toBe(0);
    expectValid('server-ttl', changed.stdout);
    expect(JSON.parse(changed.stdout)).toMatchObject({ context: expect.any(String), adapter: 'kubeadm', value: '1H', before: '3H' });
  });

  it('every schema in docs/schemas/ was checked', () => {
    const all = readdirSync(SCHEMAS).map((file) => file.replace('.schema.json', '')).filter((name) => name !== 'common');
    expect([...checked].sort()).toEqual(all.sort());
  });
});
