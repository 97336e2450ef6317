// Where frozen diagnoses are kept: one interface, two engines (SQLite in a data directory by
// default, PostgreSQL for several replicas). Records are opaque compressed bytes to the store.

export interface StoredRecord {
  id: string;
  /** sha256 of the delete key, hex: the key itself is given to the creator only. */
  deleteKeyHash: string;
  createdAt: Date;
  expiresAt: Date;
  body: Buffer;
}

export type DeleteOutcome = 'deleted' | 'not-found' | 'wrong-key';

export interface FrozenStore {
  readonly engine: 'sqlite' | 'postgres';
  /** Durable when it resolves: a process killed right after still has the record. */
  put(record: StoredRecord): Promise<void>;
  /** The record unless absent or expired at `now`. */
  get(id: string, now: Date): Promise<{ body: Buffer; expiresAt: Date; createdAt: Date } | null>;
  delete(id: string, deleteKeyHash: string): Promise<DeleteOutcome>;
  /** Deletes every record expired at `now`; returns how many. */
  purgeExpired(now: Date): Promise<number>;
  /** The schema version the store is at after its migrations. */
  schemaVersion(): Promise<number>;
  close(): Promise<void>;
}
