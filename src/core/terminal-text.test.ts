import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hostileString, RAW_CONTROL } from '../../test/support/hostile-text.ts';
import { capLength, hasTerminalUnsafe, isTerminalSafe, serverWords, terminalOutput, terminalSafeJson, terminalText, visibleEscape } from './terminal-text.ts';

describe('terminalText', () => {
  it('shows each unsafe character as a visible escape and leaves the rest', () => {
    expect(terminalText('a\u001b[31mred')).toBe('a\\x1b[31mred');
    expect(terminalText('\u009b2J')).toBe('\\u009b2J');
    expect(terminalText('x\u202ey\u2066z')).toBe('x\\u202ey\\u2066z');
    expect(terminalText('two\nlines\r\ttab')).toBe('two\\x0alines\\x0d\\x09tab');
    expect(terminalText('tag\u{e0001}')).toBe('tag\\u{e0001}');
    expect(terminalText('lone \ud800 surrogate')).toBe('lone \\ud800 surrogate');
    // What scripts and emoji need stays: joiners, accents, wide characters.
    expect(terminalText('👨\u200d👩 é 漢字')).toBe('👨\u200d👩 é 漢字');
  });

  it('caps the length with an ellipsis, never inside a surrogate pair', () => {
    expect(terminalText('abcdef', 4)).toBe('abc…');
    expect(terminalText('ab😀cd', 4)).toBe('ab…');
    expect(terminalText('\u001b\u001b\u001b', 6)).toBe('\\x1b\\…');
    expect(capLength('abc', 3)).toBe('abc');
    expect(terminalText('a'.repeat(10_000_000), 10)).toHaveLength(10);
  });

  it('never lets a raw control character through, keeps within the cap, and is idempotent (property)', () => {
    fc.assert(
      fc.property(hostileString, fc.integer({ min: 1, max: 64 }), (text, max) => {
        const shown = terminalText(text);
        expect(shown).not.toMatch(RAW_CONTROL);
        expect(isTerminalSafe(shown)).toBe(true);
        expect(terminalText(shown)).toBe(shown);
        const capped = terminalText(text, max);
        expect(capped.length).toBeLessThanOrEqual(max);
        expect(capped).not.toMatch(RAW_CONTROL);
      }),
      { numRuns: 2000 },
    );
  });

  it('isTerminalSafe agrees with what terminalText would change', () => {
    fc.assert(
      fc.property(hostileString, (text) => {
        expect(isTerminalSafe(text)).toBe(terminalText(text) === text);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('terminalOutput', () => {
  it('keeps line feeds and tabs, escapes everything else', () => {
    expect(terminalOutput('a\tb\nc\u001b[2J\r\u009b')).toBe('a\tb\nc\\x1b[2J\\x0d\\u009b');
    fc.assert(
      fc.property(hostileString, (text) => {
        expect(terminalOutput(text).replace(/[\n\t]/g, '')).not.toMatch(RAW_CONTROL);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('serverWords', () => {
  it('is one line of bounded length', () => {
    expect(serverWords(`  bad\n${'x'.repeat(1000)}`)).toMatch(/^bad\\x0ax+…$/);
    expect(serverWords('x'.repeat(1000))).toHaveLength(500);
  });
});

describe('terminalSafeJson', () => {
  it('escapes DEL, C1, bidi and separators as \\u, which JSON.stringify leaves raw', () => {
    const value = { d: 'x\u009by\u202ez\u2028\u007f', tag: '\u{e0001}' };
    expect(JSON.stringify(value)).toMatch(/\u009b/);
    const text = terminalSafeJson(value);
    expect(text).toBe('{"d":"x\\u009by\\u202ez\\u2028\\u007f","tag":"\\udb40\\udc01"}');
  });

  it('is the same value, with no raw control character (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ id: hostileString, description: hostileString, n: fc.integer() })), (value) => {
        const text = terminalSafeJson(value, 2);
        expect(text.replace(/\n/g, '')).not.toMatch(RAW_CONTROL);
        expect(JSON.parse(text)).toEqual(value);
      }),
      { numRuns: 500 },
    );
  });
});

describe('the quick pre-check before the Unicode patterns', () => {
  // The definitions of what is unsafe, as the module states them: the pre-check may only skip
  // the work for text these patterns would leave as it is.
  const UNSAFE_ALL = /[\p{Cc}\p{Zl}\p{Zp}\p{Cs}]|(?![\u200c\u200d])\p{Cf}/gu;
  const UNSAFE_KEEPING_LAYOUT = /(?![\n\t])[\p{Cc}\p{Zl}\p{Zp}\p{Cs}]|(?![\u200c\u200d])\p{Cf}/gu;
  const JSON_UNSAFE = /[\u007f-\u009f\u2028\u2029]|\p{Cf}/gu;
  const jsonEscape = (character: string) => [...character].map((unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');

  it('lets no unsafe character of the BMP through, in any of the writers', () => {
    for (let code = 0; code <= 0xffff; code++) {
      const text = `a·${String.fromCharCode(code)}b`;
      expect(terminalText(text)).toBe(text.replace(UNSAFE_ALL, visibleEscape));
      expect(terminalOutput(text)).toBe(text.replace(UNSAFE_KEEPING_LAYOUT, visibleEscape));
      expect(isTerminalSafe(text)).toBe(!new RegExp(UNSAFE_ALL.source, 'u').test(text));
      expect(hasTerminalUnsafe(text)).toBe(new RegExp(UNSAFE_KEEPING_LAYOUT.source, 'u').test(text));
      expect(terminalSafeJson({ text })).toBe(JSON.stringify({ text }).replace(JSON_UNSAFE, jsonEscape));
    }
  });

  it('astral format characters (surrogate pairs) are escaped too', () => {
    expect(terminalText('x\u{e0001}y')).toBe('x\\u{e0001}y');
    expect(terminalSafeJson('\u{1d173}')).toBe('"\\ud834\\udd73"');
  });
});
