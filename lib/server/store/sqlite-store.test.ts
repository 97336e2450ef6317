import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteStore } from './sqlite-store';
import { storeContract } from './store-contract';

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

  it('keeps every acknowledged record when the writer is killed with SIGKILL mid-write', async () => {
    const file = path.join(dir, 'crash.sqlite');
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--no-warnings', path.join(import.meta.dirname, 'write-loop.ts'), file],
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
    const store = new SqliteStore(file);
    const now = new Date();
    const missing = [];
    for (const id of acknowledged) if (!(await store.get(id, now))) missing.push(id);
    expect(missing).toEqual([]);
    await store.close();
  });
});
