import 'server-only';
// Bundles: a frozen diagnosis as a file (`*.hopscope.json`, or gzipped `*.hopscope.json.gz`), so
// an SRE can diagnose a cluster they cannot reach from what a colleague captured. A bundle is
// checked against the published schema, its snapshot judged again by this version's checks, and
// kept like any share. The server can also start on a folder of bundles (HOPSCOPE_BUNDLES_DIR):
// the demo does, with bundles captured from the test cluster's scenarios.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Message } from '@/lib/i18n/message';
import type { FrozenDiagnosis } from '@/lib/model/frozen';
import { frozenDiagnosisSchema } from '@/lib/model/frozen-schema';
import type { Snapshot } from '@/lib/model/snapshot';
import type { Verdict } from '@/lib/model/verdict';
import { processWide } from '@/lib/sources/process-wide';
import { RequestError } from './errors';
import { keep, type FreezeReceipt, frozenStore } from './frozen-diagnoses';
import { takeDiagnosisSlot } from './limits';
import { diagnoseSnapshot } from './run-diagnosis';

/** The largest bundle accepted, as sent and once unzipped. */
export const MAX_BUNDLE_BYTES = 16 * 1024 * 1024;

const isGzip = (b: Buffer) => b.length > 2 && b[0] === 0x1f && b[1] === 0x8b;

/** A bundle's bytes as a frozen diagnosis, or a RequestError that says what is wrong with it. */
export function parseBundle(bytes: Buffer): FrozenDiagnosis {
  if (bytes.length > MAX_BUNDLE_BYTES)
    throw new RequestError('too-large', `a bundle may be at most ${MAX_BUNDLE_BYTES / 1048576} MB`);
  let text: string;
  try {
    text = (
      isGzip(bytes) ? gunzipSync(bytes, { maxOutputLength: MAX_BUNDLE_BYTES }) : bytes
    ).toString('utf8');
  } catch {
    throw new RequestError(
      'bad-request',
      `not a Hopscope bundle: the gzip data is damaged or unzips to more than ${MAX_BUNDLE_BYTES / 1048576} MB`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new RequestError('bad-request', 'not a Hopscope bundle: the file is not JSON');
  }
  const checked = frozenDiagnosisSchema.safeParse(json);
  if (!checked.success)
    throw new RequestError(
      'bad-request',
      'not a Hopscope bundle of a version this server reads',
      checked.error.issues
        .slice(0, 10)
        .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)),
    );
  return json as FrozenDiagnosis;
}

/** No list in a snapshot is longer than this (the collector reads at most 1,000 pods a path). */
export const MAX_LIST_LENGTH = 5_000;

/** Refuses a snapshot shaped to make the checks work without end: over-long lists, deep nesting. */
function assertBounded(value: unknown, where = 'snapshot', depth = 0): void {
  if (depth > 40)
    throw new RequestError('bad-request', `not a Hopscope bundle: ${where} nests too deep`);
  if (Array.isArray(value)) {
    if (value.length > MAX_LIST_LENGTH)
      throw new RequestError(
        'bad-request',
        `not a Hopscope bundle: ${where} lists ${value.length} items (at most ${MAX_LIST_LENGTH})`,
      );
    value.forEach((v) => assertBounded(v, where, depth + 1));
  } else if (value && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length > MAX_LIST_LENGTH)
      throw new RequestError(
        'bad-request',
        `not a Hopscope bundle: ${where} has ${entries.length} keys`,
      );
    for (const [k, v] of entries) assertBounded(v, depth < 3 ? `${where}.${k}` : where, depth + 1);
  }
}

/** The bundle's snapshot judged by this version's checks, at the time it was taken. */
export function rejudge(bundle: FrozenDiagnosis): {
  diagnosis: FrozenDiagnosis['diagnosis'];
  snapshot: Snapshot;
} {
  const snapshot = bundle.snapshot;
  assertBounded(snapshot);
  try {
    return { diagnosis: diagnoseSnapshot(snapshot, new Date(bundle.takenAt)), snapshot };
  } catch (error) {
    throw new RequestError(
      'bad-request',
      `the bundle's snapshot could not be checked: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** An uploaded bundle, judged again and kept as a new share. */
export async function importBundle(bytes: Buffer, uploadedBy?: string): Promise<FreezeReceipt> {
  const bundle = parseBundle(bytes);
  // Judged in one of the server's diagnosis slots, like a diagnosis: a burst of uploads waits.
  const release = await takeDiagnosisSlot();
  let seen;
  try {
    seen = rejudge(bundle);
  } finally {
    release();
  }
  // The bundle's own "by" is a claim the file makes; the uploader is who the server knows.
  const by = uploadedBy
    ? `${bundle.by ? `"${bundle.by}", as the bundle says` : 'an unnamed capture'} (uploaded by ${uploadedBy})`
    : bundle.by && `"${bundle.by}", as the bundle says`;
  return keep(seen, { by, secrets: [] });
}

export interface FolderBundle {
  id: string;
  file: string;
  title: string;
  cluster: string;
  takenAt: string;
  verdict: Verdict;
  sentence: string;
  /** The sentence as a message, for the reader's language. */
  sentenceMessage?: Message;
}

const folder = processWide('bundle-folder', () => ({
  loaded: undefined as Promise<{ bundles: FolderBundle[]; problems: string[] }> | undefined,
}));

/**
 * The bundles of HOPSCOPE_BUNDLES_DIR, kept in the store under their own ids (read once per
 * process; a file that is not a bundle is listed as a problem, never half-loaded).
 */
export function folderBundles(): Promise<{ bundles: FolderBundle[]; problems: string[] }> {
  folder.loaded ??= (async () => {
    const dir = process.env.HOPSCOPE_BUNDLES_DIR;
    if (!dir) return { bundles: [], problems: [] };
    const bundles: FolderBundle[] = [];
    const problems: string[] = [];
    const store = await frozenStore();
    let files: string[];
    try {
      files = readdirSync(dir)
        .filter((f) => /\.hopscope\.json(\.gz)?$/.test(f))
        .sort();
    } catch (error) {
      return { bundles, problems: [`HOPSCOPE_BUNDLES_DIR ${dir}: ${(error as Error).message}`] };
    }
    for (const file of files) {
      try {
        const bundle = parseBundle(readFileSync(path.join(dir, file)));
        const seen = rejudge(bundle);
        if (!(await store.get(bundle.id, new Date())))
          // Another replica on the same PostgreSQL may store it first: then it is there.
          await keep(seen, { by: bundle.by, secrets: [], id: bundle.id }).catch(async (error) => {
            if (!(await store.get(bundle.id, new Date()))) throw error;
          });
        bundles.push({
          id: bundle.id,
          file,
          title: file.replace(/\.hopscope\.json(\.gz)?$/, ''),
          cluster: seen.diagnosis.cluster,
          takenAt: bundle.takenAt,
          verdict: seen.diagnosis.summary.verdict,
          sentence: seen.diagnosis.summary.sentence,
          ...(seen.diagnosis.summary.message
            ? { sentenceMessage: seen.diagnosis.summary.message }
            : {}),
        });
      } catch (error) {
        problems.push(`${file}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    return { bundles, problems };
  })();
  return folder.loaded;
}
