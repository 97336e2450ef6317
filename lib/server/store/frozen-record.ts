// The frozen record of one diagnosis: pure (no server state), so the capture scripts build it
// the same way the server does.
import pkg from '@/package.json';
import type { Diagnosis } from '@/lib/model/diagnosis';
import { absoluteWindow, FROZEN_SCHEMA, type FrozenDiagnosis } from '@/lib/model/frozen';
import type { Snapshot } from '@/lib/model/snapshot';
import { redactSecrets, secretsIn } from './redact';

/** The record for one diagnosis, secrets removed and checked absent.  */
export function frozenRecord(
  seen: { diagnosis: Diagnosis; snapshot: Snapshot },
  meta: { id: string; by?: string; frozenAt: Date; expiresAt: Date },
  secrets: string[],
): FrozenDiagnosis {
  const { path: pinned, window } = absoluteWindow(seen.diagnosis.path, seen.diagnosis.takenAt);
  const record: FrozenDiagnosis = redactSecrets(
    {
      schema: FROZEN_SCHEMA,
      id: meta.id,
      path: pinned,
      window,
      takenAt: seen.diagnosis.takenAt,
      frozenAt: meta.frozenAt.toISOString(),
      expiresAt: meta.expiresAt.toISOString(),
      ...(meta.by ? { by: meta.by } : {}),
      productVersion: pkg.version,
      diagnosis: seen.diagnosis,
      snapshot: seen.snapshot,
    },
    secrets,
  );
  const left = secretsIn(JSON.stringify(record), secrets);
  if (left.length > 0) throw new Error('a secret value survived redaction; the share was refused');
  return record;
}
