// A frozen diagnosis: what one diagnosis saw and said, kept under an unguessable id so that a
// permalink shows it exactly, after the cluster has moved on. Plain data, served as JSON
// (`GET /api/diagnoses/<id>`, schema at `/api/diagnoses/schema.json`).
import type { Diagnosis } from './diagnosis';
import type { AccessPath } from './path';
import type { Snapshot } from './snapshot';

export const FROZEN_SCHEMA = 'hopscope.frozen-diagnosis/v1';

export interface FrozenDiagnosis {
  schema: typeof FROZEN_SCHEMA;
  id: string;
  /** The path as diagnosed, its window made absolute (`window.end` set) so it replays the same. */
  path: AccessPath;
  /** The metric window, absolute (ISO 8601). */
  window: { from: string; to: string };
  /** When the evidence was gathered. */
  takenAt: string;
  /** When it was frozen, and when it will be deleted. */
  frozenAt: string;
  expiresAt: string;
  /** Who froze it, when the server knows (proxy mode's user; "local" on a laptop). */
  by?: string;
  /** The Hopscope version that gathered and judged it. */
  productVersion: string;
  diagnosis: Diagnosis;
  /** Everything the checks used, secrets removed: the same checks can run on it again. */
  snapshot: Snapshot;
}

/** The path with its window pinned to `[end - minutes, end]`, `end` being when it was taken. */
export function absoluteWindow(
  path: AccessPath,
  takenAt: string,
): {
  path: AccessPath;
  window: { from: string; to: string };
} {
  const end = path.window.end ?? takenAt;
  const from = new Date(Date.parse(end) - path.window.minutes * 60_000).toISOString();
  return {
    path: { ...path, window: { ...path.window, end } },
    window: { from, to: new Date(Date.parse(end)).toISOString() },
  };
}

/** 128 random bits, base64url: 22 characters. */
export const FROZEN_ID = /^[A-Za-z0-9_-]{22}$/;
