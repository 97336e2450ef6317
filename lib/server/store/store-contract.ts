// The behaviour every store engine must have, as one test suite run against each (SQLite here,
// PostgreSQL where the test script provides one).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { expect, it } from 'vitest';
import type { FrozenStore, StoredRecord } from './types';

const T0 = new Date('2026-11-30T12:00:00Z');
const HOUR = 3_600_000;

export function record(patch: Partial<StoredRecord> = {}): StoredRecord {
  return {
    id: randomBytes(16).toString('base64url'),
    deleteKeyHash: 'a'.repeat(64),
    createdAt: T0,
    expiresAt: new Date(T0.getTime() + 24 * HOUR),
    body: randomBytes(300),
    ...patch,
  };
}

export function storeContract(open: () => Promise<FrozenStore>): void {
  it('keeps a record byte for byte until it expires, then never serves it', async () => {
    const store = await open();
    const r = record();
    await store.put(r);
    const got = await store.get(r.id, new Date(T0.getTime() + HOUR));
    expect(got?.body.equals(r.body)).toBe(true);
    expect(got?.expiresAt.getTime()).toBe(r.expiresAt.getTime());
    expect(await store.get(r.id, r.expiresAt)).toBeNull();
    expect(await store.get('x'.repeat(22), T0)).toBeNull();
    await store.close();
  });

  it('deletes only with the right key hash and says which failed', async () => {
    const store = await open();
    const r = record({ deleteKeyHash: 'b'.repeat(64) });
    await store.put(r);
    expect(await store.delete(r.id, 'c'.repeat(64))).toBe('wrong-key');
    expect(await store.get(r.id, T0)).not.toBeNull();
    expect(await store.delete(r.id, 'b'.repeat(64))).toBe('deleted');
    expect(await store.get(r.id, T0)).toBeNull();
    expect(await store.delete(r.id, 'b'.repeat(64))).toBe('not-found');
    await store.close();
  });

  it('refuses a second record under the same id', async () => {
    const store = await open();
    const r = record();
    await store.put(r);
    await expect(store.put({ ...r, body: Buffer.from('other') })).rejects.toThrow();
    expect((await store.get(r.id, T0))?.body.equals(r.body)).toBe(true);
    await store.close();
  });

  it('retention removes the expired records and keeps the rest', async () => {
    const store = await open();
    const old = record({ expiresAt: new Date(T0.getTime() + HOUR) });
    const fresh = record({ expiresAt: new Date(T0.getTime() + 48 * HOUR) });
    await store.put(old);
    await store.put(fresh);
    expect(await store.purgeExpired(new Date(T0.getTime() + 2 * HOUR))).toBeGreaterThanOrEqual(1);
    expect(await store.get(old.id, T0)).toBeNull();
    expect(await store.get(fresh.id, T0)).not.toBeNull();
    await store.close();
  });

  it('migrates once: reopening keeps the schema version and the records', async () => {
    const first = await open();
    const r = record();
    await first.put(r);
    const version = await first.schemaVersion();
    expect(version).toBeGreaterThanOrEqual(1);
    await first.close();
    const again = await open();
    expect(await again.schemaVersion()).toBe(version);
    expect((await again.get(r.id, T0))?.body.equals(r.body)).toBe(true);
    await again.close();
  });
}

/** An acknowledged share survives `kill -9` of the process that wrote it. */
export function crashContract(where: string, open: (where: string) => Promise<FrozenStore>): void {
  it('keeps every acknowledged record when the writer is killed with SIGKILL mid-write', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--no-warnings', path.join(import.meta.dirname, 'write-loop.ts'), where],
      { stdio: ['ignore', 'pipe', 'inherit'], cwd: path.resolve(import.meta.dirname, '../../..') },
    );
    const acknowledged: string[] = [];
    let partial = '';
    await new Promise<void>((resolve, reject) => {
      child.on('error', reject);
      child.on('exit', () => resolve());
      child.stdout.on('data', (chunk: Buffer) => {
        const lines = (partial + chunk.toString()).split('\n');
        partial = lines.pop()!;
        acknowledged.push(...lines.filter(Boolean));
        if (acknowledged.length >= 200 && !child.killed) child.kill('SIGKILL');
      });
    });
    expect(child.signalCode).toBe('SIGKILL');
    expect(acknowledged.length).toBeGreaterThanOrEqual(200);
    const store = await open(where);
    const now = new Date();
    const missing = [];
    for (const id of acknowledged) if (!(await store.get(id, now))) missing.push(id);
    expect(missing).toEqual([]);
    await store.close();
  });
}
