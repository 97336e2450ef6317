import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteStore } from './sqlite-store';
import { crashContract, storeContract } from './store-contract';

const dir = mkdtempSync(path.join(tmpdir(), 'hopscope-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('SQLite store', () => {
  const file = path.join(dir, 'contract.sqlite');
  storeContract(async () => new SqliteStore(file));

  it('runs in WAL mode with full syncs', async () => {
    const store = new SqliteStore(path.join(dir, 'wal.sqlite'));
    const { DatabaseSync } = await import('node:sqlite');
    const peek = new DatabaseSync(store.file);
    expect(peek.prepare('PRAGMA journal_mode').get()?.journal_mode).toBe('wal');
    peek.close();
    await store.close();
  });

  crashContract(path.join(dir, 'crash.sqlite'), async (where) => new SqliteStore(where));
});
