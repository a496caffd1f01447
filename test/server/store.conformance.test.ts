// The store conformance suite on the store under test: SQLite in the fast project, PostgreSQL
// (a fresh database on the scripts/pg cluster per case) in the `postgres` project.
import { DatabaseSync } from 'node:sqlite';
import { systemClock } from '../../src/core/clock.ts';
import { openStore } from '../../src/server/store/open-store.ts';
import { adminQuery, createTestDatabase, testStoreKind } from '../support/test-database.ts';
import { describeStoreConformance } from './store-conformance.ts';

const kind = testStoreKind();

describeStoreConformance(kind, {
  announcesAcrossReplicas: kind === 'postgres',
  dialect: kind,
  async fresh() {
    const database = await createTestDatabase(kind);
    const options = database.options;
    const location = 'dbPath' in options ? ({ kind: 'sqlite', path: options.dbPath } as const) : ({ kind: 'postgres', url: options.databaseUrl } as const);
    return {
      open: (settings = {}) => openStore(location, { clock: settings.clock ?? systemClock, mode: settings.mode ?? 'unique' }),
      async exec(sql) {
        if (location.kind === 'postgres') {
          await adminQuery(sql, location.url);
          return;
        }
        const db = new DatabaseSync(location.path);
        try {
          db.exec(sql);
        } finally {
          db.close();
        }
      },
      remove: () => database.remove(),
    };
  },
});
