// Operator authentication: `Authorization: Bearer <key>`. Keys are kept only as SHA-256
// hashes; every stored hash is compared (constant time, no early exit) so timing does not
// reveal which key nearly matched.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { ApiError } from './api-error.ts';
import type { ApiKeyConfig, ApiKeyRole } from './options.ts';
import { hashSecret } from './secrets.ts';

export interface Operator {
  readonly name: string;
  readonly role: ApiKeyRole;
}

interface StoredKey extends Operator {
  readonly hash: Buffer;
}

const CHALLENGE = { 'www-authenticate': 'Bearer realm="tokentui"' };

export class ApiKeyRing {
  readonly #keys: readonly StoredKey[];

  constructor(apiKeys: readonly ApiKeyConfig[]) {
    this.#keys = apiKeys.map((apiKey) => ({ name: apiKey.name, role: apiKey.role ?? 'admin', hash: hashSecret(apiKey.key) }));
  }

  /** The operator behind the request's bearer key; throws 401 otherwise. */
  authenticate(headers: IncomingHttpHeaders): Operator {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(headers.authorization ?? '');
    if (!match?.[1]) {
      throw new ApiError(401, 'unauthorized', 'send an operator API key as "Authorization: Bearer <key>"', {}, CHALLENGE);
    }
    const presented = hashSecret(match[1]);
    let found: StoredKey | undefined;
    for (const key of this.#keys) {
      if (timingSafeEqual(presented, key.hash) && found === undefined) found = key;
    }
    if (!found) throw new ApiError(401, 'unauthorized', 'the API key is not valid', {}, CHALLENGE);
    return { name: found.name, role: found.role };
  }
}

export function requireAdmin(operator: Operator): void {
  if (operator.role !== 'admin') {
    throw new ApiError(403, 'forbidden', `API key "${operator.name}" is read-only: this needs an admin key`);
  }
}
