// react-query: the key factory and query options for a diagnosis, beside the fetcher.
import { queryOptions } from '@tanstack/react-query';
import type { Diagnosis } from '@/lib/model/diagnosis';
import type { AccessPath } from '@/lib/model/path';

export const diagnosisKeys = {
  all: ['diagnosis'] as const,
  path: (path: AccessPath) => ['diagnosis', path] as const,
};

export class DiagnosisRequestError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'DiagnosisRequestError';
  }
}

/** A diagnosis and the ref that freezes exactly it (POST /api/shares). */
export interface DiagnosisAnswer {
  diagnosis: Diagnosis;
  ref: string | null;
}

export async function fetchDiagnosis(
  path: AccessPath,
  signal?: AbortSignal,
): Promise<DiagnosisAnswer> {
  const res = await fetch('/api/diagnoses', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(path),
    signal,
  });
  const body = (await res.json().catch(() => ({}))) as {
    diagnosis?: Diagnosis;
    ref?: string;
    error?: string;
  };
  if (!res.ok || !body.diagnosis)
    throw new DiagnosisRequestError(body.error ?? `the server answered ${res.status}`, res.status);
  return { diagnosis: body.diagnosis, ref: body.ref ?? null };
}

export function diagnosisQuery(path: AccessPath) {
  return queryOptions({
    queryKey: diagnosisKeys.path(path),
    queryFn: ({ signal }) => fetchDiagnosis(path, signal),
    staleTime: Infinity, // a diagnosis is re-run on purpose (button, key, auto-refresh), never behind the SRE's back
    retry: false,
  });
}
