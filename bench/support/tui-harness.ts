// In-process TUI for benchmarks: the real runTui (Ink, React, the whole app) over the
// in-memory adapter (test/support/memory-adapter.ts), a counting stdout of a fixed size and
// a stdin the benchmark types into. Bundled by load-harness.mjs (the UI is .tsx).
import { EventEmitter } from 'node:events';
import type { Token } from '../../src/core/token.ts';
import { runTui } from '../../src/ui/run.tsx';
import { createMemoryBackend } from '../../test/support/memory-adapter.ts';

/** A terminal stdout that counts what Ink writes and lets the benchmark watch each write. */
export class CountingStdout extends EventEmitter {
  readonly isTTY = true;
  columns: number;
  rows: number;
  bytes = 0;
  writes = 0;
  onWrite: ((chunk: string) => void) | null = null;

  constructor(columns: number, rows: number) {
    super();
    this.columns = columns;
    this.rows = rows;
  }

  write(chunk: string | Uint8Array, encoding?: unknown, callback?: () => void): boolean {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    this.bytes += Buffer.byteLength(text);
    this.writes += 1;
    this.onWrite?.(text);
    const done = typeof encoding === 'function' ? (encoding as () => void) : callback;
    done?.();
    return true;
  }

  getColorDepth(): number {
    return 4;
  }

  hasColors(): boolean {
    return true;
  }
}

/** A raw-mode TTY stdin: `type(bytes)` delivers one chunk, as a terminal read would. */
export class ScriptedStdin extends EventEmitter {
  readonly isTTY = true;
  #pending: string | null = null;

  type(bytes: string): void {
    this.#pending = bytes;
    this.emit('readable');
  }

  read(): string | null {
    const chunk = this.#pending;
    this.#pending = null;
    return chunk;
  }

  setEncoding(): this {
    return this;
  }
  setRawMode(): this {
    return this;
  }
  resume(): this {
    return this;
  }
  pause(): this {
    return this;
  }
  ref(): this {
    return this;
  }
  unref(): this {
    return this;
  }
}

/**
 * `count` tokens; the `ticking` soonest expire within the hour (mm:ss, a new value every
 * second), the rest within 1 h to 7 days: sorted by expiry, a screenful ticks on every row.
 */
export function makeTokens(count: number, nowMs: number, ticking = 60): Token[] {
  return Array.from({ length: count }, (_, index) => ({
    id: index.toString(36).padStart(6, '0').slice(-6),
    description: `bench token ${index} · pool ${['eu-west-1a', 'us-east-2', 'edge-lab'][index % 3]}`,
    expiresAt: nowMs + 1000 * (index < ticking ? 600 + index * 40 : 3900 + ((index * 7919) % (7 * 86_400))),
    usages: ['authentication', 'signing'],
    groups: ['system:bootstrappers:kubeadm:default-node-token'],
    invalidReason: null,
  }));
}

export interface InProcessTui {
  readonly stdout: CountingStdout;
  readonly stdin: ScriptedStdin;
  /** Resolves with the exit code once the app has quit. */
  readonly exited: Promise<number>;
}

export function startInProcessTui(tokens: readonly Token[], columns: number, rows: number): InProcessTui {
  const backend = createMemoryBackend({ tokens, watch: true, context: 'bench', server: 'https://bench.invalid:6443' });
  const stdout = new CountingStdout(columns, rows);
  const stdin = new ScriptedStdin();
  const exited = runTui({
    adapter: backend.adapter,
    readonly: false,
    noColor: false,
    demo: false,
    contextLabel: 'bench',
    stdout: stdout as unknown as NodeJS.WriteStream,
    stdin: stdin as unknown as NodeJS.ReadStream,
  });
  return { stdout, stdin, exited };
}
