// The rest adapter's small readers (src/adapters/rest/wire-check.ts) against the contract's own
// schemas (docs/rest-contract.openapi.yaml, through ajv): valid answers and answers broken in
// one place at random must get the same verdict from both. Three documented differences: unknown
// fields are dropped rather than refused (a newer server may add some), a token's expiresAt that
// is not an RFC 3339 time is read (the token is then shown as invalid), not refused, and a
// `resync` reason this client does not know still means "list again".
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { load as parse } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import {
  readCapabilities,
  readCreatedToken,
  readImpact,
  readReadyEvent,
  readResyncEvent,
  readTokenEvent,
  readTokenList,
  WireViolation,
  type Reader,
} from '../../src/adapters/rest/wire-check.ts';
import { parseRfc3339 } from '../../src/core/rfc3339.ts';

type Json = Record<string, unknown>;
const contract = parse(readFileSync(join(import.meta.dirname, '../../docs/rest-contract.openapi.yaml'), 'utf8')) as { components: { schemas: Json } };

/** The schemas with the documented differences applied. */
function lenient(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(lenient);
  if (typeof value !== 'object' || value === null) return value;
  const out: Json = {};
  for (const [key, inner] of Object.entries(value)) if (key !== 'additionalProperties') out[key] = lenient(inner);
  return out;
}
const schemas = lenient(contract.components.schemas) as Json;
((schemas.Token as Json).properties as Json).expiresAt = { type: ['string', 'null'] };
((schemas.ResyncEventData as Json).properties as Json).reason = { type: 'string' };

const ajv = new Ajv2020({ strict: true, allErrors: true });
ajv.addFormat('date-time', { validate: (text: string) => parseRfc3339(text) !== null });
ajv.addKeyword('components');
ajv.addSchema({ $id: 'contract', components: { schemas } });
const schemaAccepts = (name: string, value: unknown) => ajv.compile({ $ref: `contract#/components/schemas/${name}` })(value);

function readerAccepts(read: Reader<unknown>, value: unknown): boolean {
  try {
    read(value);
    return true;
  } catch (error) {
    if (error instanceof WireViolation) return false;
    throw error;
  }
}

const T = '2026-11-23T10:00:00.000Z';
const token = { id: 'k3x9q2', description: 'rack 12', scope: 'workers', createdAt: T, createdBy: 'admin', expiresAt: T, maxUses: 3, uses: 1, usesRemaining: 2, status: 'active', isDefault: false, etag: '"abc"' };
const machine = { id: 'm1', name: 'node-1', state: 'joined', joinTokenId: 'k3x9q2', hasOwnCredential: true, dependsOnTokenId: null, enrolledAt: T, joinedAt: T };
const samples: readonly (readonly [string, Reader<unknown>, Json])[] = [
  ['TokenList', readTokenList, { items: [token, { ...token, id: 'abcdef', expiresAt: null, maxUses: null, usesRemaining: null }], eventSeq: 4 }],
  ['Capabilities', readCapabilities, { apiVersion: 'v1', mode: 'unique', makeDefault: true, impact: true, events: true, maxUses: true, ttl: { defaultSeconds: 900, minSeconds: 60, maxSeconds: null, allowNever: false }, serverTime: T }],
  ['CreatedToken', readCreatedToken, { token, secret: 'k3x9q2.0123456789abcdef' }],
  ['Impact', readImpact, { tokenId: 'k3x9q2', mode: 'legacy', isDefault: true, affectedMachines: [machine], pendingEnrollments: [{ ...machine, state: 'enrolling', joinedAt: null }], unaffectedMachines: [], etag: '"abc"', computedAt: T }],
  ['TokenEventData', readTokenEvent, { tokenId: 'k3x9q2', token }],
  ['ReadyEventData', readReadyEvent, { eventSeq: 0, heartbeatSeconds: 15 }],
  ['ResyncEventData', readResyncEvent, { reason: 'slow-consumer' }],
];

/** Every path into a JSON value: ['items', 0, 'uses'], ... */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== 'object' || value === null) return [prefix];
  const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((item, index) => [index, item]) : Object.entries(value);
  return [prefix, ...entries.flatMap(([key, inner]) => paths(inner, [...prefix, key]))];
}

const DELETE = Symbol('delete');
function mutated(value: unknown, path: readonly (string | number)[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  const copy: Json | unknown[] = Array.isArray(value) ? [...value] : { ...(value as Json) };
  const next = mutated((copy as Json)[head as string], rest, replacement);
  if (next === DELETE) {
    if (Array.isArray(copy)) copy.splice(head as number, 1);
    else delete copy[head as string];
  } else (copy as Json)[head as string] = next;
  return copy;
}

const replacements = fc.constantFrom<unknown>(DELETE, null, 0, -1, 1.5, 7, true, '', 'x', '"ok"', 'abcdef.0123456789abcdef', 'active', 'v1', T, 'soon', [], {}, [1]);

describe('REST wire readers', () => {
  for (const [name, read, sample] of samples) {
    it(`${name}: accept what the schema accepts and refuse what it refuses, one change at a time`, () => {
      expect(schemaAccepts(name, sample)).toBe(true);
      expect(read(sample)).toEqual(sample);
      fc.assert(
        fc.property(fc.constantFrom(...paths(sample)), replacements, (path, replacement) => {
          const value = mutated(sample, path, replacement);
          // Not expressible in JSON Schema: the secret starts with its token's id.
          const created = name !== 'CreatedToken' || (typeof value === 'object' && value !== null && schemaAccepts(name, value) ? (value as { secret: string }).secret.startsWith(`${(value as { token: { id: string } }).token.id}.`) : true);
          expect(readerAccepts(read, value), `${path.join('.')} = ${JSON.stringify(replacement)}`).toBe(schemaAccepts(name, value) && created);
        }),
        { numRuns: 400 },
      );
    });
  }

  it('drops fields the contract does not have, and names the field it refuses', () => {
    expect(readTokenList({ items: [{ ...token, evil: '\u001b]52;c;x\u0007' }], eventSeq: 0, extra: 1 })).toEqual({ items: [token], eventSeq: 0 });
    expect(() => readTokenList({ items: [token, { ...token, status: 'pwned' }], eventSeq: 0 })).toThrow('items[1].status: expected one of active, expired, consumed');
    expect(() => readTokenList({ items: [token, token, 'x'], eventSeq: 0 })).toThrow('items[2]: expected an object');
    const { etag: _etag, ...withoutEtag } = token;
    expect(() => readTokenList({ items: [withoutEtag], eventSeq: 0 })).toThrow('items[0].etag: expected a value (the field is required)');
    expect(() => readTokenList({ items: [token], eventSeq: -1 })).toThrow('eventSeq: expected an integer of at least 0');
    expect(() => readTokenList([])).toThrow('the body: expected an object');
    expect(() => readCreatedToken({ token, secret: 'abcdef.0123456789abcdef' })).toThrow('secret: expected a secret that starts with the token\'s id "k3x9q2."');
  });
});
