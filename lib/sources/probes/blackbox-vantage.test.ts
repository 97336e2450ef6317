// A blackbox_exporter's /probe answer (debug=true: its log, then its metrics), as the exporter
// writes it, classified as one try.
import { describe, expect, it } from 'vitest';
import type { ProbeTarget } from '@/lib/model/probe';
import { classifyBlackbox } from './blackbox-vantage';

const pod: ProbeTarget = { tier: 'endpoint', label: 'pod', protocol: 'http', address: '10.244.1.10', port: 8080 }; // prettier-ignore
const answer = (log: string, metrics: Record<string, number>) =>
  `Logs for the probe:\n${log}\n\n\n\nMetrics that would have been returned:\n${Object.entries(
    metrics,
  )
    .map(([k, v]) => `${k} ${v}`)
    .join('\n')}\n`;

describe('a blackbox_exporter probe, classified', () => {
  it('a reset: the error line quotes the URL with escaped quotes', () => {
    const a = classifyBlackbox(
      pod,
      answer(
        'ts=2026-11-30T17:54:39Z caller=handler.go:117 module=http_2xx target=http://10.244.1.10:8080/ level=error msg="Error for HTTP request" err="Get \\"http://10.244.1.10:8080/\\": read tcp 10.244.1.200:41436->10.244.1.10:8080: read: connection reset by peer"',
        { probe_duration_seconds: 0.00175, 'probe_http_duration_seconds{phase="connect"}': 0.00026, probe_http_status_code: 0, probe_success: 0 }, // prettier-ignore
      ),
    );
    expect(a).toMatchObject({ outcome: 'reset', ok: false, ms: { connectMs: 0.3, totalMs: 1.8 } });
    expect(a.detail).toMatch(/^Get "http:\/\/10\.244\.1\.10:8080\/": read tcp/);
  });

  it('an answer, a 503, a refusal and a hung app', () => {
    const ok = classifyBlackbox(pod, answer('', { probe_success: 1, probe_http_status_code: 200, probe_duration_seconds: 0.004, 'probe_http_duration_seconds{phase="connect"}': 0.001, 'probe_http_duration_seconds{phase="processing"}': 0.002 })); // prettier-ignore
    expect(ok).toMatchObject({ outcome: 'answered', ok: true, status: 200, ms: { connectMs: 1, firstByteMs: 3 } }); // prettier-ignore
    expect(classifyBlackbox(pod, answer('', { probe_success: 0, probe_http_status_code: 503 }))).toMatchObject({ outcome: 'server-error', status: 503 }); // prettier-ignore
    expect(classifyBlackbox(pod, answer('level=error msg="Error for HTTP request" err="dial tcp 10.244.1.10:8080: connect: connection refused"', { probe_success: 0 })).outcome).toBe('refused'); // prettier-ignore
    expect(classifyBlackbox(pod, answer('level=error msg="Error for HTTP request" err="context deadline exceeded"', { probe_success: 0, 'probe_http_duration_seconds{phase="connect"}': 0.0003 })).outcome).toBe('no-first-byte'); // prettier-ignore
  });
});
