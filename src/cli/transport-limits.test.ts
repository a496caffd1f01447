import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_RESPONSE_BYTES } from '../kube/response-limits.ts';
import { parseByteSize, transportLimits } from './transport-limits.ts';

describe('TOKENTUI_MAX_RESPONSE_SIZE', () => {
  it('reads sizes in bytes, SI and binary units', () => {
    expect(parseByteSize('1048576')).toBe(1048576);
    expect(parseByteSize('256MiB')).toBe(256 * 1024 ** 2);
    expect(parseByteSize('200 MB')).toBe(200e6);
    expect(parseByteSize('1.5gib')).toBe(1.5 * 1024 ** 3);
    expect(parseByteSize('lots')).toBeNull();
    expect(parseByteSize('12 parsecs')).toBeNull();
  });

  it('defaults to 32 MiB and refuses a value that is not a size, or out of range, as invalid input', () => {
    expect(transportLimits({})).toEqual({ maxResponseBytes: DEFAULT_MAX_RESPONSE_BYTES });
    expect(transportLimits({ TOKENTUI_MAX_RESPONSE_SIZE: '128MiB' })).toEqual({ maxResponseBytes: 128 * 1024 ** 2 });
    for (const value of ['lots', '10', '100GiB']) {
      expect(() => transportLimits({ TOKENTUI_MAX_RESPONSE_SIZE: value })).toThrow(expect.objectContaining({ kind: 'usage', message: expect.stringContaining('TOKENTUI_MAX_RESPONSE_SIZE') }));
    }
  });
});
