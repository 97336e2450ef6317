// The prober against real sockets on loopback: listeners that answer, reset one connection in
// four, hang, answer 503 or late, a closed port, and a DNS server that answers, says NXDOMAIN or
// SERVFAIL, or stays silent. Every try is classified; nothing is sent outside the path.
import { afterAll, describe, expect, it } from 'vitest';
import { describeSummary, summarizeProbe, type ProbeTarget } from '@/lib/model/probe';
import { startDnsServer, startListener, type Running } from '@/e2e/harness/probe-listener';
import { runProbes } from './prober';

const HOST = '127.0.0.1';
const running: Running[] = [];
afterAll(async () => {
  await Promise.all(running.map((r) => r.close()));
});

async function listener(...args: Parameters<typeof startListener>) {
  const r = await startListener(...args);
  running.push(r);
  return r;
}

const http = (port: number, label = 'pod'): ProbeTarget => ({
  tier: 'endpoint',
  label,
  protocol: 'http',
  address: HOST,
  port,
});
const allowed = new Set([HOST]);

describe('TCP and HTTP probes', () => {
  it('a healthy pod answers 20 of 20, with connect and first-byte timings', async () => {
    const pod = await listener(HOST, { kind: 'answer' });
    const run = await runProbes([http(pod.port)], allowed, 'test');
    const s = summarizeProbe(run.results[0]!);
    expect(s).toMatchObject({ ok: 20, of: 20, outcomes: [['answered', 20]] });
    const a = run.results[0]!.attempts[0]!;
    expect(a.status).toBe(200);
    expect(a.ms.connectMs).toBeLessThanOrEqual(a.ms.firstByteMs!);
    expect(pod.connections()).toBe(20);
  });

  it('a pod that resets one connection in four shows as "5 of 20 reset"', async () => {
    const pod = await listener(HOST, { kind: 'reset-every', n: 4 });
    const run = await runProbes([http(pod.port)], allowed, 'test');
    const s = summarizeProbe(run.results[0]!);
    expect(s.ok).toBe(15);
    expect(describeSummary(s)).toBe('15 of 20 answered, 5 of 20 reset');
  });

  it('a closed port is refused; a hung app connects but gives no first byte; 503 is a server error', async () => {
    const closed = await listener(HOST, { kind: 'answer' });
    await closed.close();
    const hung = await listener(HOST, { kind: 'hang' });
    const failing = await listener(HOST, { kind: 'answer', status: 503 });
    const run = await runProbes(
      [http(closed.port, 'closed'), http(hung.port, 'hung'), http(failing.port, '503')],
      allowed,
      'test',
      { tries: 3, timeoutMs: 300 },
    );
    const [c, h, f] = run.results.map((r) => summarizeProbe(r));
    expect(c!.outcomes).toEqual([['refused', 3]]);
    expect(h!.outcomes).toEqual([['no-first-byte', 3]]);
    expect(run.results[1]!.attempts[0]!.ms.connectMs).toBeDefined();
    expect(f!.outcomes).toEqual([['server-error', 3]]);
    expect(run.results[2]!.attempts[0]!.status).toBe(503);
  });

  it('a slow first byte is timed where it is', async () => {
    const slow = await listener(HOST, { kind: 'slow-first-byte', delayMs: 150 });
    const run = await runProbes([http(slow.port)], allowed, 'test', { tries: 2 });
    for (const a of run.results[0]!.attempts) {
      expect(a.ms.firstByteMs).toBeGreaterThanOrEqual(145);
      expect(a.ms.connectMs).toBeLessThan(100);
    }
  });

  it('sends nothing to an address that is not the path’s, and stops at its budget', async () => {
    const other = await listener('127.0.0.2', { kind: 'answer' });
    const hung = await listener(HOST, { kind: 'hang' });
    const run = await runProbes(
      [{ ...http(other.port), address: '127.0.0.2' }, http(hung.port)],
      allowed,
      'test',
      { tries: 20, timeoutMs: 200, budgetMs: 1_000 },
    );
    expect(run.results[0]!.notProbed).toMatch(/not an address of this path/);
    expect(other.connections()).toBe(0);
    expect(run.results[1]!.attempts.length).toBeLessThan(20);
    expect(run.results[1]!.notProbed).toMatch(/were spent after \d+ of 20 tries/);
  });
});

describe('DNS probes', () => {
  const dns = (port: number, name = 'web.shop.svc.cluster.local'): ProbeTarget => ({
    tier: 'dns',
    label: 'kube-dns',
    protocol: 'dns',
    address: HOST,
    port,
    name,
  });

  it('classifies an answer, NXDOMAIN, SERVFAIL and silence', async () => {
    const servers = await Promise.all(
      (
        [
          { kind: 'answer', ip: '10.96.20.10' },
          { kind: 'nxdomain' },
          { kind: 'servfail' },
          { kind: 'silent' },
        ] as const
      ).map((b) => startDnsServer(HOST, b)),
    );
    running.push(...servers);
    const run = await runProbes(
      servers.map((s) => dns(s.port)),
      allowed,
      'test',
      { tries: 2, timeoutMs: 300 },
    );
    expect(run.results.map((r) => summarizeProbe(r).outcomes[0]![0])).toEqual([
      'answered',
      'nxdomain',
      'servfail',
      'timeout',
    ]);
    expect(servers[3]!.connections()).toBe(2);
  });
});
