// Every credential the server handles is random and high-entropy, so one SHA-256 is a
// sufficient one-way hash (a slow KDF protects guessable passwords, which these are not).
// Only hashes are kept; comparisons are constant-time.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { generateTokenId, generateTokenSecret } from '../core/bootstrap-token.ts';

export function hashSecret(secret: string): Buffer {
  return createHash('sha256').update(secret, 'utf8').digest();
}

export function secretMatches(presented: string, storedHash: Uint8Array): boolean {
  const presentedHash = hashSecret(presented);
  return storedHash.length === presentedHash.length && timingSafeEqual(presentedHash, storedHash);
}

export interface MintedSecret {
  readonly id: string;
  /** `<id>.<16 chars>`: the bootstrap-token shape, so every redaction in the project masks it. */
  readonly secret: string;
}

export function mintTokenSecret(): MintedSecret {
  const id = generateTokenId();
  return { id, secret: `${id}.${generateTokenSecret()}` };
}

/** A machine's own credential: 256 random bits. */
export function mintMachineCredential(): string {
  return `tmc_${randomBytes(32).toString('base64url')}`;
}

/** An operator API key: 256 random bits. */
export function mintApiKey(): string {
  return `ttk_${randomBytes(32).toString('base64url')}`;
}

export function randomId(prefix: string): string {
  return `${prefix}${randomBytes(6).toString('hex')}`;
}
