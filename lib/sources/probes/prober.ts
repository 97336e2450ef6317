// Probes from this process: DNS questions to the path's DNS server, TCP connects and HTTP requests
// to the path's addresses, each try classified with its phase timings. Bounded in tries, time per
// try and time overall; an address that is not one of the path's is never sent a packet.
import { Resolver } from 'node:dns/promises';
import net from 'node:net';
import type {
  ProbeAttempt,
  ProbeOutcome,
  ProbeResult,
  ProbeRun,
  ProbeTarget,
} from '@/lib/model/probe';

export interface ProbeLimits {
  /** Tries per target (default 20). */
  tries: number;
  /** Per try: connect, then first byte (default 2 s). */
  timeoutMs: number;
  /** The whole run; targets not reached in time are said `notProbed` (default 15 s). */
  budgetMs: number;
  /** Targets probed at once (default 4); the tries of one target run one after another. */
  concurrency: number;
}

export const DEFAULT_PROBE_LIMITS: ProbeLimits = {
  tries: 20,
  timeoutMs: 2_000,
  budgetMs: 15_000,
  concurrency: 4,
};

const elapsed = (t0: number) => Math.round((performance.now() - t0) * 10) / 10;

function connectOutcome(code: string | undefined): ProbeOutcome {
  switch (code) {
    case 'ECONNREFUSED':
      return 'refused';
    case 'ECONNRESET':
    case 'EPIPE':
      return 'reset';
    case 'ETIMEDOUT':
      return 'timeout';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'EADDRNOTAVAIL':
      return 'unreachable';
    default:
      return 'error';
  }
}

/** One TCP connect, or one HTTP/1.1 GET over it when `http` is given. */
function probeConnection(target: ProbeTarget, timeoutMs: number): Promise<ProbeAttempt> {
  const http = target.protocol === 'http';
  return new Promise((resolve) => {
    const t0 = performance.now();
    let connectMs: number | undefined;
    let settled = false;
    const socket = net.connect({ host: target.address, port: target.port });
    const finish = (attempt: Omit<ProbeAttempt, 'ms'>, firstByteMs?: number) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({
        ...attempt,
        ms: {
          ...(connectMs !== undefined ? { connectMs } : {}),
          ...(firstByteMs !== undefined ? { firstByteMs } : {}),
          totalMs: elapsed(t0),
        },
      });
    };
    const timer = setTimeout(
      () =>
        finish(
          connectMs === undefined
            ? { outcome: 'timeout', ok: false, detail: `no connection in ${timeoutMs} ms` }
            : { outcome: 'no-first-byte', ok: false, detail: `no answer in ${timeoutMs} ms` },
        ),
      timeoutMs,
    );
    socket.once('connect', () => {
      connectMs = elapsed(t0);
      if (!http) return finish({ outcome: 'connected', ok: true });
      const host = target.hostHeader ?? target.address;
      socket.write(
        `GET ${target.httpPath ?? '/'} HTTP/1.1\r\nHost: ${host}\r\nUser-Agent: hopscope-trace\r\nConnection: close\r\n\r\n`,
      );
    });
    let head = '';
    socket.on('data', (chunk: Buffer) => {
      const firstByteMs = head === '' ? elapsed(t0) : undefined;
      head += chunk.toString('latin1');
      const line = /^HTTP\/\d(?:\.\d)? (\d{3})/.exec(head);
      if (line) {
        const status = Number(line[1]);
        finish(
          status >= 500
            ? { outcome: 'server-error', ok: false, status }
            : { outcome: 'answered', ok: true, status },
          firstByteMs ?? elapsed(t0),
        );
      } else if (head.length > 64 || head.includes('\n'))
        finish({ outcome: 'error', ok: false, detail: 'the answer is not HTTP' }, firstByteMs);
    });
    socket.once('error', (error: NodeJS.ErrnoException) =>
      finish({
        outcome: connectOutcome(error.code),
        ok: false,
        detail: error.code ?? error.message,
      }),
    );
    // Closed by the far side before an answer: after a connect that is a reset of the request.
    socket.once('close', () =>
      finish(
        connectMs === undefined
          ? { outcome: 'refused', ok: false, detail: 'closed' }
          : { outcome: 'reset', ok: false, detail: 'closed before an answer' },
      ),
    );
  });
}

async function probeDns(target: ProbeTarget, timeoutMs: number): Promise<ProbeAttempt> {
  const resolver = new Resolver({ timeout: timeoutMs, tries: 1 });
  resolver.setServers([
    net.isIPv6(target.address)
      ? `[${target.address}]:${target.port}`
      : `${target.address}:${target.port}`,
  ]);
  const t0 = performance.now();
  try {
    await resolver.resolve4(target.name ?? '');
    return { outcome: 'answered', ok: true, ms: { dnsMs: elapsed(t0), totalMs: elapsed(t0) } };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const outcome: ProbeOutcome =
      code === 'ENOTFOUND'
        ? 'nxdomain'
        : code === 'ESERVFAIL'
          ? 'servfail'
          : code === 'ETIMEOUT'
            ? 'timeout'
            : code === 'ECONNREFUSED'
              ? 'refused'
              : 'error';
    return {
      outcome,
      ok: false,
      ...(code ? { detail: code } : {}),
      ms: { dnsMs: elapsed(t0), totalMs: elapsed(t0) },
    };
  } finally {
    resolver.cancel();
  }
}

/**
 * Runs every target's tries from this process. `allowed` is the set of the path's addresses:
 * a target outside it is listed as not probed, and nothing is sent to it.
 */
export async function runProbes(
  targets: ProbeTarget[],
  allowed: ReadonlySet<string>,
  vantage: string,
  limits: Partial<ProbeLimits> = {},
): Promise<ProbeRun> {
  const { tries, timeoutMs, budgetMs, concurrency } = { ...DEFAULT_PROBE_LIMITS, ...limits };
  const startedAt = new Date();
  const deadline = performance.now() + budgetMs;
  const results: ProbeResult[] = targets.map((target) => ({ target, attempts: [] }));
  let next = 0;
  const worker = async () => {
    for (;;) {
      const i = next++;
      if (i >= results.length) return;
      const result = results[i]!;
      if (!allowed.has(result.target.address)) {
        result.notProbed = `${result.target.address} is not an address of this path`;
        continue;
      }
      for (let t = 0; t < tries; t++) {
        if (performance.now() + timeoutMs > deadline) {
          result.notProbed = `the run's ${budgetMs / 1000} s were spent after ${t} of ${tries} tries`;
          break;
        }
        result.attempts.push(
          result.target.protocol === 'dns'
            ? await probeDns(result.target, timeoutMs)
            : await probeConnection(result.target, timeoutMs),
        );
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, targets.length) }, worker));
  return { vantage, startedAt: startedAt.toISOString(), triesPerTarget: tries, results };
}
