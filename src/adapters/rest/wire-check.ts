// Every answer of a REST token server checked against the contract (docs/rest-contract.openapi.yaml,
// the types in src/rest-contract/wire.ts) before anything else reads it: the right types, the
// enums, the integer bounds, the secret's pattern. A small reader per schema, not ajv: the
// client checks every list on the way in, and ajv with the OpenAPI document would add its
// compile time to every start (test/adapters/rest-wire-check.test.ts checks that the two agree).
// Each reader builds a fresh object of the known fields only, so an unknown field a newer (or
// hostile) server adds never travels further. A violation names the field: `items[3].uses`.
import { TokenTuiError } from '../../core/errors.ts';
import { parseRfc3339 } from '../../core/rfc3339.ts';
import type {
  WireCapabilities,
  WireCreatedToken,
  WireImpact,
  WireMachine,
  WireReadyEventData,
  WireResyncEventData,
  WireToken,
  WireTokenEventData,
  WireTokenList,
  WireTtlBounds, WireSecretCheck } from '../../rest-contract/wire.ts';
import { REST_SOURCE } from './http.ts';

/** Where in the body a value breaks the contract, and what the contract wants there. */
export class WireViolation extends Error {
  constructor(
    readonly path: string,
    readonly expected: string,
  ) {
    super(`${path === '' ? 'the body' : path}: expected ${expected}`);
    this.name = 'WireViolation';
  }
}

export type Reader<T> = (value: unknown, path: string) => T;

const at = (path: string, key: string | number): string => (typeof key === 'number' ? `${path}[${key}]` : path === '' ? key : `${path}.${key}`);

function expect(condition: boolean, path: string, expected: string): void {
  if (!condition) throw new WireViolation(path, expected);
}

const string: Reader<string> = (value, path) => {
  expect(typeof value === 'string', path, 'a string');
  return value as string;
};

const nonEmptyString: Reader<string> = (value, path) => {
  expect(typeof value === 'string' && value !== '', path, 'a non-empty string');
  return value as string;
};

const boolean: Reader<boolean> = (value, path) => {
  expect(typeof value === 'boolean', path, 'true or false');
  return value as boolean;
};

function integer(minimum: number, maximum = Number.MAX_SAFE_INTEGER): Reader<number> {
  return (value, path) => {
    const bound = minimum <= Number.MIN_SAFE_INTEGER ? 'an integer' : `an integer of at least ${minimum}`;
    expect(Number.isSafeInteger(value) && (value as number) >= minimum && (value as number) <= maximum, path, bound);
    return value as number;
  };
}

function matching(pattern: RegExp, description: string): Reader<string> {
  return (value, path) => {
    expect(typeof value === 'string' && pattern.test(value), path, description);
    return value as string;
  };
}

const timestamp: Reader<string> = (value, path) => {
  expect(typeof value === 'string' && parseRfc3339(value) !== null, path, 'an RFC 3339 time');
  return value as string;
};

function oneOf<const T extends string>(...values: readonly T[]): Reader<T> {
  return (value, path) => {
    expect(typeof value === 'string' && (values as readonly string[]).includes(value), path, `one of ${values.join(', ')}`);
    return value as T;
  };
}

function nullable<T>(read: Reader<T>): Reader<T | null> {
  return (value, path) => (value === null ? null : read(value, path));
}

function array<T>(read: Reader<T>): Reader<readonly T[]> {
  return (value, path) => {
    expect(Array.isArray(value), path, 'an array');
    return (value as readonly unknown[]).map((item, index) => read(item, at(path, index)));
  };
}

type Fields<T> = { readonly [K in keyof T]-?: Reader<T[K]> };

/** An object with these fields; those in `optional` may be absent. Unknown fields are dropped. */
function object<T>(fields: Fields<T>, optional: readonly (keyof T)[] = []): Reader<T> {
  return (value, path) => {
    expect(typeof value === 'object' && value !== null && !Array.isArray(value), path, 'an object');
    const source = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [key, read] of Object.entries(fields) as [keyof T & string, Reader<unknown>][]) {
      if (!Object.hasOwn(source, key) || source[key] === undefined) {
        expect(optional.includes(key), at(path, key), 'a value (the field is required)');
        continue;
      }
      out[key] = read(source[key], at(path, key));
    }
    return out as T;
  };
}

/** The contract's pattern for a secret: `<id>.<16 characters>` of a-z and 0-9. */
export const SECRET_PATTERN = /^[a-z0-9]{6}\.[a-z0-9]{16}$/;
/** A strong entity tag, as the ETag header and If-Match carry it. */
export const ETAG_PATTERN = /^"[!#-~]+"$/;

const etag = matching(ETAG_PATTERN, 'an entity tag ("…" of visible ASCII)');
/** The contract's pattern for `replaces`: a token id, short and plain (never a secret). */
export const REPLACED_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;

export const readToken: Reader<WireToken> = object<WireToken>(
  {
    id: nonEmptyString,
    description: string,
    scope: string,
    createdAt: timestamp,
    createdBy: string,
    // The one exception to the schema: an expiry that is not an RFC 3339 time does not fail the
    // whole list; the mapping shows that token as invalid, saying why (never "never expires").
    expiresAt: nullable(string),
    maxUses: nullable(integer(1)),
    uses: integer(0),
    usesRemaining: nullable(integer(0)),
    status: oneOf('active', 'expired', 'consumed'),
    isDefault: boolean,
    // Only servers with capabilities.replaces send it (migration 3 of the reference server).
    replaces: nullable(matching(REPLACED_ID_PATTERN, 'a token id (letters, digits, . _ -, at most 63 characters)')),
    etag,
  },
  ['replaces'],
);

export const readTokenList: Reader<WireTokenList> = object<WireTokenList>({ items: array(readToken), eventSeq: integer(0) });

const readTtl: Reader<WireTtlBounds> = object<WireTtlBounds>({
  defaultSeconds: nullable(integer(Number.MIN_SAFE_INTEGER)),
  minSeconds: integer(0),
  maxSeconds: nullable(integer(Number.MIN_SAFE_INTEGER)),
  allowNever: boolean,
});

export const readCapabilities: Reader<WireCapabilities> = object<WireCapabilities>(
  {
    apiVersion: oneOf('v1'),
    mode: oneOf('unique', 'legacy'),
    makeDefault: boolean,
    impact: boolean,
    events: boolean,
    maxUses: boolean,
    replaces: boolean,
    ttl: readTtl,
    serverTime: timestamp,
    secretCheck: boolean,
  },
  ['replaces', 'secretCheck'],
);

export const readSecretCheck: Reader<WireSecretCheck> = object<WireSecretCheck>({ matches: boolean, token: readToken });

export const readCreatedToken: Reader<WireCreatedToken> = (value, path) => {
  const created = object<WireCreatedToken>({ token: readToken, secret: matching(SECRET_PATTERN, 'a secret of the form <id>.<16 characters a-z0-9>') })(value, path);
  // The secret names its token: anything else is not the token that was just created.
  expect(created.secret.startsWith(`${created.token.id}.`), at(path, 'secret'), `a secret that starts with the token's id "${created.token.id}."`);
  return created;
};

const readMachine: Reader<WireMachine> = object<WireMachine>({
  id: string,
  name: string,
  state: oneOf('enrolling', 'joined'),
  joinTokenId: string,
  hasOwnCredential: boolean,
  dependsOnTokenId: nullable(string),
  enrolledAt: timestamp,
  joinedAt: nullable(timestamp),
});

export const readImpact: Reader<WireImpact> = object<WireImpact>({
  tokenId: nonEmptyString,
  mode: oneOf('unique', 'legacy'),
  isDefault: boolean,
  affectedMachines: array(readMachine),
  pendingEnrollments: array(readMachine),
  unaffectedMachines: array(readMachine),
  etag,
  computedAt: timestamp,
});

export const readTokenEvent: Reader<WireTokenEventData> = object<WireTokenEventData>({ tokenId: nonEmptyString, token: readToken }, ['token']);
export const readReadyEvent: Reader<WireReadyEventData> = object<WireReadyEventData>({
  eventSeq: integer(0),
  heartbeatSeconds: (value, path) => {
    expect(typeof value === 'number' && Number.isFinite(value) && value > 0, path, 'a number of seconds above 0');
    return value as number;
  },
});
// A reason this client does not know still means "list again": only the field's type is checked.
export const readResyncEvent: Reader<WireResyncEventData> = object<WireResyncEventData>({ reason: string as Reader<WireResyncEventData['reason']> });

/** `read(value)`, or a TokenTuiError (exit 1) that names the server, the request and the field at fault. */
export function readWire<T>(read: Reader<T>, value: unknown, server: string, what: string): T {
  try {
    return read(value, '');
  } catch (error) {
    if (!(error instanceof WireViolation)) throw error;
    throw new TokenTuiError('server', `${server} answered ${what} with a body the REST contract does not allow: ${error.message}`, {
      source: REST_SOURCE,
      field: error.path === '' ? undefined : error.path,
      hint: 'is this a tokentui REST token server (docs/rest-contract.md), and the right URL?',
    });
  }
}
