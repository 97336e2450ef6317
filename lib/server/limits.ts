import 'server-only';
// What one caller may cost the server: diagnoses per minute per user (a token bucket), one
// deadline per diagnosis, and identical diagnoses already running shared instead of repeated.
import { makeBudget, Semaphore, type RequestBudget } from '@/lib/sources/concurrency';
import { RequestError } from './errors';
import { processWide } from '@/lib/sources/process-wide';

const num = (name: string, fallback: number) => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
};

/** HOPSCOPE_DIAGNOSIS_DEADLINE_MS: after it, whatever has not answered is `unknown` with that reason. */
export function diagnosisBudget(): RequestBudget {
  return makeBudget(
    num('HOPSCOPE_DIAGNOSIS_DEADLINE_MS', 20_000),
    num('HOPSCOPE_KUBE_CONCURRENCY_PER_DIAGNOSIS', 8),
  );
}

const state = processWide('limits', () => ({
  slots: undefined as Semaphore | undefined,
  limiter: undefined as RateLimiter | undefined,
}));

/**
 * A slot among the diagnoses the server runs at once (HOPSCOPE_MAX_DIAGNOSES, 8): a burst waits
 * here, before its deadline starts, instead of every diagnosis starting and all of them running
 * out of time together. After HOPSCOPE_QUEUE_WAIT_MS (15 s) in the queue: 503 with Retry-After.
 * Returns the release.
 */
export async function takeDiagnosisSlot(): Promise<() => void> {
  const max = num('HOPSCOPE_MAX_DIAGNOSES', 8);
  if (!state.slots || state.slots.limit !== max) state.slots = new Semaphore(max);
  const slots = state.slots;
  const pool = slots;
  try {
    return await pool.acquire(AbortSignal.timeout(num('HOPSCOPE_QUEUE_WAIT_MS', 15_000)));
  } catch {
    throw new RequestError(
      'unavailable',
      `Hopscope is busy: ${pool.inUse} diagnoses running and ${pool.queued} waiting; try again in a few seconds`,
      [],
      { retryAfterSeconds: 5 },
    );
  }
}

interface Bucket {
  tokens: number;
  at: number;
}

const MAX_TRACKED_USERS = 10_000;

/** Token buckets per user: `perMinute` refill, `burst` at most at once. */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  constructor(
    readonly perMinute: number,
    readonly burst: number,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Takes one diagnosis from the user's bucket, or says how long to wait. */
  take(user: string): { ok: true } | { ok: false; retryAfterSeconds: number } {
    const now = this.clock();
    const rate = this.perMinute / 60_000;
    const b = this.buckets.get(user) ?? { tokens: this.burst, at: now };
    b.tokens = Math.min(this.burst, b.tokens + (now - b.at) * rate);
    b.at = now;
    this.buckets.delete(user);
    this.buckets.set(user, b);
    while (this.buckets.size > MAX_TRACKED_USERS)
      this.buckets.delete(this.buckets.keys().next().value!);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return { ok: true };
    }
    return { ok: false, retryAfterSeconds: Math.ceil((1 - b.tokens) / rate / 1000) };
  }
}

/** HOPSCOPE_DIAGNOSES_PER_MINUTE per user (default 60, burst the same): a 429 beyond it. */
export function admitDiagnosis(user: string): void {
  const perMinute = num('HOPSCOPE_DIAGNOSES_PER_MINUTE', 60);
  if (!state.limiter || state.limiter.perMinute !== perMinute)
    state.limiter = new RateLimiter(perMinute, perMinute);
  const taken = state.limiter.take(user);
  if (!taken.ok)
    throw new RequestError(
      'rate-limited',
      `too many diagnoses from ${user}: at most ${perMinute} a minute; try again in ${taken.retryAfterSeconds} s`,
      [],
      { retryAfterSeconds: taken.retryAfterSeconds },
    );
}

/** Runs `work` once for all callers asking the same thing while it is in flight. */
export class Coalescer<T> {
  private readonly inFlight = new Map<string, Promise<T>>();

  run(key: string, work: () => Promise<T>): { result: Promise<T>; shared: boolean } {
    const running = this.inFlight.get(key);
    if (running) return { result: running, shared: true };
    const result = work().finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, result);
    return { result, shared: false };
  }

  get size(): number {
    return this.inFlight.size;
  }
}
