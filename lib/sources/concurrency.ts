// A counting semaphore with a FIFO queue: bounds how many requests run at once, per diagnosis
// and for the whole server, so one big diagnosis or a burst of them cannot flood a source.

export class DeadlinePassedError extends Error {
  constructor(readonly deadlineMs: number) {
    super(`the diagnosis' deadline of ${Math.round(deadlineMs / 1000)} s passed first`);
    this.name = 'DeadlinePassedError';
  }
}

export class Semaphore {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly limit: number) {
    if (!(limit >= 1)) throw new Error(`a semaphore needs a limit of at least 1, not ${limit}`);
  }

  get inUse(): number {
    return this.running;
  }

  get queued(): number {
    return this.waiting.length;
  }

  /** Waits for a permit; rejects if `signal` aborts first (the waiter leaves the queue). */
  acquire(signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.running < this.limit) {
      this.running += 1;
      return Promise.resolve(this.releaser());
    }
    return new Promise((resolve, reject) => {
      const grant = () => {
        signal?.removeEventListener('abort', onAbort);
        this.running += 1;
        resolve(this.releaser());
      };
      const onAbort = () => {
        const at = this.waiting.indexOf(grant);
        if (at >= 0) this.waiting.splice(at, 1);
        reject(signal!.reason);
      };
      this.waiting.push(grant);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  async run<T>(work: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const release = await this.acquire(signal);
    try {
      return await work();
    } finally {
      release();
    }
  }

  private releaser(): () => void {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.running -= 1;
      this.waiting.shift()?.();
    };
  }
}

/** The budget one diagnosis spends: a deadline for everything and a bound on parallel requests. */
export interface RequestBudget {
  /** Aborts when the diagnosis' deadline passes; its reason is a DeadlinePassedError. */
  deadline: AbortSignal;
  deadlineMs: number;
  /** Requests of this diagnosis in flight at once. */
  perDiagnosis: Semaphore;
}

export function makeBudget(deadlineMs: number, perDiagnosis: number): RequestBudget {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DeadlinePassedError(deadlineMs)), deadlineMs);
  timer.unref?.();
  return { deadline: controller.signal, deadlineMs, perDiagnosis: new Semaphore(perDiagnosis) };
}
