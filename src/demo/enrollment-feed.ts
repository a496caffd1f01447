// A few machines enrolling while the demo runs, over the real bootstrap endpoint (so the
// server audits them and publishes events). Bounded: a fixed script, then it stops. A step
// whose token the operator revoked meanwhile is refused by the server, which is fine to show.

export interface EnrollmentFeedOptions {
  readonly firstDelayMs: number;
  readonly intervalMs: number;
  /** How many scripted steps to run at most. */
  readonly maxSteps: number;
}

export const DEFAULT_FEED: EnrollmentFeedOptions = { firstDelayMs: 4_000, intervalMs: 9_000, maxSteps: 6 };

interface FeedStep {
  readonly path: 'bootstrap' | 'bootstrap/complete';
  readonly token: string;
  readonly machine: string;
  readonly pending?: boolean;
}

const SCRIPT: readonly FeedStep[] = [
  { path: 'bootstrap', token: 'wave', machine: 'edge-w2-03' },
  { path: 'bootstrap/complete', token: 'wave', machine: 'edge-w2-02' },
  { path: 'bootstrap', token: 'rack', machine: 'rack12-node-03' },
  { path: 'bootstrap', token: 'wave', machine: 'edge-w2-04', pending: true },
  { path: 'bootstrap', token: 'fleet', machine: 'worker-04' },
  { path: 'bootstrap/complete', token: 'wave', machine: 'edge-w2-04' },
];

export interface EnrollmentFeed {
  /** Steps that have been attempted so far. */
  readonly attempted: () => number;
  stop(): Promise<void>;
}

export function startEnrollmentFeed(
  serverUrl: string,
  secrets: Readonly<Record<string, string>>,
  overrides: Partial<EnrollmentFeedOptions> = {},
): EnrollmentFeed {
  const options = { ...DEFAULT_FEED, ...overrides };
  const steps = SCRIPT.slice(0, Math.max(0, options.maxSteps));
  let next = 0;
  let inFlight: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  const runStep = async (step: FeedStep) => {
    const body = { token: secrets[step.token] ?? '', machine: step.machine, ...(step.pending ? { pending: true } : {}) };
    try {
      const response = await fetch(`${serverUrl}/api/v1/${step.path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      await response.body?.cancel();
    } catch {
      // The server is closing: nothing to report in a demo.
    }
  };
  const schedule = (delay: number) => {
    if (stopped || next >= steps.length) return;
    timer = setTimeout(() => {
      const step = steps[next++];
      if (step) inFlight = runStep(step).then(() => schedule(options.intervalMs));
    }, delay);
    // The demo must never keep the process alive on its own.
    timer.unref();
  };
  schedule(options.firstDelayMs);

  return {
    attempted: () => next,
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await inFlight;
    },
  };
}
