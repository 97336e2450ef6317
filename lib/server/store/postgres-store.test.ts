// The same store contract on a real PostgreSQL: scripts/test-all.sh starts Debian's server on a
// loopback port (e2e/harness/postgres.sh) and passes its URL as HOPSCOPE_TEST_POSTGRES_URL.
import { describe, expect, it } from 'vitest';
import { PostgresStore } from './postgres-store';
import { crashContract, record, storeContract } from './store-contract';

const url = process.env.HOPSCOPE_TEST_POSTGRES_URL;

describe.runIf(url)('PostgreSQL store', () => {
  storeContract(() => PostgresStore.open(url!));
  crashContract(url!, (where) => PostgresStore.open(where));

  it('two replicas starting together migrate once and see each other’s records', async () => {
    const [a, b] = await Promise.all([PostgresStore.open(url!), PostgresStore.open(url!)]);
    expect(await a.schemaVersion()).toBe(await b.schemaVersion());
    const r = record();
    await a.put(r);
    expect((await b.get(r.id, r.createdAt))?.body.equals(r.body)).toBe(true);
    await Promise.all([a.close(), b.close()]);
  });
});
