// The probe script the pods/exec vantage runs, run here by a real sh with the real curl and dig
// against loopback listeners: each try classified as the server's own prober would, with its
// timings; a target whose tool is missing is never run.
import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { describeSummary, summarizeProbe, type ProbeTarget } from '@/lib/model/probe';
import { startDnsServer, startListener, type Running } from '@/e2e/harness/probe-listener';
import {
  buildProbeScript,
  classifyCurl,
  DETECT_TOOLS_SCRIPT,
  parseProbeOutput,
  resultsOf,
} from './exec-script';

const HOST = '127.0.0.1';
const has = (tool: string) => spawnSync(tool, [tool === 'dig' ? '-v' : '--version']).status === 0;
const running: Running[] = [];
afterAll(async () => {
  await Promise.all(running.map((r) => r.close()));
});

const http = (port: number, label = 'pod'): ProbeTarget => ({
  tier: 'endpoint',
  label,
  protocol: 'http',
  address: HOST,
  port,
});

/** Runs the script as the exec would (sh -c), asynchronously so the listeners here can answer. */
async function run(targets: ProbeTarget[], tries: number, timeoutMs: number) {
  const { spawn } = await import('node:child_process');
  const script = buildProbeScript(
    targets.map((target, index) => ({ index, target })),
    tries,
    timeoutMs,
  );
  const child = spawn('sh', ['-c', script]);
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  await new Promise((r) => child.once('exit', r));
  return resultsOf(targets, parseProbeOutput(out, targets), new Map(), 'cut short');
}

describe('detecting the tools an image has', () => {
  it('names the tools that run and leaves out one that is not found', () => {
    const out = spawnSync('/bin/sh', ['-c', DETECT_TOOLS_SCRIPT], {
      encoding: 'utf8',
      env: { PATH: '/nonexistent' } as unknown as NodeJS.ProcessEnv,
    });
    expect(out.stdout.trim()).toBe('');
    const here = spawnSync('sh', ['-c', DETECT_TOOLS_SCRIPT], { encoding: 'utf8' });
    expect(here.stdout.split(/\s+/).filter(Boolean).sort()).toEqual(
      ['curl', 'dig'].filter(has).sort(),
    );
  });
});

describe.runIf(has('curl'))('TCP and HTTP tries with curl', () => {
  it('answers, one reset in four, refused, a hung app, a 503 and a slow first byte', async () => {
    const listeners = await Promise.all([
      startListener(HOST, { kind: 'answer' }),
      startListener(HOST, { kind: 'reset-every', n: 4 }),
      startListener(HOST, { kind: 'hang' }),
      startListener(HOST, { kind: 'answer', status: 503 }),
      startListener(HOST, { kind: 'slow-first-byte', delayMs: 150 }),
    ]);
    running.push(...listeners);
    const closed = await startListener(HOST, { kind: 'answer' });
    await closed.close();
    const [ok, resets, hung, failing, slow, refused] = await run(
      [...listeners.map((l) => http(l.port)), http(closed.port)],
      8,
      400,
    );
    expect(summarizeProbe(ok!)).toMatchObject({ ok: 8, of: 8, outcomes: [['answered', 8]] });
    expect(ok!.attempts[0]!.status).toBe(200);
    expect(ok!.attempts[0]!.ms.connectMs).toBeLessThanOrEqual(ok!.attempts[0]!.ms.firstByteMs!);
    expect(describeSummary(summarizeProbe(resets!))).toBe('6 of 8 answered, 2 of 8 reset');
    expect(summarizeProbe(hung!).outcomes).toEqual([['no-first-byte', 8]]);
    expect(summarizeProbe(failing!).outcomes).toEqual([['server-error', 8]]);
    expect(failing!.attempts[0]!.status).toBe(503);
    for (const a of slow!.attempts) expect(a.ms.firstByteMs).toBeGreaterThanOrEqual(145);
    expect(summarizeProbe(refused!).outcomes).toEqual([['refused', 8]]);
  });

  it('a TCP target is judged on the connection: a hung app still connects', async () => {
    const hung = await startListener(HOST, { kind: 'hang' });
    running.push(hung);
    const [r] = await run([{ ...http(hung.port), protocol: 'tcp' }], 2, 300);
    expect(summarizeProbe(r!).outcomes).toEqual([['connected', 2]]);
  });
});

describe.runIf(has('dig'))('DNS tries with dig', () => {
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
    const results = await run(
      servers.map((s) => ({
        tier: 'dns' as const,
        label: 'kube-dns',
        protocol: 'dns' as const,
        address: HOST,
        port: s.port,
        name: 'web.shop.svc.cluster.local',
      })),
      2,
      1_000,
    );
    expect(results.map((r) => summarizeProbe(r).outcomes[0]![0])).toEqual([
      'answered',
      'nxdomain',
      'servfail',
      'timeout',
    ]);
    expect(servers[3]!.connections()).toBe(2);
  });
});

describe('what curl says when it prints no figures', () => {
  const t = http(80);
  it('tells a connection that never came from an answer that never came', () => {
    expect(
      classifyCurl(t, 28, 'curl: (28) Failed to connect to 10.96.20.10 port 80 after 2001 ms: Timeout was reached'), // prettier-ignore
    ).toMatchObject({ outcome: 'timeout', ok: false, ms: { totalMs: 2001 } });
    expect(
      classifyCurl(t, 28, 'curl: (28) Operation timed out after 2001 milliseconds with 0 bytes received'), // prettier-ignore
    ).toMatchObject({ outcome: 'no-first-byte', ok: false });
    expect(
      classifyCurl(t, 7, 'curl: (7) Failed to connect to 10.96.20.10 port 80 after 0 ms: Couldn\'t connect to server'), // prettier-ignore
    ).toMatchObject({ outcome: 'refused' });
    expect(
      classifyCurl(t, 7, 'curl: (7) Failed to connect to 10.96.20.10 port 80 after 3 ms: No route to host'), // prettier-ignore
    ).toMatchObject({ outcome: 'unreachable' });
  });
});
