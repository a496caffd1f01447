// Renders the whole App at a fixed size against the memory adapter and a fake clock.
import chalk from 'chalk';
import { afterEach, beforeEach, expect } from 'vitest';
import type { WatchEvent } from '../../src/adapters/contract.ts';
import type { Token } from '../../src/core/token.ts';
import { App } from '../../src/ui/app/App.tsx';
import { CONFIRM_DWELL_MS } from '../../src/ui/shared/preview-gate.ts';
import { createMemoryBackend, type MemoryAdapterOptions, type MemoryBackend } from '../support/memory-adapter.ts';
import { frameLines, renderFixedSize, type FixedSizeRender } from '../support/render.tsx';
import { FakeTime } from './fixtures.ts';
import { createMemoryJournal, type MemoryJournal } from './memory-journal.ts';
import { createMemoryRotations, type MemoryRotations } from './memory-rotations.ts';
import type { RotationJournalPort } from '../../src/ui/features/rotate/rotation-port.ts';

export interface AppHarness {
  readonly ui: FixedSizeRender;
  readonly backend: MemoryBackend;
  readonly time: FakeTime;
  readonly journal: MemoryJournal;
  /** The rotation journal; its writes land in backend.requests too ('journal …'). */
  readonly rotations: MemoryRotations;
  /** The last frame's lines without colour codes. */
  lines(): string[];
  /** Waits until the last frame contains `text`. */
  waitForText(text: string): Promise<string>;
  /**
   * A preview was drawn (its gate shut: "⏸" or its prompt already): lets the confirmation dwell
   * pass on the fake clock and waits for `prompt`, the text the open gate shows.
   */
  afterDwell(prompt: string): Promise<string>;
}

export interface AppHarnessOptions extends MemoryAdapterOptions {
  readonly tokens?: readonly Token[];
  readonly columns?: number;
  readonly rows?: number;
  readonly readonly?: boolean;
  readonly demo?: boolean;
  readonly pollIntervalMs?: number;
  readonly time?: FakeTime;
  readonly journal?: MemoryJournal;
  /** Default: an in-memory one sharing the backend's request log. */
  readonly rotations?: RotationJournalPort;
  /** Unfinished rotations the in-memory journal starts with. */
  readonly interrupted?: Parameters<typeof createMemoryRotations>[1];
  /** What the terminal copy reads ($TMUX); default empty. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Feed events that arrived before the App mounted (cli/early-feed.ts takeArrivedEvents). */
  readonly arrived?: readonly WatchEvent[];
}

export function renderApp(options: AppHarnessOptions = {}): AppHarness {
  const time = options.time ?? new FakeTime();
  // Revoke with an impact preview unless a test takes them away.
  const capabilities = { revoke: true, impactPreview: true, ...options.capabilities };
  const backend = createMemoryBackend({ watch: true, clock: time.clock, ...options, capabilities });
  const journal = options.journal ?? createMemoryJournal();
  const rotations = createMemoryRotations(backend.requests, options.interrupted);
  const ui = renderFixedSize(
    <App
      adapter={backend.adapter}
      readonly={options.readonly ?? false}
      demo={options.demo ?? false}
      contextLabel="test-context"
      pollIntervalMs={options.pollIntervalMs ?? 20}
      clock={time.clock}
      ticks={time.ticks}
      audit={journal}
      operator={{ user: 'alice', host: 'workstation' }}
      // Verification must not wait in fast tests: a token still there is reported at once.
      verify={{ attempts: 1 }}
      rotations={options.rotations ?? rotations}
      env={options.env ?? {}}
      {...(options.arrived === undefined ? {} : { takeArrivedEvents: () => options.arrived ?? [] })}
    />,
    { columns: options.columns ?? 120, rows: options.rows ?? 20 },
  );
  return {
    ui,
    backend,
    time,
    journal,
    rotations,
    lines: () => frameLines(ui.lastFrame()),
    waitForText: (text) => ui.waitForFrame((frame) => frame.includes(text)),
    afterDwell: async (prompt) => {
      await ui.waitForFrame((frame) => frame.includes('⏸') || frame.includes(prompt));
      time.advance(CONFIRM_DWELL_MS);
      return ui.waitForFrame((frame) => frame.includes(prompt));
    },
  };
}

/**
 * The per-test set-up every App test file shares: colour off while a test runs (restored
 * after), and after each test every frame of every app it opened fits its terminal, and each
 * is unmounted. The returned `open` renders with the file's defaults applied to its options.
 */
export function useAppHarness(withDefaults: (options: AppHarnessOptions) => AppHarnessOptions = (options) => options): (options?: AppHarnessOptions) => AppHarness {
  const opened: AppHarness[] = [];
  const originalChalkLevel = chalk.level;
  beforeEach(() => {
    chalk.level = 0;
  });
  afterEach(() => {
    const harnesses = opened.splice(0);
    try {
      for (const harness of harnesses) {
        for (const frame of harness.ui.frames) expect(frameLines(frame).length).toBeLessThanOrEqual(harness.ui.rows);
      }
    } finally {
      for (const harness of harnesses) harness.ui.unmount();
      chalk.level = originalChalkLevel;
    }
  });
  return (options = {}) => {
    const harness = renderApp(withDefaults(options));
    opened.push(harness);
    return harness;
  };
}
