import { describe, expect, it } from 'vitest';
import { buildOsc52, encodedByteLength, insideTmux, OSC52_MAX_ENCODED_BYTES, osc52Sequence, wrapForTmux } from '../../src/ui/clipboard/osc52.ts';
import { decodeOsc52, unwrapTmux } from './osc52-decode.ts';

const ESC = '\u001b';
const BEL = '\u0007';
const JOIN = 'kubeadm join 10.0.0.1:6443 --token abcdef.0123456789abcdef --discovery-token-ca-cert-hash sha256:' + 'ab12'.repeat(16);

describe('OSC 52 sequence', () => {
  it('is ESC ] 52 ; c ; base64 BEL and decodes to exactly the text', () => {
    const sequence = osc52Sequence(JOIN);
    expect(sequence.startsWith(`${ESC}]52;c;`)).toBe(true);
    expect(sequence.endsWith(BEL)).toBe(true);
    expect(decodeOsc52(sequence)).toEqual([JOIN]);
    expect(decodeOsc52(osc52Sequence('grüße · 日本'))).toEqual(['grüße · 日本']);
  });

  it('outside tmux writes the plain sequence only', () => {
    const built = buildOsc52(JOIN, { tmux: false });
    expect(built).toMatchObject({ ok: true, bytes: osc52Sequence(JOIN) });
    expect(built.ok && built.bytes.includes(`${ESC}P`)).toBe(false);
  });

  it('inside tmux adds the passthrough-wrapped copy, every ESC inside doubled', () => {
    const built = buildOsc52(JOIN, { tmux: true });
    if (!built.ok) throw new Error(built.error);
    const plain = osc52Sequence(JOIN);
    expect(built.bytes).toBe(plain + wrapForTmux(plain));
    const wrapped = built.bytes.slice(plain.length);
    expect(wrapped.startsWith(`${ESC}Ptmux;${ESC}${ESC}]52;c;`)).toBe(true);
    expect(wrapped.endsWith(`${BEL}${ESC}\\`)).toBe(true);
    expect(unwrapTmux(wrapped)).toBe(plain);
    expect(decodeOsc52(unwrapTmux(wrapped) ?? '')).toEqual([JOIN]);
  });

  it('refuses payloads over the k9s limit of 74,994 encoded bytes, and says so', () => {
    expect(OSC52_MAX_ENCODED_BYTES).toBe(74_994);
    const fits = 'x'.repeat(56_244); // 74,992 encoded bytes
    const tooLarge = 'x'.repeat(56_247); // 74,996
    expect(encodedByteLength(fits)).toBe(Buffer.from(fits).toString('base64').length);
    expect(buildOsc52(fits, { tmux: false }).ok).toBe(true);
    expect(buildOsc52(tooLarge, { tmux: false })).toEqual({ ok: false, encodedBytes: 74_996, error: 'too large for the terminal clipboard (74996 bytes encoded, limit 74994)' });
    expect(buildOsc52('abc', { tmux: false, maxEncodedBytes: 3 }).ok).toBe(false);
  });

  it('knows it is inside tmux from a non-empty $TMUX', () => {
    expect(insideTmux({ TMUX: '/tmp/tmux-1000/default,4242,0' })).toBe(true);
    expect(insideTmux({ TMUX: '' })).toBe(false);
    expect(insideTmux({})).toBe(false);
  });
});
