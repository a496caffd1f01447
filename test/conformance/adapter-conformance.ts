// The one suite every adapter passes, driven only by what the adapter declares: a test that does
// not apply is skipped with the capability that rules it out, never silently passed.
// Call it from test/adapters/<id>.conformance.test.ts with a setup for a real (or fake) backend.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AdapterCapabilities, TokenAdapter, WatchEvent } from '../../src/adapters/contract.ts';
import { OPTIONAL_METHODS, supports } from '../../src/adapters/operations/capabilities.ts';
import { adapterDefinitions } from '../../src/adapters/registry.ts';
import { fieldApplies, type CreateFieldSpec, type CreateFieldValue } from '../../src/core/create-fields.ts';
import type { Clock } from '../../src/core/clock.ts';
import { type ErrorKind, TokenTuiError } from '../../src/core/errors.ts';
import type { CreatedToken, CreateTokenRequest, Token } from '../../src/core/token.ts';
import { describeOperationsConformance, type OperationsSetup } from './operations-conformance.ts';

/** What a conformance file hands the suite: the adapter on a live backend, and a way to change a token there. */
export type ConformanceSetup = OperationsSetup;

/** Optional method <-> the capability that promises it (the operations layer's own map). */
const METHOD_CAPABILITIES = Object.entries(OPTIONAL_METHODS) as [keyof typeof OPTIONAL_METHODS, (caps: AdapterCapabilities) => boolean][];

const SERVER_TOKEN_METHODS = ['readTokenFile', 'plan', 'rotate', 'reveal'] as const;

const WAIT = { timeout: 10_000, interval: 20 };

/** A value of `spec` other than its default where the kind allows one: what a create sends to prove it is kept. */
function sampleValue(spec: CreateFieldSpec, run: string): CreateFieldValue {
  switch (spec.kind) {
    case 'text':
      return `conformance-${run}`;
    case 'count':
      return Math.min(spec.max, spec.min + 4);
    case 'choice':
      return spec.choices.at(-1)?.value ?? spec.default;
    case 'list':
      // An item pattern may need names the backend knows (projects): then the list that is not
      // the default without naming any (no list at all, or an empty one).
      if (spec.itemPattern === undefined) return ['conformance'];
      return spec.unset === undefined ? spec.default : spec.default === null ? [] : null;
  }
}

/** The fields two reads of one token must agree on. */
function comparable(token: Token) {
  return {
    id: token.id,
    description: token.description,
    expiresAt: token.expiresAt,
    usages: [...token.usages].sort(),
    groups: [...token.groups].sort(),
    invalidReason: token.invalidReason,
  };
}

/** Every form in which a created secret could leak: the whole credential and its private part. */
function secretForms(created: CreatedToken): string[] {
  const privatePart = created.secret.includes('.') ? created.secret.slice(created.secret.lastIndexOf('.') + 1) : created.secret;
  return [...new Set([created.secret, privatePart])].filter((form) => form.length >= 8);
}

function errorText(error: TokenTuiError): string {
  return JSON.stringify({ message: error.message, hint: error.hint, field: error.field, own: { ...error }, string: String(error) });
}

async function expectTokenTuiError(promise: Promise<unknown>, kind: ErrorKind): Promise<TokenTuiError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error, `expected a TokenTuiError '${kind}'`).toBeInstanceOf(TokenTuiError);
  expect((error as TokenTuiError).kind).toBe(kind);
  return error as TokenTuiError;
}

export function describeAdapterConformance(name: string, setup: () => Promise<ConformanceSetup>): void {
  describeOperationsConformance(name, setup);
  describe(`${name}: adapter conformance`, () => {
    let adapter: TokenAdapter;
    let clock: Clock;
    let cleanup: () => Promise<void> = async () => {};
    let caps: AdapterCapabilities;
    const run = randomUUID().slice(0, 8);
    const createdIds = new Set<string>();

    beforeAll(async () => {
      ({ adapter, clock, cleanup } = await setup());
      caps = adapter.capabilities;
    });

    afterAll(async () => {
      // Leave the backend as found: revoke what the suite created and still exists.
      if (adapter?.revoke) for (const id of createdIds) await adapter.revoke(id).catch(() => undefined);
      await cleanup();
    });

    const marker = (label: string) => `conformance ${run} ${label}`;
    function ttlWithinBounds(preferred: number): number {
      const atLeastMin = Math.max(preferred, caps.ttl.minSeconds);
      return caps.ttl.maxSeconds === null ? atLeastMin : Math.min(atLeastMin, caps.ttl.maxSeconds);
    }
    function fullRequest(label: string, overrides: Partial<CreateTokenRequest> = {}): CreateTokenRequest {
      return {
        description: marker(label),
        ttlSeconds: ttlWithinBounds(3600),
        ...(caps.usages.length > 0 ? { usages: [...caps.usages] } : {}),
        ...(caps.groups ? { groups: [...caps.defaultGroups] } : {}),
        ...overrides,
      };
    }
    async function create(request: CreateTokenRequest): Promise<CreatedToken> {
      const created = await adapter.create!(request);
      createdIds.add(created.token.id);
      return created;
    }
    async function listIds(): Promise<Set<string>> {
      return new Set((await adapter.list()).map((token) => token.id));
    }

    it('has each optional method exactly when its capability says so', () => {
      for (const [method, declared] of METHOD_CAPABILITIES) {
        // serverToken is an object of methods; every other optional member is a method.
        const present = method === 'serverToken' ? SERVER_TOKEN_METHODS.every((name) => typeof adapter.serverToken?.[name] === 'function') : typeof adapter[method] === 'function';
        expect(present, `${method} vs its capability`).toBe(declared(caps));
      }
    });

    it('declares coherent capabilities', () => {
      expect(caps.usages).toEqual(expect.arrayContaining([...caps.defaultUsages]));
      if (!caps.groups) expect(caps.defaultGroups).toEqual([]);
      expect(caps.ttl.minSeconds).toBeGreaterThanOrEqual(0);
      if (caps.ttl.maxSeconds !== null) expect(caps.ttl.maxSeconds).toBeGreaterThanOrEqual(caps.ttl.minSeconds);
      if (caps.ttl.defaultSeconds === null) expect(caps.ttl.allowNever).toBe(true);
      else expect(caps.ttl.defaultSeconds).toBeGreaterThanOrEqual(caps.ttl.minSeconds);
      // A server-wide lifetime leaves nothing to choose: the one TTL on offer is the setting's.
      if (caps.ttl.serverSetting !== undefined && caps.ttl.defaultSeconds !== null) {
        expect([caps.ttl.minSeconds, caps.ttl.maxSeconds]).toEqual([caps.ttl.defaultSeconds, caps.ttl.defaultSeconds]);
        expect(caps.ttl.serverSetting.confirmation).not.toBe('');
      }
      expect(adapter.target.server).not.toBe('');
    });

    it('declares only create fields its registry entry names (the command line parses their flags before connecting)', () => {
      const definition = adapterDefinitions.find((candidate) => candidate.id === adapter.id);
      const known = definition?.createFields ?? [];
      for (const field of caps.createFields) {
        expect(known.find((candidate) => candidate.key === field.key), `create field ${field.key}`).toMatchObject({ kind: field.kind, flag: field.flag });
      }
      expect(new Set(caps.createFields.map((field) => field.flag)).size).toBe(caps.createFields.length);
    });

    it('keeps every declared create field on the token it creates, so a replacement can copy it', async ({ skip }) => {
      skip(!caps.create || caps.createFields.length === 0, 'needs capabilities.create and at least one create field');
      const sampled = Object.fromEntries(caps.createFields.map((field) => [field.key, sampleValue(field, run)]));
      // Without the fields that do not apply to the sample (appliesWhen): a create must leave them out.
      const fields = Object.fromEntries(Object.entries(sampled).filter(([key]) => fieldApplies(caps.createFields.find((field) => field.key === key)!, caps.createFields, sampled)));
      const created = await create(fullRequest('fields', { fields }));
      expect(created.token.fields).toMatchObject(fields);
      expect((await adapter.get(created.token.id)).fields).toMatchObject(fields);
    });

    it('changes the server-wide TTL setting it declares: the TTL on offer and the next token follow', async ({ skip }) => {
      skip(!supports(adapter, 'setServerTtl'), 'no changeable capabilities.ttl.serverSetting');
      const original = caps.ttl.defaultSeconds;
      skip(original === null, 'the server sets no lifetime now, and none can be restored afterwards');
      const changed = original === 45 * 60 ? 50 * 60 : 45 * 60;
      const setter = adapter as TokenAdapter & { setServerTtl(seconds: number): Promise<void> };
      try {
        await setter.setServerTtl(changed);
        const now = adapter.capabilities.ttl;
        expect([now.defaultSeconds, now.minSeconds, now.maxSeconds]).toEqual([changed, changed, changed]);
        expect(now.serverSetting?.value).not.toBe(caps.ttl.serverSetting?.value);
        if (caps.create) {
          const before = clock.now();
          const created = await create(fullRequest('server-ttl', { ttlSeconds: changed }));
          expect(created.token.expiresAt).toBeGreaterThanOrEqual(before + changed * 1000 - 1000);
          expect(created.token.expiresAt).toBeLessThanOrEqual(clock.now() + changed * 1000 + 1000);
        }
      } finally {
        await setter.setServerTtl(original!);
      }
      expect(adapter.capabilities.ttl.defaultSeconds).toBe(original);
    });

    it('lists tokens without any secret', async () => {
      const created = caps.create ? await create(fullRequest('list')) : undefined;
      const tokens = await adapter.list();
      for (const token of tokens) expect(token).toMatchObject({ id: expect.any(String), description: expect.any(String) });
      const serialized = JSON.stringify(tokens);
      expect(serialized).not.toMatch(/"(secret|token-secret|tokenSecret)"/);
      if (created) {
        expect(tokens.map((token) => token.id)).toContain(created.token.id);
        for (const form of secretForms(created)) expect(serialized).not.toContain(form);
      }
    });

    it('creates a token that get and list return with the same fields', async ({ skip }) => {
      skip(!caps.create, 'capabilities.create is false');
      const request = fullRequest('create');
      const before = clock.now();
      const created = await create(request);
      const after = clock.now();
      const token = created.token;
      expect(token.description).toBe(request.description);
      expect(token.invalidReason).toBeNull();
      expect([...token.usages].sort()).toEqual([...(request.usages ?? caps.defaultUsages)].sort());
      expect([...token.groups].sort()).toEqual([...(request.groups ?? caps.defaultGroups)].sort());
      // Backends store whole seconds: allow the truncation on either side.
      expect(token.expiresAt).toBeGreaterThanOrEqual(before + request.ttlSeconds! * 1000 - 1000);
      expect(token.expiresAt).toBeLessThanOrEqual(after + request.ttlSeconds! * 1000 + 1000);
      for (const form of secretForms(created)) expect(JSON.stringify(token)).not.toContain(form);
      expect(comparable(await adapter.get(token.id))).toEqual(comparable(token));
      const listed = (await adapter.list()).find((candidate) => candidate.id === token.id);
      expect(listed && comparable(listed)).toEqual(comparable(token));
    });

    it('creates a never-expiring token exactly when allowNever', async ({ skip }) => {
      skip(!caps.create, 'capabilities.create is false');
      const request = fullRequest('never', { ttlSeconds: null });
      if (caps.ttl.allowNever) {
        const created = await create(request);
        expect(created.token.expiresAt).toBeNull();
        expect((await adapter.get(created.token.id)).expiresAt).toBeNull();
      } else {
        const error = await expectTokenTuiError(create(request), 'validation');
        expect(error.field).toBe('ttl');
      }
    });

    it('reports an unknown id as not-found', async () => {
      await expectTokenTuiError(adapter.get('zz9zz9'), 'not-found');
    });

    it('revokes a token, after which it is gone and a second revoke is not-found', async ({ skip }) => {
      skip(!caps.create || !caps.revoke, 'needs capabilities.create and capabilities.revoke');
      const created = await create(fullRequest('revoke'));
      await adapter.revoke!(created.token.id);
      expect(await listIds()).not.toContain(created.token.id);
      await expectTokenTuiError(adapter.get(created.token.id), 'not-found');
      await expectTokenTuiError(adapter.revoke!(created.token.id), 'not-found');
    });

    it('refuses a revoke at a stale revision and keeps the token', async ({ skip }) => {
      skip(!caps.create || !caps.revoke, 'needs capabilities.create and capabilities.revoke');
      const created = await create(fullRequest('stale'));
      const revision = (await adapter.get(created.token.id)).revision;
      skip(revision === undefined, 'the adapter exposes no token revision');
      for (const stale of [{ ...revision!, uid: `${revision!.uid}-recreated` }, { ...revision!, version: `${revision!.version}0` }]) {
        const error = await expectTokenTuiError(adapter.revoke!(created.token.id, stale), 'conflict');
        for (const form of secretForms(created)) expect(errorText(error)).not.toContain(form);
        expect((await adapter.get(created.token.id)).id).toBe(created.token.id);
      }
      await adapter.revoke!(created.token.id, revision);
      await expectTokenTuiError(adapter.get(created.token.id), 'not-found');
    });

    it('refuses invalid input with a validation error naming the field, creating nothing', async ({ skip }) => {
      skip(!caps.create, 'capabilities.create is false');
      const cases: [string, Partial<CreateTokenRequest>][] = [['ttl', { ttlSeconds: caps.ttl.minSeconds - 1 }]];
      if (caps.groups) cases.push(['groups', { groups: ['not a valid group'] }]);
      if (caps.usages.length > 0) cases.push(['usages', { usages: ['no-such-usage'] }]);
      const before = await listIds();
      for (const [field, overrides] of cases) {
        const error = await expectTokenTuiError(create(fullRequest(`invalid-${field}`, overrides)), 'validation');
        expect(error.field, error.message).toBe(field);
      }
      const added = (await adapter.list()).filter((token) => !before.has(token.id));
      expect(added).toEqual([]);
    });

    it('never puts a secret into an error', async ({ skip }) => {
      skip(!caps.create, 'capabilities.create is false');
      const created = await create(fullRequest('leak'));
      const attempts: Promise<unknown>[] = [adapter.get(created.secret)];
      if (adapter.revoke) attempts.push(adapter.revoke(created.secret));
      if (caps.groups) attempts.push(adapter.create!(fullRequest('leak-group', { groups: [created.secret] })));
      for (const attempt of attempts) {
        const error = await attempt.then(() => undefined, (caught: unknown) => caught);
        expect(error).toBeInstanceOf(TokenTuiError);
        for (const form of secretForms(created)) expect(errorText(error as TokenTuiError)).not.toContain(form);
      }
      expect((await adapter.get(created.token.id)).id).toBe(created.token.id);
    });

    it('watches: a snapshot, then an upsert for a new token and a delete after its revoke', async ({ skip }) => {
      skip(!caps.watch || !caps.create || !caps.revoke, 'needs capabilities.watch, create and revoke');
      const events: WatchEvent[] = [];
      const controller = new AbortController();
      adapter.watch!((event) => events.push(event), controller.signal);
      try {
        await vi.waitFor(() => expect(events.some((event) => event.type === 'snapshot')).toBe(true), WAIT);
        const created = await create(fullRequest('watch'));
        const id = created.token.id;
        await vi.waitFor(() => expect(events.some((event) => event.type === 'upsert' && event.token.id === id)).toBe(true), WAIT);
        await adapter.revoke!(id);
        await vi.waitFor(() => expect(events.some((event) => event.type === 'delete' && event.id === id)).toBe(true), WAIT);
        const snapshotAt = events.findIndex((event) => event.type === 'snapshot');
        const upsertAt = events.findIndex((event) => event.type === 'upsert' && event.token.id === id);
        expect(snapshotAt).toBeLessThan(upsertAt);
        for (const form of secretForms(created)) expect(JSON.stringify(events)).not.toContain(form);
      } finally {
        controller.abort();
      }
    });
  });
}
