import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'fast',
          include: ['src/**/*.test.{ts,tsx}', 'test/**/*.test.{ts,tsx}'],
          exclude: ['test/real/**', 'node_modules/**'],
          env: { FORCE_COLOR: '0' },
          // Files share a worker's module cache instead of re-importing Ink, React and the app
          // per file: 36 s -> 16 s on 2 cores. Safe because no fast test depends on a fresh
          // module state: the suite passes with files and tests shuffled (--sequence.shuffle).
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          // The reference server's whole suite again, on PostgreSQL instead of SQLite: run it
          // inside scripts/pg/with-postgres.sh (npm test does), which provides TOKENTUI_PG_URL.
          name: 'postgres',
          include: ['test/server/**/*.test.ts'],
          // These two never touch a store: once (in fast) is enough.
          exclude: ['test/server/event-hub.test.ts', 'test/server/openapi.test.ts'],
          env: { FORCE_COLOR: '0', TOKENTUI_TEST_STORE: 'postgres' },
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          // Several contexts at once: three real control planes and the REST server, started by
          // scripts/k8s/with-clusters.sh 3 (npm test does), for these files only.
          name: 'fleet',
          include: ['test/real/fleet-*.test.{ts,tsx}'],
          env: { FORCE_COLOR: '0' },
          testTimeout: 90_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'real',
          include: [
            'test/real/**/*.test.{ts,tsx}',
            'test/adapters/kubeadm.conformance.test.ts',
            'test/adapters/k3s.conformance.test.ts',
            'test/adapters/lxd.conformance.test.ts',
          ],
          exclude: ['test/real/fleet-*.test.{ts,tsx}', 'node_modules/**'],
          env: { FORCE_COLOR: '0' },
          testTimeout: 90_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
