// A writer for the crash test: puts records into the store named on the command line (a SQLite
// file or a postgres:// URL) as fast as it can and prints each id once `put` has returned
// (acknowledged). The test kills it with SIGKILL mid-stream and checks every acknowledged record.
import { randomBytes } from 'node:crypto';
import { PostgresStore } from './postgres-store';
import { SqliteStore } from './sqlite-store';
import type { FrozenStore } from './types';

const where = process.argv[2]!;
const store: FrozenStore = where.startsWith('postgres')
  ? await PostgresStore.open(where)
  : new SqliteStore(where);
for (let i = 0; ; i++) {
  const id = randomBytes(16).toString('base64url');
  await store.put({
    id,
    deleteKeyHash: 'd'.repeat(64),
    createdAt: new Date(),
    expiresAt: new Date(Date.now() + 86_400_000),
    body: Buffer.alloc(20_000, i % 256),
  });
  process.stdout.write(`${id}\n`);
}
