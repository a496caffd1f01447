// The embedded demo: the reference server in-process on an ephemeral loopback port, with a
// temporary seeded database and a bounded trickle of enrollments arriving over real HTTP, so
// a newcomer sees live countdowns, uses ticking up and the event stream at work.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '../core/clock.ts';
import { systemClock } from '../core/clock.ts';
import { mintApiKey } from '../server/secrets.ts';
import { startTokenServer } from '../server/server.ts';
import { DEMO_ADAPTER } from './demo-adapter.ts';
import { startEnrollmentFeed, type EnrollmentFeedOptions } from './enrollment-feed.ts';
import { seedDemoDatabase } from './seed.ts';

export interface DemoSettings {
  readonly adapter: typeof DEMO_ADAPTER;
  readonly context: 'demo';
  readonly server: string;
  readonly apiKey: string;
}

export interface DemoBackend {
  readonly settings: DemoSettings;
  /** The temporary directory holding the demo database (deleted by close). */
  readonly dataDir: string;
  /** Stops the feed and the server and deletes the temporary database. */
  close(): Promise<void>;
}

export interface DemoOptions {
  readonly clock?: Clock;
  readonly feed?: Partial<EnrollmentFeedOptions>;
}

export async function startDemoBackend(options: DemoOptions = {}): Promise<DemoBackend> {
  const clock = options.clock ?? systemClock;
  const dir = mkdtempSync(join(tmpdir(), 'tokentui-demo-'));
  const removeDir = () => rmSync(dir, { recursive: true, force: true });
  try {
    const dbPath = join(dir, 'demo.db');
    const seed = await seedDemoDatabase(dbPath, clock);
    const apiKey = mintApiKey();
    const server = await startTokenServer({ listen: '127.0.0.1:0', dbPath, mode: 'unique', apiKeys: [{ name: 'demo', key: apiKey }], clock });
    const feed = startEnrollmentFeed(server.url, seed.secrets, options.feed);
    let closing: Promise<void> | undefined;
    return {
      settings: { adapter: DEMO_ADAPTER, context: 'demo', server: server.url, apiKey },
      dataDir: dir,
      close: () => {
        closing ??= (async () => {
          await feed.stop();
          await server.close();
          removeDir();
        })();
        return closing;
      },
    };
  } catch (error) {
    removeDir();
    throw error;
  }
}
