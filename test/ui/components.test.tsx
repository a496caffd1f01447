import chalk from 'chalk';
import { Text } from 'ink';
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { Footer } from '../../src/ui/components/Footer.tsx';
import { connectionStatus } from '../../src/ui/components/Header.tsx';
import { TokenRow } from '../../src/ui/features/list/TokenRow.tsx';
import { useNow } from '../../src/ui/hooks/useNow.ts';
import { targetLine } from '../../src/ui/shared/header-info.ts';
import { initialDataState } from '../../src/ui/shared/token-data.ts';
import { SECOND, T0 } from './fixtures.ts';

const originalLevel = chalk.level;
afterEach(() => {
  chalk.level = originalLevel;
});

describe('TokenRow', () => {
  it('highlights the selected row and colours only the TTL cell', () => {
    chalk.level = 1;
    const selected = render(<TokenRow prefix="›  abcdef  workers  " ttlText="! 04:59" ttlRole="status.danger" selected />);
    expect(selected.lastFrame()).toContain('\u001b[7m'); // inverse video
    expect(selected.lastFrame()).toContain('\u001b[31m! 04:59'); // red TTL
    const plain = render(<TokenRow prefix="   abcdef  workers  " ttlText="● 5h12m" ttlRole="status.ok" selected={false} />);
    expect(plain.lastFrame()).not.toContain('\u001b[7m');
    expect(plain.lastFrame()?.startsWith('   abcdef  workers  ')).toBe(true); // nothing styled before the TTL
  });
});

describe('Footer', () => {
  const hints = [
    { keys: '↑↓', label: 'move' },
    { keys: '/', label: 'filter' },
    { keys: '?', label: 'help' },
  ];

  it('keeps the hints that fit and the position on the right', () => {
    const { lastFrame } = render(<Footer hints={hints} width={24} position="3/42" />);
    expect(lastFrame()).toBe('↑↓ move  / filter   3/42');
  });

  it('keeps pinned hints (help, quit) at any width: the others give way first', () => {
    const many = [
      { keys: '↑↓', label: 'move' },
      { keys: '/', label: 'filter' },
      { keys: 'd', label: 'revoke' },
      { keys: '?', label: 'help', pinned: true },
      { keys: 'q', label: 'quit', pinned: true },
    ];
    expect(render(<Footer hints={many} width={60} />).lastFrame()).toBe('↑↓ move  / filter  d revoke  ? help  q quit');
    expect(render(<Footer hints={many} width={30} />).lastFrame()).toBe('↑↓ move  ? help  q quit');
    expect(render(<Footer hints={many} width={16} />).lastFrame()).toBe('? help  q quit');
  });

  it('shows a flash message instead of the hints', () => {
    const { lastFrame } = render(<Footer hints={hints} width={60} flash={{ text: 'd Revoke: not available in this build yet', role: 'status.warn' }} />);
    expect(lastFrame()).toBe('d Revoke: not available in this build yet');
  });
});

describe('header target line', () => {
  it('names context, adapter and server; a --server target (named by its URL) says the URL once, never "cli"', () => {
    const base = { adapterId: 'kubeadm', readonly: false, demo: false } as const;
    expect(targetLine({ ...base, contextLabel: 'prod', server: 'https://10.0.0.1:6443', actingAs: 'alice' })).toBe('tokentui · prod as alice · kubeadm · https://10.0.0.1:6443');
    expect(targetLine({ ...base, adapterId: 'rest', contextLabel: 'http://127.0.0.1:7480', server: 'http://127.0.0.1:7480' })).toBe('tokentui · http://127.0.0.1:7480 · rest');
  });
});

describe('header connection status', () => {
  it('says live, reconnecting and stale with the age of the data', () => {
    const synced = { ...initialDataState, syncedAt: T0 };
    expect(connectionStatus({ ...synced, connection: 'live' }, T0 + 30 * SECOND).text).toBe('● live');
    expect(connectionStatus({ ...synced, connection: 'reconnecting' }, T0 + 12 * SECOND).text).toBe('↻ reconnecting (data 12s old)');
    expect(connectionStatus({ ...synced, connection: 'stale' }, T0 + 125 * SECOND).text).toBe('✗ stale 2m');
    expect(connectionStatus({ ...initialDataState, connection: 'stale' }, T0).text).toBe('✗ stale (no data yet)');
  });
});

describe('useNow', () => {
  it('refuses to guess a clock outside a ClockProvider', () => {
    function ReadsNow() {
      return <Text>{useNow()}</Text>;
    }
    const { lastFrame, stderr, frames } = render(<ReadsNow />);
    const everything = [...frames, ...stderr.frames].join('\n') + (lastFrame() ?? '');
    expect(everything).toContain('needs a <ClockProvider>');
  });
});
