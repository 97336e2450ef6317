// The store for several replicas: one PostgreSQL database (HOPSCOPE_STORE_URL=postgres://…).
// Migrations run under an advisory lock, so replicas starting together apply each once; a share
// is committed (synchronous_commit as the server has it, on by default) when `put` returns.
import pg from 'pg';
import type { DeleteOutcome, FrozenStore, StoredRecord } from './types';

const MIGRATIONS: { version: number; sql: string }[] = [
  {
    version: 1,
    sql: `CREATE TABLE frozen_diagnoses (
            id TEXT PRIMARY KEY,
            delete_key_hash TEXT NOT NULL,
            created_at TIMESTAMPTZ NOT NULL,
            expires_at TIMESTAMPTZ NOT NULL,
            body BYTEA NOT NULL
          );
          CREATE INDEX frozen_diagnoses_expires_at ON frozen_diagnoses (expires_at);`,
  },
];

/** Any fixed number: the advisory lock that serialises migrations across replicas. */
const MIGRATION_LOCK = 7_171_717;

export class PostgresStore implements FrozenStore {
  readonly engine = 'postgres' as const;

  private constructor(private readonly pool: pg.Pool) {}

  static async open(url: string): Promise<PostgresStore> {
    const pool = new pg.Pool({ connectionString: url, max: 4, connectionTimeoutMillis: 5_000 });
    pool.on('error', () => {}); // an idle connection dropped: the next query reconnects
    const store = new PostgresStore(pool);
    try {
      await store.migrate();
    } catch (error) {
      await pool.end();
      throw error;
    }
    return store;
  }

  private async migrate(): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      await client.query(
        'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL)',
      );
      const done = new Set(
        (await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map(
          (r) => Number(r.version),
        ),
      );
      for (const m of MIGRATIONS) {
        if (done.has(m.version)) continue;
        await client.query(m.sql);
        await client.query(
          'INSERT INTO schema_migrations (version, applied_at) VALUES ($1, now())',
          [m.version],
        );
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  async put(r: StoredRecord): Promise<void> {
    await this.pool.query(
      'INSERT INTO frozen_diagnoses (id, delete_key_hash, created_at, expires_at, body) VALUES ($1, $2, $3, $4, $5)',
      [r.id, r.deleteKeyHash, r.createdAt, r.expiresAt, r.body],
    );
  }

  async get(id: string, now: Date) {
    const { rows } = await this.pool.query<{ body: Buffer; created_at: Date; expires_at: Date }>(
      'SELECT body, created_at, expires_at FROM frozen_diagnoses WHERE id = $1 AND expires_at > $2',
      [id, now],
    );
    const row = rows[0];
    return row ? { body: row.body, createdAt: row.created_at, expiresAt: row.expires_at } : null;
  }

  async delete(id: string, deleteKeyHash: string): Promise<DeleteOutcome> {
    const { rowCount } = await this.pool.query(
      'DELETE FROM frozen_diagnoses WHERE id = $1 AND delete_key_hash = $2',
      [id, deleteKeyHash],
    );
    if (rowCount) return 'deleted';
    const { rows } = await this.pool.query('SELECT 1 FROM frozen_diagnoses WHERE id = $1', [id]);
    return rows.length > 0 ? 'wrong-key' : 'not-found';
  }

  async purgeExpired(now: Date): Promise<number> {
    const { rowCount } = await this.pool.query(
      'DELETE FROM frozen_diagnoses WHERE expires_at <= $1',
      [now],
    );
    return rowCount ?? 0;
  }

  async schemaVersion(): Promise<number> {
    const { rows } = await this.pool.query<{ v: number | null }>(
      'SELECT MAX(version) AS v FROM schema_migrations',
    );
    return Number(rows[0]?.v ?? 0);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
