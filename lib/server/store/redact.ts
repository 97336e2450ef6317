// Secret values never reach a frozen record: every string in it is scrubbed of the values the
// server knows to be secret (Prometheus address and headers, Kubernetes credentials, the caller's
// token), then checked again before it is stored.

export const REDACTED = '[redacted]';

/** Secrets shorter than this are not matched (a 2-character header value would scrub evidence). */
const MIN_SECRET_LENGTH = 6;

function usable(secrets: readonly string[]): string[] {
  return [...new Set(secrets.filter((s) => s.length >= MIN_SECRET_LENGTH))].sort(
    (a, b) => b.length - a.length, // the longest first: a URL before the host inside it
  );
}

function scrub(text: string, secrets: string[]): string {
  let out = text;
  for (const s of secrets) if (out.includes(s)) out = out.split(s).join(REDACTED);
  return out;
}

/** A deep copy of `value` with every secret replaced in every string, keys included. */
export function redactSecrets<T>(value: T, secrets: readonly string[]): T {
  const list = usable(secrets);
  if (list.length === 0) return value;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return scrub(v, list);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object')
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [scrub(k, list), walk(x)]));
    return v;
  };
  return walk(value) as T;
}

/** The secrets still present in `text` (none, for a record fit to store). */
export function secretsIn(text: string, secrets: readonly string[]): string[] {
  return usable(secrets).filter((s) => text.includes(s));
}
