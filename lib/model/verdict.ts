// The five verdicts a hop, a member or a step can carry, ordered for "worst of".

export const VERDICTS = ['fail', 'warn', 'unknown', 'ok', 'skipped'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** A finding is never `ok` or `skipped`: it says something is wrong or could not be seen. */
export type Severity = 'fail' | 'warn' | 'unknown' | 'info';

const RANK: Record<Verdict, number> = { fail: 4, warn: 3, unknown: 2, ok: 1, skipped: 0 };

export function worst(verdicts: Iterable<Verdict>, whenEmpty: Verdict = 'ok'): Verdict {
  let result: Verdict | undefined;
  for (const v of verdicts) if (result === undefined || RANK[v] > RANK[result]) result = v;
  return result ?? whenEmpty;
}

export function severityVerdict(severity: Severity): Verdict {
  return severity === 'info' ? 'ok' : severity;
}
