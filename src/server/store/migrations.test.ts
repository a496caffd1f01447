import { describe, expect, it } from 'vitest';
import { MIGRATIONS, MIGRATIONS_TABLE, SCHEMA_VERSION } from './migrations.ts';

// Two branches that each add "migration 3" merge cleanly in git and break every database that
// one of them already migrated: the list must stay 1, 2, 3, ... with SQL for both dialects.
describe('the migrations list', () => {
  it('is numbered 1..N in order, with no duplicate and no gap, and SCHEMA_VERSION is N', () => {
    const versions = MIGRATIONS.map((migration) => migration.version);
    expect(versions).toEqual(Array.from({ length: MIGRATIONS.length }, (_, index) => index + 1));
    expect(SCHEMA_VERSION).toBe(MIGRATIONS.length);
  });

  it('gives every migration a description and SQL for both SQLite and PostgreSQL', () => {
    for (const migration of MIGRATIONS) {
      expect(migration.description.trim(), `migration ${migration.version}`).not.toBe('');
      expect(Object.keys(migration.sql).sort(), `migration ${migration.version}`).toEqual(Object.keys(MIGRATIONS_TABLE).sort());
      for (const [dialect, sql] of Object.entries(migration.sql)) expect(sql.trim(), `migration ${migration.version} (${dialect})`).not.toBe('');
    }
    expect(Object.keys(MIGRATIONS_TABLE).sort()).toEqual(['postgres', 'sqlite']);
  });
});
