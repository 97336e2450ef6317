// The embedded store: one SQLite file under the data directory (Node's built-in node:sqlite), in
// WAL mode with full syncs, so a share is on disk when `put` returns and survives `kill -9`.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { DeleteOutcome, FrozenStore, StoredRecord } from './types';

/** Versioned migrations, applied in order once each; never edited once released. */
const MIGRATIONS: { version: number; sql: string }[] = [
  {
    version: 1,
    sql: `CREATE TABLE frozen_diagnoses (
            id TEXT PRIMARY KEY,
            delete_key_hash TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            expires_at INTEGER NOT NULL,
            body BLOB NOT NULL
          );
          CREATE INDEX frozen_diagnoses_expires_at ON frozen_diagnoses (expires_at);`,
  },
];

export class SqliteStore implements FrozenStore {
  readonly engine = 'sqlite' as const;
  private readonly db: DatabaseSync;

  constructor(readonly file: string) {
    mkdirSync(path.dirname(file), { recursive: true });
    this.db = new DatabaseSync(file);
    this.db.exec(
      'PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 5000;',
    );
    this.migrate();
  }

  private migrate(): void {
    this.db.exec(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)',
    );
    const done = new Set(
      this.db
        .prepare('SELECT version FROM schema_migrations')
        .all()
        .map((r) => Number(r.version)),
    );
    for (const m of MIGRATIONS) {
      if (done.has(m.version)) continue;
      this.db.exec('BEGIN IMMEDIATE');
      try {
        this.db.exec(m.sql);
        this.db
          .prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)')
          .run(m.version, Date.now());
        this.db.exec('COMMIT');
      } catch (error) {
        this.db.exec('ROLLBACK');
        throw error;
      }
    }
  }

  async put(r: StoredRecord): Promise<void> {
    this.db
      .prepare(
        'INSERT INTO frozen_diagnoses (id, delete_key_hash, created_at, expires_at, body) VALUES (?, ?, ?, ?, ?)',
      )
      .run(r.id, r.deleteKeyHash, r.createdAt.getTime(), r.expiresAt.getTime(), r.body);
  }

  async get(id: string, now: Date) {
    const row = this.db
      .prepare(
        'SELECT body, created_at, expires_at FROM frozen_diagnoses WHERE id = ? AND expires_at > ?',
      )
      .get(id, now.getTime());
    if (!row) return null;
    return {
      body: Buffer.from(row.body as Uint8Array),
      createdAt: new Date(Number(row.created_at)),
      expiresAt: new Date(Number(row.expires_at)),
    };
  }

  async delete(id: string, deleteKeyHash: string): Promise<DeleteOutcome> {
    const row = this.db
      .prepare('SELECT delete_key_hash FROM frozen_diagnoses WHERE id = ?')
      .get(id);
    if (!row) return 'not-found';
    if (row.delete_key_hash !== deleteKeyHash) return 'wrong-key';
    this.db.prepare('DELETE FROM frozen_diagnoses WHERE id = ?').run(id);
    return 'deleted';
  }

  async purgeExpired(now: Date): Promise<number> {
    const result = this.db
      .prepare('DELETE FROM frozen_diagnoses WHERE expires_at <= ?')
      .run(now.getTime());
    return Number(result.changes);
  }

  async schemaVersion(): Promise<number> {
    const row = this.db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get();
    return Number(row?.v ?? 0);
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
