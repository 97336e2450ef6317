// A writer for the crash test: puts records into the store named on the command line as fast as
// it can and prints each id once `put` has returned (acknowledged). The test kills it with
// SIGKILL mid-stream and checks every acknowledged record is there.
import { randomBytes } from 'node:crypto';
import { SqliteStore } from './sqlite-store';

const file = process.argv[2]!;
const store = new SqliteStore(file);
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
