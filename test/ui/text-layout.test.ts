import { describe, expect, it } from 'vitest';
import stringWidth from 'string-width';
import { headingText, layoutTable, rowPrefixText, TTL_WIDTH } from '../../src/ui/features/list/table-layout.ts';
import { fitToWidth, truncateToWidth, wordWrapToWidth, wrapToWidth } from '../../src/ui/shared/text-width.ts';
import { token } from './fixtures.ts';

describe('display-width text', () => {
  it('truncates by cells, with an ellipsis, never splitting a wide character', () => {
    expect(truncateToWidth('worker nodes', 8)).toBe('worker …');
    expect(truncateToWidth('short', 8)).toBe('short');
    const cut = truncateToWidth('日本語のトークン', 7);
    expect(cut).toBe('日本語…');
    expect(stringWidth(cut)).toBeLessThanOrEqual(7);
  });

  it('word-wraps prose, hard-wrapping only a word wider than the line', () => {
    expect(wordWrapToWidth('this revoke of abcdef was NOT recorded', 16)).toEqual(['this revoke of', 'abcdef was NOT', 'recorded']);
    expect(wordWrapToWidth('see /var/lib/tokentui/audit.jsonl now', 10)).toEqual(['see', '/var/lib/t', 'okentui/au', 'dit.jsonl', 'now']);
    for (const line of wordWrapToWidth('日本語 のトークン は 失効 しました', 6)) expect(stringWidth(line)).toBeLessThanOrEqual(6);
  });

  it('pads to exactly the width', () => {
    expect(stringWidth(fitToWidth('日本', 7))).toBe(7);
    expect(stringWidth(fitToWidth('日本語のトークン', 7))).toBe(7);
  });

  it('wraps by cells', () => {
    expect(wrapToWidth('abcdefgh', 3)).toEqual(['abc', 'def', 'gh']);
    expect(wrapToWidth('日本語', 4)).toEqual(['日本', '語']);
  });
});

describe('table layout', () => {
  it('fills the width exactly and keeps TTL last', () => {
    for (const width of [60, 80, 120, 200]) {
      const layout = layoutTable({ width, idWidth: 6, scoped: false });
      expect(layout.columns.at(-1)?.id).toBe('ttl');
      expect(stringWidth(headingText(layout).trimEnd()) + (TTL_WIDTH - 'TTL'.length)).toBe(width);
    }
  });

  it('drops uses, then expires, on narrow terminals', () => {
    const ids = (width: number) => layoutTable({ width, idWidth: 6, scoped: false }).columns.map((column) => column.id);
    expect(ids(120)).toEqual(['id', 'description', 'scope', 'uses', 'expires', 'ttl']);
    expect(ids(60)).toEqual(['id', 'description', 'scope', 'ttl']);
  });

  it('lines the TTL column up under wide-character descriptions', () => {
    const layout = layoutTable({ width: 100, idWidth: 6, scoped: false });
    const plain = rowPrefixText(token('abcdef', { description: 'workers' }), false, layout);
    const wide = rowPrefixText(token('ghijkl', { description: '日本語のトークンの説明がとても長い場合のテスト文字列です' }), true, layout);
    expect(stringWidth(wide)).toBe(stringWidth(plain));
    expect(wide).toContain('…');
    expect(wide.startsWith('›')).toBe(true);
  });
});

describe('optional columns', () => {
  it('leaves USES out when no token has a use limit', () => {
    const ids = layoutTable({ width: 120, idWidth: 6, scoped: false, hasUses: false }).columns.map((column) => column.id);
    expect(ids).toEqual(['id', 'description', 'scope', 'expires', 'ttl']);
  });

  it('titles the scope column SCOPE for scoped (rest) tokens', () => {
    expect(layoutTable({ width: 120, idWidth: 12, scoped: true }).columns.find((column) => column.id === 'scope')?.title).toBe('SCOPE');
  });
});

describe('the EXPIRES column says its zone', () => {
  const at = Date.parse('2026-11-20T14:03:00Z');
  const savedTz = process.env.TZ;
  const withZone = (zone: string, run: () => void) => {
    process.env.TZ = zone;
    try {
      run();
    } finally {
      if (savedTz === undefined) delete process.env.TZ;
      else process.env.TZ = savedTz;
    }
  };

  it('UTC by default (the title says so); local time with its offset once asked', () => {
    withZone('Asia/Kolkata', () => {
      const utc = layoutTable({ width: 120, idWidth: 6, scoped: false, now: at });
      expect(headingText(utc)).toContain('EXPIRES UTC');
      expect(rowPrefixText(token('abcdef', { expiresAt: at }), false, utc)).toContain('2026-11-20 14:03');
      const local = layoutTable({ width: 120, idWidth: 6, scoped: false, timeZone: 'local', now: at });
      expect(headingText(local)).toContain('EXPIRES UTC+05:30');
      expect(rowPrefixText(token('abcdef', { expiresAt: at }), false, local)).toContain('2026-11-20 19:33');
    });
  });
});
