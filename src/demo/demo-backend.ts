// The embedded demo: the reference server in-process on an ephemeral loopback port, on a seeded
// database. With a state root (what the command line gives it: $XDG_STATE_HOME/tokentui/demo) the
// database persists per user across processes (demo-store.ts); without one it is temporary and
// deleted on close (tests). A bounded trickle of enrollments arriving over real HTTP can run
// beside it (the TUI asks for it), so a newcomer sees uses ticking up and the event stream at work.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '../core/clock.ts';
import { systemClock } from '../core/clock.ts';
import { mintApiKey } from '../server/secrets.ts';
import { startTokenServer } from '../server/server.ts';
import { DEMO_ADAPTER } from './demo-adapter.ts';
import { DEMO_DB_FILE, openDemoGeneration } from './demo-store.ts';
import { startEnrollmentFeed, type EnrollmentFeed, type EnrollmentFeedOptions } from './enrollment-feed.ts';
import { seedDemoDatabase, type DemoSeed } from './seed.ts';

export interface DemoSettings {
  readonly adapter: typeof DEMO_ADAPTER;
  readonly context: 'demo';
  readonly server: string;
  readonly apiKey: string;
}

export interface DemoBackend {
  readonly settings: DemoSettings;
  /** The directory holding the demo database (and, when persistent, the demo's journals). */
  readonly dataDir: string;
  /** True when the state outlives the process (a state root was given). */
  readonly persistent: boolean;
  /** True when this process seeded the data (first run, or --reset). */
  readonly seededNow: boolean;
  /** Stops the feed and the server; a temporary database is deleted, a persistent one kept. */
  close(): Promise<void>;
  /** Synchronous last resort on a stop signal: a temporary database is deleted, a persistent one released. */
  abandon(): void;
}

export interface DemoOptions {
  readonly clock?: Clock;
  /** Where the persistent demo lives; absent = a temporary database deleted on close. */
  readonly stateRoot?: string;
  /** Start over: a freshly seeded database (and empty demo journals). */
  readonly reset?: boolean;
  /**
   * The enrollment feed: its options, or false for none. It redeems seeded tokens with their
   * secrets, which exist only in the memory of the process that seeded them: a process that
   * found the demo already seeded runs no feed.
   */
  readonly feed?: Partial<EnrollmentFeedOptions> | false;
}

interface DemoData {
  readonly dir: string;
  readonly dbPath: string;
  readonly seeded: DemoSeed | null;
  readonly release: () => void;
}

async function openData(clock: Clock, options: DemoOptions): Promise<DemoData> {
  const seed = (dbPath: string) => seedDemoDatabase(dbPath, clock);
  if (options.stateRoot !== undefined) return openDemoGeneration(options.stateRoot, { reset: options.reset === true, seed });
  const dir = mkdtempSync(join(tmpdir(), 'tokentui-demo-'));
  const removeDir = () => rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  try {
    const dbPath = join(dir, DEMO_DB_FILE);
    return { dir, dbPath, seeded: await seed(dbPath), release: removeDir };
  } catch (error) {
    removeDir();
    throw error;
  }
}

export async function startDemoBackend(options: DemoOptions = {}): Promise<DemoBackend> {
  const clock = options.clock ?? systemClock;
  const data = await openData(clock, options);
  try {
    const apiKey = mintApiKey();
    const server = await startTokenServer({ listen: '127.0.0.1:0', dbPath: data.dbPath, mode: 'unique', apiKeys: [{ name: 'demo', key: apiKey }], clock });
    const feed: EnrollmentFeed | null = options.feed === false || data.seeded === null ? null : startEnrollmentFeed(server.url, data.seeded.secrets, options.feed);
    let closing: Promise<void> | undefined;
    return {
      settings: { adapter: DEMO_ADAPTER, context: 'demo', server: server.url, apiKey },
      dataDir: data.dir,
      persistent: options.stateRoot !== undefined,
      seededNow: data.seeded !== null,
      close: () => {
        closing ??= (async () => {
          await feed?.stop();
          await server.close();
          data.release();
        })();
        return closing;
      },
      abandon: data.release,
    };
  } catch (error) {
    data.release();
    throw error;
  }
}
