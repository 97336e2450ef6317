import { describe, expect, it } from 'vitest';
import { Coalescer, RateLimiter, takeDiagnosisSlot } from './limits';
import { RequestError } from './errors';
import { DeadlinePassedError, makeBudget, Semaphore } from '@/lib/sources/concurrency';

describe('RateLimiter', () => {
  it('allows a burst, then one per refill interval, per user', () => {
    let now = 0;
    const limiter = new RateLimiter(6, 3, () => now); // one every 10 s
    expect([1, 2, 3].map(() => limiter.take('alice').ok)).toEqual([true, true, true]);
    const refused = limiter.take('alice');
    expect(refused).toEqual({ ok: false, retryAfterSeconds: 10 });
    expect(limiter.take('bob').ok).toBe(true);
    now = 10_000;
    expect(limiter.take('alice').ok).toBe(true);
    expect(limiter.take('alice').ok).toBe(false);
  });
});

describe('Coalescer', () => {
  it('shares one run among identical requests in flight, and runs again after', async () => {
    const c = new Coalescer<number>();
    let runs = 0;
    let finish!: (n: number) => void;
    const work = () => {
      runs += 1;
      return new Promise<number>((r) => (finish = r));
    };
    const a = c.run('k', work);
    const b = c.run('k', work);
    expect([a.shared, b.shared]).toEqual([false, true]);
    finish(7);
    expect(await Promise.all([a.result, b.result])).toEqual([7, 7]);
    expect(runs).toBe(1);
    expect(c.size).toBe(0);
    c.run('k', work);
    expect(runs).toBe(2);
  });
});

describe('Semaphore and budget', () => {
  it('never runs more than its limit at once, and serves waiters first in, first out', async () => {
    const s = new Semaphore(2);
    let running = 0;
    let peak = 0;
    const order: number[] = [];
    await Promise.all(
      [1, 2, 3, 4, 5].map((i) =>
        s.run(async () => {
          running += 1;
          peak = Math.max(peak, running);
          await new Promise((r) => setTimeout(r, 5));
          order.push(i);
          running -= 1;
        }),
      ),
    );
    expect(peak).toBe(2);
    expect(order).toEqual([1, 2, 3, 4, 5]);
    expect(s.inUse).toBe(0);
  });

  it('lets a waiter leave when the deadline passes, with the deadline as the reason', async () => {
    const s = new Semaphore(1);
    const release = await s.acquire();
    const budget = makeBudget(20, 1);
    await expect(s.acquire(budget.deadline)).rejects.toBeInstanceOf(DeadlinePassedError);
    expect(s.queued).toBe(0);
    release();
    expect(s.inUse).toBe(0);
  });
});

describe('takeDiagnosisSlot', () => {
  it('runs a bounded number of diagnoses; a caller who waits too long gets 503 with Retry-After', async () => {
    process.env.HOPSCOPE_MAX_DIAGNOSES = '1';
    process.env.HOPSCOPE_QUEUE_WAIT_MS = '30';
    try {
      const release = await takeDiagnosisSlot();
      const refused = await takeDiagnosisSlot().catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(RequestError);
      expect(refused).toMatchObject({ kind: 'unavailable', status: 503, retryAfterSeconds: 5 });
      expect((refused as Error).message).toMatch(/busy: 1 diagnoses running/);
      const waiting = takeDiagnosisSlot();
      release();
      (await waiting)();
    } finally {
      delete process.env.HOPSCOPE_MAX_DIAGNOSES;
      delete process.env.HOPSCOPE_QUEUE_WAIT_MS;
    }
  });
});
