import 'server-only';
// Freezing, reading and deleting shared diagnoses. A frozen diagnosis is stored under 128 random
// bits; its delete key (another 192) is given to the creator only and kept as a hash.
import { createHash, randomBytes } from 'node:crypto';
import path from 'node:path';
import type { Diagnosis } from '@/lib/model/diagnosis';
import { FROZEN_ID, type FrozenDiagnosis } from '@/lib/model/frozen';
import type { Snapshot } from '@/lib/model/snapshot';
import { kubeConfigFor } from '@/lib/sources/kube/clusters';
import { prometheusFor } from '@/lib/sources/prometheus/config';
import type { Caller } from './auth/caller';
import { RequestError } from './errors';
import { decodeFrozen, encodeFrozen } from './store/codec';
import { frozenRecord } from './store/frozen-record';
import { SqliteStore } from './store/sqlite-store';
import type { FrozenStore } from './store/types';
import { processWide } from '@/lib/sources/process-wide';

const DAY_MS = 24 * 60 * 60 * 1000;

export function retentionMs(env: NodeJS.ProcessEnv = process.env): number {
  const days = Number(env.HOPSCOPE_SHARE_TTL_DAYS ?? 30);
  if (!Number.isFinite(days) || days <= 0)
    throw new Error('HOPSCOPE_SHARE_TTL_DAYS must be a positive number of days');
  return days * DAY_MS;
}

/** The SQLite file under HOPSCOPE_DATA_DIR (default `.hopscope-data` in the working directory). */
export function sqliteFile(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.HOPSCOPE_DATA_DIR ?? '.hopscope-data', 'hopscope.sqlite');
}

const state = processWide('frozen-store', () => ({
  opened: undefined as Promise<FrozenStore> | undefined,
}));

/** The server's store, opened once: PostgreSQL when HOPSCOPE_STORE_URL names one, else SQLite. */
export function frozenStore(): Promise<FrozenStore> {
  state.opened ??= (async () => {
    const url = process.env.HOPSCOPE_STORE_URL;
    if (url && !/^postgres(ql)?:\/\//.test(url))
      throw new Error('HOPSCOPE_STORE_URL must be a postgres:// or postgresql:// URL');
    const store: FrozenStore = url
      ? await (await import('./store/postgres-store')).PostgresStore.open(url)
      : new SqliteStore(sqliteFile());
    await store.purgeExpired(new Date());
    // Retention runs hourly besides: a record past its time is never served either way.
    setInterval(() => void store.purgeExpired(new Date()).catch(() => {}), 3_600_000).unref();
    return store;
  })();
  state.opened.catch(() => (state.opened = undefined));
  return state.opened;
}

const CREDENTIAL_HEADER = /authorization|cookie|token|key|secret|password|auth/i;

/** Every value the server holds that must never be written into a frozen record. */
export function secretValues(cluster: string, caller: Caller): string[] {
  const out: string[] = [];
  const prom = prometheusFor(cluster);
  if (prom) {
    // Header values that carry credentials, not routing ones (X-Scope-OrgID: team-a is a name
    // that also appears as a namespace: scrubbing it would break the record).
    out.push(
      prom.url,
      ...Object.entries(prom.headers)
        .filter(([name]) => CREDENTIAL_HEADER.test(name))
        .map(([, value]) => value),
    );
    try {
      const u = new URL(prom.url);
      out.push(u.host, u.origin);
      if (u.username) out.push(u.username);
      if (u.password) out.push(u.password);
    } catch {
      /* not a URL: its text is already listed */
    }
  }
  try {
    const { kc } = kubeConfigFor(cluster, caller.identity);
    for (const u of kc.getUsers())
      out.push(
        ...[u.token, u.password, u.keyData, u.certData, u.keyFile].filter(
          (x): x is string => typeof x === 'string',
        ),
      );
  } catch {
    /* the cluster is not configured any more: nothing of it to leak */
  }
  if (caller.identity.kind === 'bearer') out.push(caller.identity.token);
  if (process.env.HOPSCOPE_STORE_URL) out.push(process.env.HOPSCOPE_STORE_URL);
  return out;
}

const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');
const randomId = (bytes: number) => randomBytes(bytes).toString('base64url');

export { frozenRecord };

export interface FreezeReceipt {
  id: string;
  deleteKey: string;
  expiresAt: string;
}

export async function freeze(
  seen: { diagnosis: Diagnosis; snapshot: Snapshot },
  caller: Caller,
  now = new Date(),
): Promise<FreezeReceipt> {
  return keep(seen, {
    by: caller.user.startsWith('token:') ? undefined : caller.user,
    secrets: secretValues(seen.diagnosis.cluster, caller),
    now,
  });
}

/**
 * Stores one diagnosis under a new id (or `id`, for a bundle from the server's own folder) and
 * returns its receipt; `secrets` are the values scrubbed from it and checked absent.
 */
export async function keep(
  seen: { diagnosis: Diagnosis; snapshot: Snapshot },
  options: { by?: string; secrets: string[]; now?: Date; id?: string },
): Promise<FreezeReceipt> {
  const now = options.now ?? new Date();
  const id = options.id ?? randomId(16);
  const deleteKey = randomId(24);
  const expiresAt = new Date(now.getTime() + retentionMs());
  const record = frozenRecord(
    seen,
    { id, by: options.by, frozenAt: now, expiresAt },
    options.secrets,
  );
  const store = await frozenStore();
  await store.put({
    id,
    deleteKeyHash: hashKey(deleteKey),
    createdAt: now,
    expiresAt,
    body: encodeFrozen(record),
  });
  return { id, deleteKey, expiresAt: expiresAt.toISOString() };
}

/** The frozen diagnosis, or a 404 that says why (never which ids exist). */
export async function readFrozen(id: string, now = new Date()): Promise<FrozenDiagnosis> {
  if (!FROZEN_ID.test(id))
    throw new RequestError('not-found', 'no frozen diagnosis has this id (it may have expired)');
  const found = await (await frozenStore()).get(id, now);
  if (!found)
    throw new RequestError(
      'not-found',
      'no frozen diagnosis has this id: it expired, was deleted, or the link is incomplete',
    );
  return decodeFrozen(found.body);
}

export async function deleteFrozen(id: string, deleteKey: string): Promise<void> {
  if (!FROZEN_ID.test(id)) throw new RequestError('not-found', 'no frozen diagnosis has this id');
  const outcome = await (await frozenStore()).delete(id, hashKey(deleteKey));
  if (outcome === 'not-found')
    throw new RequestError('not-found', 'no frozen diagnosis has this id');
  if (outcome === 'wrong-key')
    throw new RequestError('forbidden', 'this is not the delete key of that frozen diagnosis');
}
