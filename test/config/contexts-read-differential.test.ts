// The read path (readSavedContexts: JSON.parse and the generated validator) against conf's own
// read of the same file (openContextsStore().read(), which was the read path before): for every
// document, both accept it with the same contexts, or both refuse it with the same exit code and
// the same error text. Hand-written hostile documents and fast-check generated ones.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { openContextsStore, readSavedContexts } from '../../src/config/contexts-store.ts';
import { storeSchema } from '../../src/config/contexts-schema.ts';
import { TokenTuiError } from '../../src/core/errors.ts';
import { removeScratch } from '../support/at-rest.ts';

const scratch = mkdtempSync(join(tmpdir(), 'tokentui-config-diff-'));
afterAll(() => removeScratch(scratch));
let documents = 0;

type Outcome = { readonly accepted: unknown } | { readonly refused: string; readonly exitCode: number };

async function outcome(read: (cwd: string) => Promise<unknown>, text: string): Promise<Outcome> {
  const cwd = mkdtempSync(join(scratch, `${documents++}-`));
  writeFileSync(join(cwd, 'config.json'), text);
  try {
    // JSON round trip: conf hands back null-prototype, frozen copies; only the data counts.
    return { accepted: JSON.parse(JSON.stringify(await read(cwd))) as unknown };
  } catch (error) {
    if (!(error instanceof TokenTuiError)) throw error;
    return { refused: error.message.replace(cwd, '<dir>'), exitCode: error.exitCode };
  }
}

const readWithoutConf = (cwd: string) => readSavedContexts({ cwd });
const readThroughConf = async (cwd: string) => (await openContextsStore({ cwd })).read();

/** Both outcomes, asserted equal; returned so a corpus can prove it holds both kinds. */
async function compare(text: string): Promise<Outcome> {
  const [mine, conf] = [await outcome(readWithoutConf, text), await outcome(readThroughConf, text)];
  expect(mine, text.slice(0, 300)).toEqual(conf);
  return mine;
}

const rest = { name: 'prod', adapter: 'rest', server: 'https://tokens.example.com', apiKey: { env: 'PROD_KEY' } };
const kube = { name: 'lab', adapter: 'kubeadm', kubeconfig: '~/.kube/lab', kubeContext: 'admin@lab' };
const lxd = { name: 'lxd', adapter: 'lxd', endpoint: { url: 'https://10.0.0.5:8443', clientCert: '/c.crt', clientKey: '/c.key' } };
const json = (value: unknown) => JSON.stringify(value);
const one = (context: unknown) => json({ contexts: [context] });

const hostile: readonly (readonly [string, string])[] = [
  ['valid, every adapter', json({ contexts: [rest, kube, lxd, { name: 'k3', adapter: 'k3s' }], currentContext: 'lab' })],
  ['not JSON', '{ "contexts": ['],
  ['empty file', ''],
  ['only whitespace', ' \n\t'],
  ['a byte order mark before valid JSON', '\uFEFF' + json({ contexts: [kube] })],
  ['two byte order marks', '\uFEFF\uFEFF{}'],
  ['a top-level array', '[]'],
  ['a top-level null', 'null'],
  ['a top-level string', '"contexts"'],
  ['a top-level number', '42'],
  ['an empty object', '{}'],
  ['contexts null', '{"contexts":null}'],
  ['contexts an object', '{"contexts":{"0":{"name":"a","adapter":"k3s"}}}'],
  ['contexts holding junk', '{"contexts":[null,1,"x",[],true]}'],
  ['an empty context', '{"contexts":[{}]}'],
  ['a key pasted in place of a reference', one({ ...rest, apiKey: 'Zq7RwT2mXk9PbV4nLs8HdY3c' })],
  ['an env reference that is no variable name', one({ ...rest, apiKey: { env: '1 x' } })],
  ['both env and command', one({ ...rest, apiKey: { env: 'A', command: ['x'] } })],
  ['an empty command', one({ ...rest, apiKey: { command: [] } })],
  ['a command with an empty word', one({ ...rest, apiKey: { command: ['pass', ''] } })],
  ['a plain-http lxd endpoint', one({ ...lxd, endpoint: { url: 'http://x', clientCert: 'c', clientKey: 'k' } })],
  ['an lxd endpoint with a socket and a url', one({ ...lxd, endpoint: { socket: '/s', url: 'https://x' } })],
  ['a server that is no URL', one({ ...rest, server: 'tokens.example.com' })],
  ['poll interval 0', one({ ...kube, pollIntervalSeconds: 0 })],
  ['poll interval 3601', one({ ...kube, pollIntervalSeconds: 3601 })],
  ['poll interval as text', one({ ...kube, pollIntervalSeconds: '5' })],
  ['poll interval 1e400 (Infinity)', '{"contexts":[{"name":"a","adapter":"k3s","pollIntervalSeconds":1e400}]}'],
  ['readonly as text', one({ ...kube, readonly: 'yes' })],
  ['an empty name', one({ ...kube, name: '' })],
  ['a name that is a lone surrogate', '{"contexts":[{"name":"\\ud83d","adapter":"k3s"}]}'],
  ['an astral-plane name', one({ ...kube, name: '🚀' })],
  ['an unknown adapter', one({ ...kube, adapter: 'nope' })],
  ['an adapter in other case', one({ ...kube, adapter: 'KUBEADM' })],
  ['an unknown field', one({ ...kube, colour: 'red' })],
  ['field names with / and ~ (JSON pointer escapes)', one({ ...kube, 'a/b': 1, 'c~d': 2, '~1': 3 })],
  ['__proto__ in a context', '{"contexts":[{"name":"a","adapter":"k3s","__proto__":{"readonly":"x"}}]}'],
  ['__proto__ at the top', '{"__proto__":{"contexts":5},"contexts":[]}'],
  ['constructor and toJSON keys', '{"toJSON":"x","constructor":{},"contexts":[{"name":"a","adapter":"k3s","constructor":1}]}'],
  ['conf\'s bookkeeping key', '{"__internal__":{"migrations":{"version":"9.9.9"}},"contexts":[]}'],
  ['a duplicate key (the last wins)', '{"contexts":[],"contexts":5}'],
  ['currentContext empty', '{"contexts":[],"currentContext":""}'],
  ['currentContext a number', '{"contexts":[],"currentContext":5}'],
  ['currentContext naming no saved context', '{"contexts":[],"currentContext":"ghost"}'],
  ['many errors in many contexts', json({ contexts: [{ ...kube, name: '', x: 1 }, { adapter: 'rest', apiKey: 'k', pollIntervalSeconds: -1 }, 7] })],
  ['deep nesting under an unknown field', `{"contexts":[{"name":"a","adapter":"k3s","deep":${'['.repeat(2000)}${']'.repeat(2000)}}]}`],
];

describe('reading config.json without conf', () => {
  it.each(hostile)('agrees with conf on %s', async (_title, text) => {
    await compare(text);
  });

  it('agrees with conf on generated documents, valid and invalid (property test)', async () => {
    const fieldNames = Object.keys(storeSchema.contexts.items.properties);
    const text = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('', 'https://x.example', 'http://x', 'PROD_KEY', '/path', '🚀', '\ud800', 'kubeadm', 'k3s', 'rest', 'lxd'));
    const value = fc.oneof(
      { weight: 4, arbitrary: text },
      fc.integer({ min: -5, max: 4000 }),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.record({ env: text }, { requiredKeys: [] }),
      fc.record({ command: fc.array(text, { maxLength: 3 }) }),
      fc.record({ socket: text, url: text, clientCert: text, clientKey: text, ca: text }, { requiredKeys: [] }),
      fc.jsonValue({ maxDepth: 2 }),
    );
    const context = fc.oneof(
      { weight: 6, arbitrary: fc.dictionary(fc.constantFrom(...fieldNames, 'extra', '__proto__'), value, { maxKeys: 6 }) },
      fc.jsonValue({ maxDepth: 2 }),
    );
    const store = fc.record({ contexts: fc.oneof({ weight: 5, arbitrary: fc.array(context, { maxLength: 3 }) }, fc.jsonValue({ maxDepth: 1 })), currentContext: value }, { requiredKeys: [] });
    const kinds = { accepted: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(store, async (document) => {
        kinds['accepted' in (await compare(JSON.stringify(document))) ? 'accepted' : 'refused']++;
      }),
      { numRuns: 150 },
    );
    // Both kinds were compared, or the property proved less than it says.
    expect(kinds.accepted).toBeGreaterThan(10);
    expect(kinds.refused).toBeGreaterThan(10);
  }, 120_000);
});
