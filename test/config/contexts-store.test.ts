// config.json through conf: mode 0600, schema-checked, and credentials only ever referenced.
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openContextsStore, readSavedContexts } from '../../src/config/contexts-store.ts';
import type { SavedContext } from '../../src/config/contexts-store.ts';
import { looksLikeSecret } from '../../src/config/secret-shape.ts';
import { TokenTuiError } from '../../src/core/errors.ts';
import { removeScratch } from '../support/at-rest.ts';

let dir: string;
const configFile = () => join(dir, 'config.json');

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tokentui-config-'));
});

afterEach(() => {
  removeScratch(dir);
});

const restContext: SavedContext = {
  name: 'prod-tokens',
  adapter: 'rest',
  server: 'https://tokens.example.com',
  apiKey: { env: 'PROD_TOKENS_API_KEY' },
  readonly: true,
  pollIntervalSeconds: 5,
};

async function usageMessage(action: () => unknown): Promise<string> {
  try {
    await action();
  } catch (error) {
    expect(error).toBeInstanceOf(TokenTuiError);
    expect((error as TokenTuiError).exitCode).toBe(2);
    return (error as TokenTuiError).message;
  }
  throw new Error('expected a usage error');
}

describe('contexts store', () => {
  it('saves a context with an env-referenced API key, in a 0600 file that holds the reference only', async () => {
    const apiKey = 'Zq7RwT2mXk9PbV4nLs8HdY3c';
    process.env.PROD_TOKENS_API_KEY = apiKey;
    try {
      const store = await openContextsStore({ cwd: dir });
      store.save(restContext);
      store.setCurrentContext('prod-tokens');
      expect(statSync(configFile()).mode & 0o777).toBe(0o600);
      const text = readFileSync(configFile(), 'utf8');
      expect(JSON.parse(text)).toEqual({ contexts: [restContext], currentContext: 'prod-tokens' });
      expect(text).not.toContain(apiKey);
      expect(await readSavedContexts({ cwd: dir })).toEqual({ contexts: [restContext], currentContext: 'prod-tokens' });
    } finally {
      delete process.env.PROD_TOKENS_API_KEY;
    }
  });

  it('replaces a context by name and forgets the current one when it is removed', async () => {
    const store = await openContextsStore({ cwd: dir });
    store.save(restContext);
    store.save({ ...restContext, readonly: false });
    store.save({ name: 'lab', adapter: 'kubeadm', kubeconfig: '~/.kube/lab', kubeContext: 'kubernetes-admin@lab' });
    store.setCurrentContext('lab');
    expect(store.read().contexts.map((context) => [context.name, context.readonly])).toEqual([
      ['prod-tokens', false],
      ['lab', undefined],
    ]);
    store.remove('lab');
    expect(store.read()).toEqual({ contexts: [{ ...restContext, readonly: false }], currentContext: undefined });
  });

  it.each([
    ['a key pasted as a command argument', { ...restContext, apiKey: { command: ['echo', 'Zq7RwT2mXk9PbV4nLs8HdY3c'] } }, 'apiKey.command[1]'],
    ['a bootstrap token in the name', { ...restContext, name: 'abcdef.0123456789abcdef' }, 'name'],
    ['a key in the server URL', { ...restContext, server: 'https://tokens.example.com/?api_key=hunter2' }, 'server'],
    ['credentials in the server URL', { ...restContext, server: 'https://admin:hunter2@tokens.example.com' }, 'server'],
    ['a hex key as the kube context', { name: 'lab', adapter: 'kubeadm', kubeContext: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b' }, 'kubeContext'],
  ] as const)('refuses %s, naming the field and not the value, and writes nothing', async (_title, context, field) => {
    const store = await openContextsStore({ cwd: dir });
    const before = readFileSync(configFile(), 'utf8');
    const message = await usageMessage(() => store.save(context as SavedContext));
    expect(message).toContain(`${field} looks like a secret`);
    expect(message).not.toMatch(/hunter2|Zq7RwT2m|0123456789abcdef|9f86d081/);
    expect(readFileSync(configFile(), 'utf8')).toBe(before);
  });

  it('refuses a rest context without a key reference, and server/apiKey on a kube adapter', async () => {
    const store = await openContextsStore({ cwd: dir });
    expect(await usageMessage(() => store.save({ name: 'x', adapter: 'rest', server: 'https://x.example' }))).toMatch(/needs apiKey/);
    expect(await usageMessage(() => store.save({ name: 'y', adapter: 'kubeadm', server: 'https://x.example' }))).toMatch(/are for the rest adapter/);
  });

  it('a hand-edited key in place of a reference fails the schema, naming the file', async () => {
    writeFileSync(configFile(), JSON.stringify({ contexts: [{ name: 'p', adapter: 'rest', server: 'https://x', apiKey: 'Zq7RwT2mXk9PbV4nLs8HdY3c' }] }));
    const message = await usageMessage(() => readSavedContexts({ cwd: dir }));
    expect(message).toContain(`config ${configFile()}:`);
    expect(message).toContain('apiKey');
  });

  it('a file that is not JSON is one error naming the file', async () => {
    writeFileSync(configFile(), '{ "contexts": [');
    expect(await usageMessage(() => readSavedContexts({ cwd: dir }))).toMatch(new RegExp(`^config ${configFile()}: `));
  });

  it('a hand-written file is tightened to 0600 when opened', async () => {
    writeFileSync(configFile(), JSON.stringify({ contexts: [] }), { mode: 0o644 });
    await openContextsStore({ cwd: dir });
    expect(statSync(configFile()).mode & 0o777).toBe(0o600);
  });

  it('reading a hand-written file writes nothing into it and tightens it to 0600', async () => {
    writeFileSync(configFile(), '{"contexts":[{"name":"lab","adapter":"k3s"}]}', { mode: 0o644 });
    expect(await readSavedContexts({ cwd: dir })).toEqual({ contexts: [{ name: 'lab', adapter: 'k3s' }], currentContext: undefined });
    expect(readFileSync(configFile(), 'utf8')).toBe('{"contexts":[{"name":"lab","adapter":"k3s"}]}');
    expect(statSync(configFile()).mode & 0o777).toBe(0o600);
  });

  it('a second read of the same text is the same answer; an edit between two reads is read and checked again', async () => {
    writeFileSync(configFile(), '{"contexts":[{"name":"lab","adapter":"k3s"}]}');
    const first = await readSavedContexts({ cwd: dir });
    // What a caller does to its answer is not what the next caller gets.
    (first.contexts as SavedContext[]).push(restContext);
    expect(await readSavedContexts({ cwd: dir })).toEqual({ contexts: [{ name: 'lab', adapter: 'k3s' }], currentContext: undefined });
    writeFileSync(configFile(), '{"contexts":[{"name":"lab","adapter":"k3s"},{"name":"edge","adapter":"kubeadm"}]}');
    expect((await readSavedContexts({ cwd: dir })).contexts.map((context) => context.name)).toEqual(['lab', 'edge']);
    writeFileSync(configFile(), '{"contexts":[{"name":"lab","adapter":"k3s","apiKey":"plain-text-key"}]}');
    expect(await usageMessage(() => readSavedContexts({ cwd: dir }))).toMatch(new RegExp(`^config ${configFile()}: `));
  });

  it('reading without a file creates nothing', async () => {
    expect(await readSavedContexts({ cwd: dir })).toEqual({ contexts: [] });
    expect(existsSync(configFile())).toBe(false);
  });

  it('defaults to $XDG_CONFIG_HOME/tokentui/config.json', async () => {
    const store = await openContextsStore({ env: { XDG_CONFIG_HOME: dir } });
    expect(store.path).toBe(join(dir, 'tokentui', 'config.json'));
    expect(existsSync(store.path)).toBe(true);
  });
});

describe('looksLikeSecret', () => {
  it.each([
    'prod-eu-west-1',
    'kubernetes-admin@kubernetes',
    '/home/alice/.kube/config',
    '~/.kube/lab.yaml',
    'https://10.0.0.1:6443',
    'https://tokens.example.com/api',
    'PROD_TOKENS_API_KEY',
    'pass',
    'tokentui/prod-api-key',
    'default',
  ])('lets an ordinary value through: %s', (value) => {
    expect(looksLikeSecret(value)).toBe(false);
  });

  it.each([
    'abcdef.0123456789abcdef',
    'K10' + 'ab'.repeat(32) + '::server:deadbeef',
    'hskey-auth-abcdef123456-xyz',
    'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.sig',
    'Bearer abcdefgh12345',
    'Zq7RwT2mXk9PbV4nLs8HdY3c',
  ])('flags %s', (value) => {
    expect(looksLikeSecret(value)).toBe(true);
  });
});
