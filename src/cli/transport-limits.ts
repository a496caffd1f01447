// TOKENTUI_MAX_RESPONSE_SIZE: the cap on one answer a backend may send (kube/response-limits.ts),
// for a deployment whose lists really are that large. Sizes as `64MiB`, `200MB`, `1GiB` or bytes.
import type { TransportLimits } from '../adapters/contract.ts';
import { usageError } from '../core/errors.ts';
import { DEFAULT_MAX_RESPONSE_BYTES, formatBytes } from '../kube/response-limits.ts';
import type { CliEnv } from './io.ts';

export const MAX_RESPONSE_SIZE_VARIABLE = 'TOKENTUI_MAX_RESPONSE_SIZE';

const UNITS: Readonly<Record<string, number>> = { '': 1, b: 1, kb: 1e3, mb: 1e6, gb: 1e9, kib: 1024, mib: 1024 ** 2, gib: 1024 ** 3 };
/** Below this, no real list fits; above it, a cap no longer protects anything. */
const MIN_BYTES = 64 * 1024;
const MAX_BYTES = 8 * 1024 ** 3;

/** A size like `64MiB` in bytes, or null when it is not one. */
export function parseByteSize(text: string): number | null {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  const unit = UNITS[match?.[2]?.toLowerCase() ?? 'x'];
  if (match === null || unit === undefined) return null;
  return Math.floor(Number(match[1]) * unit);
}

export function transportLimits(env: CliEnv): TransportLimits {
  const value = env[MAX_RESPONSE_SIZE_VARIABLE];
  if (value === undefined || value === '') return { maxResponseBytes: DEFAULT_MAX_RESPONSE_BYTES };
  const bytes = parseByteSize(value);
  if (bytes === null || bytes < MIN_BYTES || bytes > MAX_BYTES) {
    throw usageError(`${MAX_RESPONSE_SIZE_VARIABLE}: "${value}" is not a size between 64KiB and 8GiB`, `e.g. ${MAX_RESPONSE_SIZE_VARIABLE}=256MiB (the default is ${formatBytes(DEFAULT_MAX_RESPONSE_BYTES).replace(" ", "")})`);
  }
  return { maxResponseBytes: bytes };
}
